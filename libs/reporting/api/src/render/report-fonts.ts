import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ReportFonts } from '@quartier/reporting-core';

let loaded: ReportFonts | null = null;

/**
 * DejaVu Sans (every German glyph, €, typographic quotes) from the `dejavu-fonts-ttf` package,
 * read once per process: the same bytes objects let the renderer reuse parsed fonts.
 */
export function reportFonts(): ReportFonts {
  if (loaded) return loaded;
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const read = (file: string) => new Uint8Array(readFileSync(join(dir, file)));
  loaded = {
    regular: read('DejaVuSans.ttf'),
    bold: read('DejaVuSans-Bold.ttf'),
    italic: read('DejaVuSans-Oblique.ttf'),
    boldItalic: read('DejaVuSans-BoldOblique.ttf'),
  };
  return loaded;
}
