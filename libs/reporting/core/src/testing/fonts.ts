import type { ReportFonts } from '../render/pdf/pdf-context';

// Specs read the DejaVu fonts from the dejavu-fonts-ttf package. The reader is passed in so this
// helper (compiled with the library) stays free of file-system imports; specs pass readFileSync.
export function dejaVuFonts(read: (path: string) => Uint8Array, root: string): ReportFonts {
  const dir = `${root}/node_modules/dejavu-fonts-ttf/ttf`;
  return {
    regular: read(`${dir}/DejaVuSans.ttf`),
    bold: read(`${dir}/DejaVuSans-Bold.ttf`),
    italic: read(`${dir}/DejaVuSans-Oblique.ttf`),
    boldItalic: read(`${dir}/DejaVuSans-BoldOblique.ttf`),
  };
}
