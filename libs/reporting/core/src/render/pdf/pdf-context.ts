import type PDFDocument from 'pdfkit';
import type { ReportLanguage } from '../../model/report-document';
import type { Texts } from '../../texts';
import { ReportingError } from '../../reporting-error';

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

export const FONT = {
  regular: 'Body',
  bold: 'Body-Bold',
  italic: 'Body-Italic',
  boldItalic: 'Body-BoldItalic',
} as const;

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

const TTF_MAGIC = [0x00010000, 0x74727565]; // TrueType: 0x00010000 or 'true'

/** Registers the four faces; rejects bytes that are not TrueType with a message naming the face. */
export function registerFonts(doc: Pdf, fonts: ReportFonts): void {
  for (const face of Object.keys(FONT) as (keyof ReportFonts)[]) {
    const bytes = fonts[face];
    const magic =
      bytes && bytes.length >= 4 ? new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) : -1;
    if (!TTF_MAGIC.includes(magic))
      throw new ReportingError(
        'InvalidFont',
        `the ${face} font is not a TrueType font (${bytes?.length ?? 0} bytes)`,
      );
    doc.registerFont(FONT[face], Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
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
