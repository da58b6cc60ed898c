import PDFDocument from 'pdfkit';
import { PassThrough, type Writable } from 'node:stream';
import { documentFlow, headingText, tocHeadings } from '../../model/document-flow';
import { parseReportDocument } from '../../model/parse-report-document';
import { REPORT_LOCALES, type ReportBlock, type ReportDocument } from '../../model/report-document';
import { ReportingError } from '../../reporting-error';
import { textsFor } from '../../texts';
import { LAYOUT, type Pdf, type PdfContext, type ReportFonts } from './pdf-context';
import { registerFonts } from './pdf-fonts';
import { figure } from './pdf-figure';
import { fillToc, pageFooters, reserveToc, titleBlock } from './pdf-furniture';
import { table } from './pdf-table';
import { bulletList, heading, keyFacts, note, paragraph } from './pdf-text';

// The PDF renderer: A4, embedded DejaVu fonts, vector figures, a tagged structure tree
// (Document → Title, H1–H3, P, L/LI, Table/THead/TBody/TR/TH/TD, Figure with alt, TOC/TOCI),
// page numbers "Seite n von m" and a table of contents with page numbers. Pages are buffered
// until the end (pdfkit `bufferPages`) because footers need the page count and the table of
// contents the pages of headings laid out after it; a profile has a handful of pages, so that
// memory is small, and the bytes stream to the caller's Writable as pdfkit writes them.

function createPdf(document: ReportDocument): Pdf {
  const meta = document.metadata;
  const date = new Date(meta.generatedAt);
  return new PDFDocument({
    size: 'A4',
    margins: LAYOUT.margins,
    bufferPages: true,
    autoFirstPage: true,
    tagged: true,
    lang: REPORT_LOCALES[meta.language],
    displayTitle: true,
    pdfVersion: '1.7',
    // No default Helvetica: every face is registered, and loading its metrics costs each document.
    font: null as unknown as string,
    info: {
      Title: meta.title,
      Subject: meta.subtitle ?? meta.title,
      Author: meta.author ? `${meta.author}, ${meta.organisation}` : meta.organisation,
      Keywords: (meta.keywords ?? []).join(', '),
      Creator: 'Quartier',
      // The report's own time, not the clock: regenerating a pinned report gives the same file.
      CreationDate: date,
      ModDate: date,
    },
  });
}

function block(ctx: PdfContext, item: ReportBlock): void {
  switch (item.kind) {
    case 'paragraph':
      return paragraph(ctx, item.runs);
    case 'note':
      return note(ctx, item.runs);
    case 'list':
      return bulletList(ctx, item.items);
    case 'key-facts':
      return keyFacts(ctx, item.facts);
    case 'table':
      return table(ctx, item.table);
    case 'figure':
      return figure(ctx, item.figure);
  }
}

function layOut(doc: Pdf, document: ReportDocument, fonts: ReportFonts): void {
  registerFonts(doc, fonts);
  const language = document.metadata.language;
  const root = doc.struct('Document', {
    lang: REPORT_LOCALES[language],
  } as PDFKit.Mixins.StructureElementOptions);
  doc.addStructure(root);
  const ctx: PdfContext = { doc, language, t: textsFor(language), root, figureCount: 0, tableCount: 0 };
  doc.font('Body').fontSize(LAYOUT.body).fillColor(LAYOUT.ink);
  titleBlock(ctx, document);
  const flow = documentFlow(document);
  const entries = tocHeadings(flow);
  const toc = document.tableOfContents ? reserveToc(ctx, entries) : undefined;
  if (toc) doc.addPage();
  const pages = new Map<string, number>();
  for (const item of flow) {
    if (item.kind === 'heading') {
      heading(ctx, item.level, headingText(item), item.id);
      pages.set(item.id, doc.bufferedPageRange().count);
    } else {
      block(ctx, item.block);
    }
  }
  if (toc) fillToc(ctx, toc, entries, pages);
  pageFooters(ctx, document);
  root.end();
}

/**
 * Renders the document as a tagged PDF into `output`. Resolves once the output has finished.
 * @throws ReportingError `InvalidDocument` (bad document), `InvalidFont`, `RenderFailed`.
 */
export function renderPdf(document: ReportDocument, fonts: ReportFonts, output: Writable): Promise<void> {
  const valid = parseReportDocument(document);
  const doc = createPdf(valid);
  return new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      doc.unpipe(output);
      reject(
        error instanceof ReportingError
          ? error
          : new ReportingError('RenderFailed', `PDF: ${(error as Error).message}`),
      );
    };
    output.once('finish', () => resolve());
    output.once('error', fail);
    doc.once('error', fail);
    doc.pipe(output);
    try {
      layOut(doc, valid, fonts);
      doc.end();
    } catch (error) {
      fail(error);
    }
  });
}

/** Renders into memory — for one profile (tens of kilobytes) that is what a ZIP entry needs. */
export async function renderPdfBuffer(document: ReportDocument, fonts: ReportFonts): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await renderPdf(document, fonts, sink);
  return Buffer.concat(chunks);
}
