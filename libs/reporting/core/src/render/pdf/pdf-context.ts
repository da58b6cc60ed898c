import type PDFDocument from 'pdfkit';
import type { ReportLanguage } from '../../model/report-document';
import type { Texts } from '../../texts';

export type Pdf = InstanceType<typeof PDFDocument>;
export type StructElement = ReturnType<Pdf['struct']>;

/**
 * The fonts a PDF embeds, as bytes (TrueType). DejaVu Sans covers every German glyph, the euro
 * sign, typographic quotes and dashes. Core code reads no files: the caller loads them once
 * (e.g. from the `dejavu-fonts-ttf` package) and passes the same bytes to every render.
 */
export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
  boldItalic: Uint8Array;
}

/** Print typography for A4: 2 cm side margins, 10 pt body text. */
export const LAYOUT = {
  margins: { top: 62, bottom: 70, left: 57, right: 57 },
  body: 10,
  small: 8,
  table: 8.5,
  lineGap: 2.5,
  heading: { 1: 16, 2: 12.5, 3: 11 } as Record<1 | 2 | 3, number>,
  ink: '#1a1a1a',
  muted: '#555555',
  rule: '#9a9a9a',
  tint: '#eef3f8',
  noteTint: '#f6f1e4',
} as const;

export interface PdfContext {
  doc: Pdf;
  language: ReportLanguage;
  t: Texts;
  root: StructElement;
  figureCount: number;
  tableCount: number;
}

export function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function pageBottom(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` still fits below the cursor. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

/** Draws decoration (rules, tints, repeated headers) as an artifact, outside the structure tree. */
export function artifact(doc: Pdf, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  doc.save();
  draw();
  doc.restore();
  doc.endMarkedContent();
}
