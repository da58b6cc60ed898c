import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { dejaVuFonts } from '../../testing/fonts';
import { FONT, registerFonts } from './pdf-fonts';

const root = join(__dirname, '../../../../../..');
const dir = mkdtempSync(join(tmpdir(), 'reporting-fonts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pdfWith(fonts: Parameters<typeof registerFonts>[1], text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: [300, 100], margin: 0, font: null as unknown as string });
  registerFonts(doc, fonts);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  doc.font(FONT.regular).fontSize(12).text(text, 10, 10);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function textOf(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).trim();
}

describe('registerFonts', () => {
  it('keeps the text of a letter an earlier document drew only inside an accented one', async () => {
    // Bytes of their own: the fonts are parsed once per bytes object, so no other test has
    // shaped an "o" with them yet.
    const fonts = dejaVuFonts((p) => readFileSync(p), root);
    expect(textOf(await pdfWith(fonts, 'Größe'), 'first')).toBe('Größe');
    expect(textOf(await pdfWith(fonts, 'Köpenick-Nord'), 'second')).toBe('Köpenick-Nord');
  });
});
