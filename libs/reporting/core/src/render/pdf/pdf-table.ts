import {
  columnHeader,
  formatCell,
  MISSING_MARK,
  SUPPRESSED_MARK,
  type FormattedCell,
} from '../../format/number-format';
import type { ReportTable, TableRow } from '../../model/report-document';
import {
  artifact,
  contentWidth,
  ensureSpace,
  LAYOUT,
  pageBottom,
  type PdfContext,
  type StructElement,
} from './pdf-context';
import { FONT } from './pdf-fonts';

// Tables are laid out here rather than with pdfkit's table(): that one neither repeats its
// header row on a new page nor lets a cell be suppressed/missing. The header row is a THead in
// the structure tree once; on continuation pages it is redrawn as a pagination artifact, so
// screen readers do not read it twice.

const PAD = { x: 4, y: 3 };

interface Layout {
  x: number[];
  widths: number[];
  numeric: boolean[];
  headers: string[];
  headerHeight: number;
}

function layoutOf(ctx: PdfContext, table: ReportTable): Layout {
  const { doc, language } = ctx;
  const numeric = table.columns.map((c) => c.format.kind !== 'text' && c.format.kind !== 'date');
  const weights = table.columns.map((c, i) => c.weight ?? (numeric[i] ? 1 : 2));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * contentWidth(doc));
  const x = widths.map((_, i) => doc.page.margins.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const headers = table.columns.map((c) => columnHeader(c, language));
  doc.font(FONT.bold).fontSize(LAYOUT.table - 0.5);
  const headerHeight =
    Math.max(...headers.map((h, i) => doc.heightOfString(h, { width: widths[i] - 2 * PAD.x }))) + 2 * PAD.y;
  return { x, widths, numeric, headers, headerHeight };
}

function cellOptions(layout: Layout, i: number): PDFKit.Mixins.TextOptions {
  return { width: layout.widths[i] - 2 * PAD.x, align: layout.numeric[i] ? 'right' : 'left', lineGap: 0.5 };
}

function drawHeaderCells(ctx: PdfContext, layout: Layout, top: number, row?: StructElement): void {
  const { doc } = ctx;
  artifact(doc, () => {
    doc.rect(layout.x[0], top, contentWidth(doc), layout.headerHeight).fill('#dde6ef');
    doc
      .moveTo(layout.x[0], top + layout.headerHeight)
      .lineTo(layout.x[0] + contentWidth(doc), top + layout.headerHeight);
    doc.lineWidth(0.8).stroke(LAYOUT.ink);
  });
  layout.headers.forEach((header, i) => {
    const draw = () =>
      doc
        .font(FONT.bold)
        .fontSize(LAYOUT.table - 0.5)
        .fillColor(LAYOUT.ink)
        .text(header, layout.x[i] + PAD.x, top + PAD.y, cellOptions(layout, i));
    if (row) row.add(doc.struct('TH', { scope: 'Column' } as PDFKit.Mixins.StructureElementOptions, draw));
    else artifact(doc, draw, 'Pagination');
  });
  doc.y = top + layout.headerHeight;
}

function rowHeight(ctx: PdfContext, layout: Layout, cells: FormattedCell[], bold: boolean): number {
  const { doc } = ctx;
  doc.font(bold ? FONT.bold : FONT.regular).fontSize(LAYOUT.table);
  return Math.max(...cells.map((c, i) => doc.heightOfString(c.text, cellOptions(layout, i)))) + 2 * PAD.y;
}

function drawRow(
  ctx: PdfContext,
  layout: Layout,
  row: TableRow,
  cells: FormattedCell[],
  body: StructElement,
): void {
  const { doc } = ctx;
  const bold = row.role === 'total';
  const height = rowHeight(ctx, layout, cells, bold);
  if (doc.y + height > pageBottom(doc)) {
    doc.addPage();
    drawHeaderCells(ctx, layout, doc.y);
  }
  const top = doc.y;
  artifact(doc, () => {
    if (row.role === 'highlight') doc.rect(layout.x[0], top, contentWidth(doc), height).fill(LAYOUT.tint);
    const ruleWidth = row.role === 'total' ? 0.8 : 0.3;
    doc.moveTo(layout.x[0], top + height).lineTo(layout.x[0] + contentWidth(doc), top + height);
    doc.lineWidth(ruleWidth).stroke(LAYOUT.rule);
  });
  const tr = doc.struct('TR');
  body.add(tr);
  cells.forEach((cell, i) => {
    tr.add(
      doc.struct('TD', {}, () => {
        doc.font(bold || row.role === 'highlight' ? FONT.bold : FONT.regular).fontSize(LAYOUT.table);
        doc
          .fillColor(cell.mark ? LAYOUT.muted : LAYOUT.ink)
          .text(cell.text, layout.x[i] + PAD.x, top + PAD.y, cellOptions(layout, i));
      }),
    );
  });
  tr.end();
  doc.y = top + height;
}

/** The legend line for the marks a table uses, in the report language. */
export function markLegend(ctx: PdfContext, table: ReportTable): string | undefined {
  const marks = new Set(
    table.rows.flatMap((row) => row.cells.map((c) => (typeof c === 'object' ? c.status : undefined))),
  );
  const parts: string[] = [];
  if (marks.has('suppressed')) parts.push(ctx.t('legend.suppressed', { mark: SUPPRESSED_MARK }));
  if (marks.has('missing')) parts.push(ctx.t('legend.missing', { mark: MISSING_MARK }));
  return parts.length ? parts.join('; ') : undefined;
}

function smallParagraph(ctx: PdfContext, text: string): void {
  const { doc } = ctx;
  ctx.root.add(
    doc.struct('P', {}, () => {
      doc
        .font(FONT.regular)
        .fontSize(LAYOUT.small)
        .fillColor(LAYOUT.muted)
        .text(text, doc.page.margins.left, doc.y, {
          width: contentWidth(doc),
        });
    }),
  );
}

export function table(ctx: PdfContext, table: ReportTable): void {
  const { doc, language } = ctx;
  ctx.tableCount += 1;
  const layout = layoutOf(ctx, table);
  const formatted = table.rows.map((row) =>
    row.cells.map((cell, i) => formatCell(cell, table.columns[i].format, language)),
  );
  const firstRows = formatted.slice(0, 2).reduce((h, cells) => h + rowHeight(ctx, layout, cells, false), 0);
  ensureSpace(doc, 20 + layout.headerHeight + firstRows);
  const element = doc.struct('Table');
  ctx.root.add(element);
  element.add(
    doc.struct('Caption', {}, () => {
      doc
        .font(FONT.bold)
        .fontSize(LAYOUT.body - 1)
        .fillColor(LAYOUT.ink);
      doc.text(
        `${ctx.t('table.label', { n: ctx.tableCount })}: ${table.caption}`,
        doc.page.margins.left,
        doc.y,
        {
          width: contentWidth(doc),
        },
      );
    }),
  );
  doc.moveDown(0.3);
  const head = doc.struct('THead');
  element.add(head);
  const headRow = doc.struct('TR');
  head.add(headRow);
  drawHeaderCells(ctx, layout, doc.y, headRow);
  headRow.end();
  head.end();
  const body = doc.struct('TBody');
  element.add(body);
  table.rows.forEach((row, r) => drawRow(ctx, layout, row, formatted[r], body));
  body.end();
  element.end();
  doc.x = doc.page.margins.left;
  doc.moveDown(0.3);
  const legend = markLegend(ctx, table);
  if (legend) smallParagraph(ctx, legend);
  if (table.source) smallParagraph(ctx, ctx.t('source.label', { source: table.source }));
  doc.moveDown(0.8);
}
