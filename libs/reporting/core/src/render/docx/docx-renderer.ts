import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { Writable } from 'node:stream';
import {
  columnHeader,
  formatCell,
  formatDate,
  MISSING_MARK,
  SUPPRESSED_MARK,
} from '../../format/number-format';
import { documentFlow, headingText, type HeadingLevel as Level } from '../../model/document-flow';
import { parseReportDocument } from '../../model/parse-report-document';
import {
  REPORT_LOCALES,
  type KeyFact,
  type ReportDocument,
  type ReportFigure,
  type ReportTable,
  type TextRun as Run,
} from '../../model/report-document';
import { ReportingError } from '../../reporting-error';
import { textsFor, type Texts } from '../../texts';

// DOCX for staff who edit a report before a committee session: real heading styles (Heading1…,
// so Word's navigation pane and the TOC field work), real tables whose header row repeats on
// every page, charts and maps as SVG pictures with alt text, page numbers in the footer.
//
// Word requires a raster fallback beside every SVG picture for applications without SVG support
// (Word 2016+ and LibreOffice show the SVG). No rasteriser runs without a browser among our
// dependencies, so the default fallback is a neutral 1×1 PNG stretched to the picture's size;
// a caller that has one (e.g. @resvg/resvg-js) passes `rasterise` and gets a real fallback.

const NEUTRAL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP49OkTAAWwAtccUw7xAAAAAElFTkSuQmCC',
  'base64',
);
const FONT = 'DejaVu Sans';
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
/** Text width of an A4 page with 2 cm margins, in px at 96 dpi (what docx sizes pictures in). */
const TEXT_WIDTH_PX = 643;

export interface DocxOptions {
  /** Rasterises an SVG to PNG for the fallback Word requires; without it a neutral tile is used. */
  rasterise?: (svg: string, width: number, height: number) => Promise<Uint8Array>;
}

interface DocxContext {
  t: Texts;
  document: ReportDocument;
  options: DocxOptions;
  figures: number;
  tables: number;
}

function runs(items: Run[], extra: { italics?: boolean; size?: number; color?: string } = {}): TextRun[] {
  return items.map(
    (run) =>
      new TextRun({
        text: run.text,
        bold: run.emphasis === 'strong',
        italics: run.emphasis === 'em' || extra.italics,
        ...extra,
      }),
  );
}

function small(text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text, size: 16, color: '555555' })],
    spacing: { after: 120 },
  });
}

function cellParagraph(
  text: string,
  options: { right: boolean; bold?: boolean; muted?: boolean },
): Paragraph {
  return new Paragraph({
    alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
    children: [
      new TextRun({ text, bold: options.bold, size: 17, color: options.muted ? '555555' : undefined }),
    ],
  });
}

function table(ctx: DocxContext, data: ReportTable): FileChild[] {
  const language = ctx.document.metadata.language;
  ctx.tables += 1;
  const numeric = data.columns.map((c) => c.format.kind !== 'text' && c.format.kind !== 'date');
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: data.columns.map(
      (column, i) =>
        new TableCell({
          shading: { type: ShadingType.CLEAR, fill: 'DDE6EF', color: 'auto' },
          children: [cellParagraph(columnHeader(column, language), { right: numeric[i], bold: true })],
        }),
    ),
  });
  const rows = data.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row.cells.map((cell, i) => {
          const formatted = formatCell(cell, data.columns[i].format, language);
          return new TableCell({
            shading:
              row.role === 'highlight'
                ? { type: ShadingType.CLEAR, fill: 'EEF3F8', color: 'auto' }
                : undefined,
            children: [
              cellParagraph(formatted.text, {
                right: numeric[i],
                bold: row.role !== undefined && row.role !== 'body',
                muted: !!formatted.mark,
              }),
            ],
          });
        }),
      }),
  );
  const caption = new Paragraph({
    style: 'Caption',
    keepNext: true,
    children: [
      new TextRun({ text: `${ctx.t('table.label', { n: ctx.tables })}: ${data.caption}`, bold: true }),
    ],
  });
  const marks = new Set(
    data.rows.flatMap((r) => r.cells.map((c) => (typeof c === 'object' ? c.status : undefined))),
  );
  const legend = [
    ...(marks.has('suppressed') ? [ctx.t('legend.suppressed', { mark: SUPPRESSED_MARK })] : []),
    ...(marks.has('missing') ? [ctx.t('legend.missing', { mark: MISSING_MARK })] : []),
  ];
  return [
    caption,
    new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } }),
    ...(legend.length ? [small(legend.join('; '))] : []),
    ...(data.source ? [small(ctx.t('source.label', { source: data.source }))] : []),
  ];
}

async function figure(ctx: DocxContext, data: ReportFigure): Promise<FileChild[]> {
  ctx.figures += 1;
  const scale = Math.min(1, TEXT_WIDTH_PX / data.width);
  const size = { width: Math.round(data.width * scale), height: Math.round(data.height * scale) };
  const fallback = ctx.options.rasterise
    ? await ctx.options.rasterise(data.svg, size.width, size.height)
    : NEUTRAL_PNG;
  const picture = new ImageRun({
    type: 'svg',
    data: Buffer.from(data.svg, 'utf8'),
    fallback: { type: 'png', data: fallback },
    transformation: size,
    altText: { name: data.id, title: data.caption, description: data.alt },
  });
  const caption = `${ctx.t('figure.label', { n: ctx.figures })}: ${data.caption}`;
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [picture] }),
    new Paragraph({ style: 'Caption', children: [new TextRun({ text: caption, bold: true })] }),
    ...(data.source ? [small(ctx.t('source.label', { source: data.source }))] : []),
  ];
}

