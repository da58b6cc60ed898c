import { formatCell } from '../../format/number-format';
import type { HeadingLevel } from '../../model/document-flow';
import type { KeyFact, TextRun } from '../../model/report-document';
import { artifact, contentWidth, ensureSpace, LAYOUT, type PdfContext } from './pdf-context';
import { FONT } from './pdf-fonts';

// Text blocks of the PDF: headings, paragraphs with emphasis, notes, lists and key-fact tiles,
// each drawn inside its structure element so the tagged PDF reads in order.

function fontOf(run: TextRun): string {
  return run.emphasis === 'strong' ? FONT.bold : run.emphasis === 'em' ? FONT.italic : FONT.regular;
}

/** Writes runs as one flowing paragraph at the cursor (call inside a structure closure). */
export function writeRuns(ctx: PdfContext, runs: TextRun[], options: PDFKit.Mixins.TextOptions = {}): void {
  const { doc } = ctx;
  runs.forEach((run, i) => {
    doc.font(fontOf(run)).text(run.text, { ...options, continued: i < runs.length - 1 });
  });
}

export function heading(ctx: PdfContext, level: HeadingLevel, text: string, id: string): void {
  const { doc } = ctx;
  const size = LAYOUT.heading[level];
  // Keep a heading with at least three lines of what follows it.
  const space = level === 1 ? 16 : 10;
  ensureSpace(doc, space + size * 1.4 + LAYOUT.body * 4);
  if (doc.y > doc.page.margins.top) doc.y += space;
  doc.addNamedDestination(id, 'XYZ', doc.page.margins.left, doc.y, null);
  doc.outline.addItem(text);
  ctx.root.add(
    doc.struct(`H${level}`, {}, () => {
      doc
        .font(FONT.bold)
        .fontSize(size)
        .fillColor(LAYOUT.ink)
        .text(text, doc.page.margins.left, doc.y, {
          width: contentWidth(doc),
        });
    }),
  );
  doc.moveDown(level === 1 ? 0.5 : 0.3);
}

export function paragraph(ctx: PdfContext, runs: TextRun[]): void {
  const { doc } = ctx;
  ensureSpace(doc, LAYOUT.body * 2.5);
  ctx.root.add(
    doc.struct('P', {}, () => {
      doc.fontSize(LAYOUT.body).fillColor(LAYOUT.ink);
      writeRuns(ctx, runs, { width: contentWidth(doc), lineGap: LAYOUT.lineGap });
    }),
  );
  doc.moveDown(0.6);
}

/** A remark in a tinted box, e.g. why a section has no data. */
export function note(ctx: PdfContext, runs: TextRun[]): void {
  const { doc } = ctx;
  const padding = 6;
  const width = contentWidth(doc) - 2 * padding;
  doc.font(FONT.italic).fontSize(LAYOUT.body);
  const height =
    doc.heightOfString(runs.map((r) => r.text).join(''), { width, lineGap: LAYOUT.lineGap }) + 2 * padding;
  ensureSpace(doc, height + 4);
  const [x, y] = [doc.page.margins.left, doc.y];
  artifact(doc, () => {
    doc.rect(x, y, contentWidth(doc), height).fill(LAYOUT.noteTint);
    doc.rect(x, y, 2.5, height).fill('#b8a46a');
  });
  ctx.root.add(
    doc.struct('P', {}, () => {
      doc.fillColor(LAYOUT.ink).fontSize(LAYOUT.body);
      doc.text('', x + padding, y + padding, { continued: false });
      writeRuns(
        ctx,
        runs.map((run) => ({ ...run, emphasis: run.emphasis ?? 'em' })),
        { width, lineGap: LAYOUT.lineGap },
      );
    }),
  );
  doc.x = x;
  doc.y = y + height + 8;
}

export function bulletList(ctx: PdfContext, items: TextRun[][]): void {
  const { doc } = ctx;
  const list = doc.struct('L');
  ctx.root.add(list);
  const indent = 14;
  for (const runs of items) {
    ensureSpace(doc, LAYOUT.body * 2);
    const y = doc.y;
    const item = doc.struct('LI');
    list.add(item);
    item.add(
      doc.struct('Lbl', {}, () => {
        doc
          .font(FONT.regular)
          .fontSize(LAYOUT.body)
          .fillColor(LAYOUT.ink)
          .text('•', doc.page.margins.left + 3, y);
      }),
    );
    item.add(
      doc.struct('LBody', {}, () => {
        doc.text('', doc.page.margins.left + indent, y);
        writeRuns(ctx, runs, { width: contentWidth(doc) - indent, lineGap: LAYOUT.lineGap });
      }),
    );
    item.end();
    doc.moveDown(0.25);
  }
  list.end();
  doc.x = doc.page.margins.left;
  doc.moveDown(0.4);
}

const TILE = { height: 50, gap: 8, padding: 7 };

/** Key facts as tiles, three per row: label, value with unit, context line. */
export function keyFacts(ctx: PdfContext, facts: KeyFact[]): void {
  const { doc, language } = ctx;
  const columns = 3;
  const width = (contentWidth(doc) - (columns - 1) * TILE.gap) / columns;
  const list = doc.struct('L');
  ctx.root.add(list);
  for (let start = 0; start < facts.length; start += columns) {
    ensureSpace(doc, TILE.height + TILE.gap);
    const top = doc.y;
    facts.slice(start, start + columns).forEach((fact, k) => {
      const x = doc.page.margins.left + k * (width + TILE.gap);
      artifact(doc, () => doc.rect(x, top, width, TILE.height).fill(LAYOUT.tint));
      const value = formatCell(fact.value, fact.format, language, { unit: true }).text;
      const shown = fact.unit && typeof fact.value === 'number' ? `${value}\u00a0${fact.unit}` : value;
      const inner = { width: width - 2 * TILE.padding, lineBreak: false, ellipsis: true } as const;
      list.add(
        doc.struct('LI', {}, [
          doc.struct('Lbl', {}, () => {
            doc.font(FONT.regular).fontSize(LAYOUT.small).fillColor(LAYOUT.muted);
            doc.text(fact.label, x + TILE.padding, top + TILE.padding, inner);
          }),
          doc.struct('LBody', {}, () => {
            doc.font(FONT.bold).fontSize(14).fillColor(LAYOUT.ink);
            doc.text(shown, x + TILE.padding, top + TILE.padding + 11, inner);
            if (fact.context) {
              doc
                .font(FONT.regular)
                .fontSize(LAYOUT.small - 0.5)
                .fillColor(LAYOUT.muted);
              doc.text(fact.context, x + TILE.padding, top + TILE.padding + 30, inner);
            }
          }),
        ]),
      );
    });
    doc.x = doc.page.margins.left;
    doc.y = top + TILE.height + TILE.gap;
  }
  list.end();
  doc.moveDown(0.3);
}
