import PDFDocument from 'pdfkit';
import { ReportingError } from '../../reporting-error';
import type { Pdf, ReportFonts } from './pdf-context';

// Parsing a TrueType font (fontkit) and shaping every word with it are most of a small PDF's
// render time when each document starts from the bytes again. The parsed font and the shaped
// words depend only on the font bytes, so they are kept per bytes object and shared by every
// document rendered with the same `ReportFonts` (the service loads the fonts once). The subset
// a PDF embeds stays per document: pdfkit builds it from the glyphs each document encodes.

export const FONT = {
  regular: 'Body',
  bold: 'Body-Bold',
  italic: 'Body-Italic',
  boldItalic: 'Body-BoldItalic',
} as const;

const TTF_MAGIC = [0x00010000, 0x74727565]; // TrueType: 0x00010000 or 'true'

/** A fontkit glyph: pdfkit maps it back to text (ToUnicode) through its `codePoints`. */
interface GlyphInternals {
  codePoints: number[];
}

/** What pdfkit's EmbeddedFont exposes of the fontkit font and its word cache. */
interface EmbeddedFontInternals {
  font: {
    layout: (text: string) => unknown;
    getGlyph: (id: number, codePoints?: number[]) => GlyphInternals | null;
  };
  layoutCache?: Record<string, unknown>;
}

interface ParsedFace {
  font: EmbeddedFontInternals['font'];
  layoutCache: Record<string, unknown>;
}

const parsed = new WeakMap<Uint8Array, ParsedFace>();
/** Words kept per face; a long-running service starts the cache afresh beyond this. */
const LAYOUT_CACHE_WORDS = 20_000;

function checkTrueType(face: keyof ReportFonts, bytes: Uint8Array | undefined): Uint8Array {
  const magic =
    bytes && bytes.length >= 4 ? new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) : -1;
  if (!bytes || !TTF_MAGIC.includes(magic))
    throw new ReportingError(
      'InvalidFont',
      `the ${face} font is not a TrueType font (${bytes?.length ?? 0} bytes)`,
    );
  return bytes;
}

/** The face parsed once (by pdfkit's own font factory, in a throwaway document). */
function parsedFace(face: keyof ReportFonts, bytes: Uint8Array): ParsedFace {
  const hit = parsed.get(bytes);
  if (hit) return hit;
  const probe = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
  try {
    probe.font(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new ReportingError('InvalidFont', `the ${face} font cannot be read: ${(error as Error).message}`);
  }
  const embedded = (probe as unknown as { _font: EmbeddedFontInternals })._font;
  keepCodePoints(embedded.font);
  const entry = { font: embedded.font, layoutCache: Object.create(null) as Record<string, unknown> };
  parsed.set(bytes, entry);
  return entry;
}

/**
 * fontkit keeps each glyph object with the code points of its first request. Drawing an
 * accented letter (ö is o plus diaeresis) requests its base glyph without any, and in a font
 * shared across documents every later PDF then maps that glyph back to no text: "Nord" was
 * extracted as "N rd" after an earlier document had drawn "Größe". A glyph first requested
 * without code points takes those of the first request that has them.
 */
function keepCodePoints(font: EmbeddedFontInternals['font']): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph && glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    return glyph;
  };
}

/**
 * Registers the four faces in `doc` from their shared parsed fonts and gives each embedded font
 * the shared word cache; rejects bytes that are not TrueType with a message naming the face.
 */
export function registerFonts(doc: Pdf, fonts: ReportFonts): void {
  for (const face of Object.keys(FONT) as (keyof ReportFonts)[]) {
    const shared = parsedFace(face, checkTrueType(face, fonts[face]));
    if (Object.keys(shared.layoutCache).length > LAYOUT_CACHE_WORDS) shared.layoutCache = Object.create(null);
    doc.registerFont(FONT[face], shared.font as unknown as PDFKit.Mixins.PDFFontSource);
    doc.font(FONT[face]);
    const embedded = (doc as unknown as { _font: EmbeddedFontInternals })._font;
    // A shaped word is the same glyph run in every document: only its subset ids differ, and
    // pdfkit assigns those when it encodes, not when it shapes.
    if (embedded.layoutCache) embedded.layoutCache = shared.layoutCache;
  }
}