function keyFacts(ctx: DocxContext, facts: KeyFact[]): FileChild[] {
  const language = ctx.document.metadata.language;
  return facts.map((fact) => {
    const value = formatCell(fact.value, fact.format, language, { unit: true }).text;
    const shown = fact.unit && typeof fact.value === 'number' ? `${value}\u00a0${fact.unit}` : value;
    return new Paragraph({
      bullet: { level: 0 },
      children: [
        new TextRun({ text: `${fact.label}: ` }),
        new TextRun({ text: shown, bold: true }),
        ...(fact.context ? [new TextRun({ text: ` (${fact.context})`, color: '555555' })] : []),
      ],
    });
  });
}

function titleBlock(ctx: DocxContext): FileChild[] {
  const { t } = ctx;
  const meta = ctx.document.metadata;
  const language = meta.language;
  const lines: [string, string][] = [[t('meta.organisation'), meta.organisation]];
  if (meta.author) lines.push([t('meta.author'), meta.author]);
  lines.push(
    [t('meta.asOf'), formatDate(meta.asOf, language)],
    [t('meta.generatedAt'), formatDate(meta.generatedAt, language)],
  );
  if (meta.pin) lines.push([t('meta.pin'), `${meta.pin.dataId} · ${t('meta.hash')} ${meta.pin.contentHash}`]);
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(meta.title)] }),
    ...(meta.subtitle ? [new Paragraph({ style: 'Subtitle', children: [new TextRun(meta.subtitle)] })] : []),
    ...lines.map(
      ([label, value]) =>
        new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }),
    ),
  ];
}

async function body(ctx: DocxContext): Promise<FileChild[]> {
  const children: FileChild[] = titleBlock(ctx);
  if (ctx.document.tableOfContents) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: false,
        children: [new TextRun(ctx.t('toc.title'))],
      }),
      new TableOfContents(ctx.t('toc.title'), { hyperlink: true, headingStyleRange: '1-2' }),
    );
  }
  for (const item of documentFlow(ctx.document)) {
    if (item.kind === 'heading') {
      children.push(
        new Paragraph({
          heading: HEADINGS[item.level as Level],
          pageBreakBefore: item.level === 1 && children.length > 0 && ctx.document.tableOfContents,
          children: [new TextRun(headingText(item))],
        }),
      );
      continue;
    }
    const block = item.block;
    if (block.kind === 'paragraph') children.push(new Paragraph({ children: runs(block.runs) }));
    if (block.kind === 'note')
      children.push(
        new Paragraph({
          shading: { type: ShadingType.CLEAR, fill: 'F6F1E4', color: 'auto' },
          children: runs(block.runs, { italics: true }),
        }),
      );
    if (block.kind === 'list')
      children.push(
        ...block.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) })),
      );
    if (block.kind === 'key-facts') children.push(...keyFacts(ctx, block.facts));
    if (block.kind === 'table') children.push(...table(ctx, block.table));
    if (block.kind === 'figure') children.push(...(await figure(ctx, block.figure)));
  }
  return children;
}

function footer(t: Texts, title: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({ text: `${title} · `, size: 16, color: '555555' }),
          new TextRun({
            size: 16,
            color: '555555',
            children: [
              t('page.field.before'),
              PageNumber.CURRENT,
              t('page.field.between'),
              PageNumber.TOTAL_PAGES,
            ],
          }),
        ],
      }),
    ],
  });
}

async function createDocx(document: ReportDocument, options: DocxOptions): Promise<Document> {
  const meta = document.metadata;
  const t = textsFor(meta.language);
  const ctx: DocxContext = { t, document, options, figures: 0, tables: 0 };
  const children = await body(ctx);
  return new Document({
    title: meta.title,
    subject: meta.subtitle ?? meta.title,
    creator: meta.author ? `${meta.author}, ${meta.organisation}` : meta.organisation,
    description: meta.pin ? `${t('meta.pin')}: ${meta.pin.dataId} (${meta.pin.contentHash})` : undefined,
    keywords: (meta.keywords ?? []).join(', '),
    lastModifiedBy: 'Quartier',
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: FONT, size: 20, language: { value: REPORT_LOCALES[meta.language] } } },
        heading1: {
          run: { font: FONT, size: 30, bold: true, color: '1A1A1A' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading2: {
          run: { font: FONT, size: 24, bold: true, color: '1A1A1A' },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
        heading3: {
          run: { font: FONT, size: 22, bold: true, color: '1A1A1A' },
          paragraph: { spacing: { before: 160, after: 60 } },
        },
        title: { run: { font: FONT, size: 44, bold: true, color: '1A1A1A' } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1247, bottom: 1400, left: 1134, right: 1134 },
          },
        },
        footers: { default: footer(t, meta.title) },
        children,
      },
    ],
  });
}

/**
 * Renders the document as DOCX into memory (docx packs the ZIP at once; a profile is small).
 * @throws ReportingError `InvalidDocument` for a bad document, `RenderFailed` if packing fails.
 */
export async function renderDocxBuffer(document: ReportDocument, options: DocxOptions = {}): Promise<Buffer> {
  const valid = parseReportDocument(document);
  try {
    return await Packer.toBuffer(await createDocx(valid, options));
  } catch (error) {
    throw new ReportingError('RenderFailed', `DOCX: ${(error as Error).message}`);
  }
}

/** Renders the document as DOCX into `output`. */
export async function renderDocx(
  document: ReportDocument,
  output: Writable,
  options: DocxOptions = {},
): Promise<void> {
  const bytes = await renderDocxBuffer(document, options);
  await new Promise<void>((resolve, reject) => {
    output.once('error', reject);
    output.end(bytes, () => resolve());
  });
}
