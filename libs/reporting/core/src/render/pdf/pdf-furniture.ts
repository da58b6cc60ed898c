import { formatDate } from '../../format/number-format';
import { headingText, type FlowHeading } from '../../model/document-flow';
import type { ReportDocument } from '../../model/report-document';
import {
  artifact,
  contentWidth,
  LAYOUT,
  pageBottom,
  type PdfContext,
  type StructElement,
} from './pdf-context';
import { FONT } from './pdf-fonts';

// What frames the content: the title block, the table of contents (reserved before the content
// is laid out, filled in once every heading's page is known) and the page footers.

const TOC_LINE = 17;

export function titleBlock(ctx: PdfContext, document: ReportDocument): void {
  const { doc, t, language } = ctx;
  const meta = document.metadata;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.y = doc.page.margins.top + 20;
  artifact(doc, () => doc.rect(left, doc.y - 14, 40, 4).fill('#1f3b5a'));
  ctx.root.add(
    doc.struct('H1', {}, () => {
      doc.font(FONT.bold).fontSize(22).fillColor(LAYOUT.ink).text(meta.title, left, doc.y, { width });
    }),
  );
  if (meta.subtitle) {
    doc.moveDown(0.2);
    ctx.root.add(
      doc.struct('P', {}, () =>
        doc.font(FONT.regular).fontSize(13).fillColor(LAYOUT.muted).text(meta.subtitle!, { width }),
      ),
    );
  }
  doc.moveDown(1.2);
  const lines: [string, string][] = [[t('meta.organisation'), meta.organisation]];
  if (meta.author) lines.push([t('meta.author'), meta.author]);
  lines.push([t('meta.asOf'), formatDate(meta.asOf, language)]);
  lines.push([t('meta.generatedAt'), formatDate(meta.generatedAt, language)]);
  if (meta.pin) lines.push([t('meta.pin'), `${meta.pin.dataId} · ${t('meta.hash')} ${meta.pin.contentHash}`]);
  for (const [label, value] of lines) {
    ctx.root.add(
      doc.struct('P', {}, () => {
        doc
          .font(FONT.bold)
          .fontSize(LAYOUT.body - 1)
          .fillColor(LAYOUT.ink)
          .text(`${label}: `, left, doc.y, { width, continued: true });
        doc.font(FONT.regular).text(value);
      }),
    );
  }
  doc.moveDown(1.5);
}

export interface TocSlot {
  page: number;
  y: number;
}

export interface TocReservation {
  element: StructElement;
  slots: TocSlot[];
}

/**
 * Reserves the lines of the table of contents from the cursor on, continuing on new pages as
 * needed (entries are single lines, so the space is known before the content is laid out).
 */
export function reserveToc(ctx: PdfContext, entries: FlowHeading[]): TocReservation {
  const { doc, t } = ctx;
  ctx.root.add(
    doc.struct('H1', {}, () => {
      doc
        .font(FONT.bold)
        .fontSize(LAYOUT.heading[1])
        .fillColor(LAYOUT.ink)
        .text(t('toc.title'), doc.page.margins.left, doc.y);
    }),
  );
  doc.moveDown(0.5);
  const element = doc.struct('TOC');
  ctx.root.add(element);
  const slots: TocSlot[] = [];
  let y = doc.y;
  for (let i = 0; i < entries.length; i++) {
    if (y + TOC_LINE > pageBottom(doc)) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    slots.push({ page: doc.bufferedPageRange().count - 1, y });
    y += TOC_LINE;
  }
  return { element, slots };
}

function fitted(ctx: PdfContext, text: string, width: number): string {
  const { doc } = ctx;
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Fills the reserved lines: title (linked to its heading), dot leader, page number. */
export function fillToc(
  ctx: PdfContext,
  reservation: TocReservation,
  entries: FlowHeading[],
  pages: Map<string, number>,
): void {
  const { doc } = ctx;
  const left = doc.page.margins.left;
  const right = left + contentWidth(doc);
  entries.forEach((entry, i) => {
    const slot = reservation.slots[i];
    doc.switchToPage(slot.page);
    const indent = entry.level === 1 ? 0 : 16;
    const page = String(pages.get(entry.id) ?? '');
    const font = entry.level === 1 ? FONT.bold : FONT.regular;
    doc.font(font).fontSize(LAYOUT.body);
    const numberWidth = doc.widthOfString('000');
    const title = fitted(ctx, headingText(entry), right - left - indent - numberWidth - 16);
    const titleEnd = left + indent + doc.widthOfString(title);
    artifact(doc, () => {
      doc.font(FONT.regular).fontSize(LAYOUT.body).fillColor(LAYOUT.rule);
      const dots = '.'.repeat(
        Math.max(0, Math.floor((right - numberWidth - titleEnd - 8) / doc.widthOfString('.'))),
      );
      doc.text(dots, titleEnd + 4, slot.y, { lineBreak: false });
    });
    const item = doc.struct('TOCI');
    reservation.element.add(item);
    item.add(
      doc.struct('Reference', {}, () => {
        doc.font(font).fontSize(LAYOUT.body).fillColor(LAYOUT.ink);
        doc.text(title, left + indent, slot.y, { lineBreak: false, goTo: entry.id });
        doc.text(page, right - numberWidth, slot.y, { width: numberWidth, align: 'right', lineBreak: false });
      }),
    );
    item.end();
  });
  reservation.element.end();
}

/** "Seite 3 von 12" and the title on every page, as pagination artifacts. */
export function pageFooters(ctx: PdfContext, document: ReportDocument): void {
  const { doc, t } = ctx;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing into the bottom margin must not make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    const left = doc.page.margins.left;
    const width = contentWidth(doc);
    const y = doc.page.height - 42;
    artifact(
      doc,
      () => {
        doc
          .moveTo(left, y - 6)
          .lineTo(left + width, y - 6)
          .lineWidth(0.4)
          .stroke(LAYOUT.rule);
        doc.font(FONT.regular).fontSize(LAYOUT.small).fillColor(LAYOUT.muted);
        doc.text(document.metadata.title, left, y, { width: width * 0.7, lineBreak: false, ellipsis: true });
        const label = t('page.footer', { page: i + 1, pages: range.count });
        doc.text(label, left + width * 0.7, y, { width: width * 0.3, align: 'right', lineBreak: false });
      },
      'Pagination',
    );
    doc.page.margins.bottom = bottom;
  }
}
