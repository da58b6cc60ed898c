import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEJAVU_SANS_BOLD_WIDTHS,
  DEJAVU_SANS_WIDTHS,
  dejaVuTextWidth,
  measureCssText,
  METRIC_CHARS,
} from './dejavu-metrics';

const fontDir = join(__dirname, '../../../../../node_modules/dejavu-fonts-ttf/ttf');

describe('DejaVu Sans metrics for chart layout', () => {
  it.each([
    ['DejaVuSans.ttf', DEJAVU_SANS_WIDTHS],
    ['DejaVuSans-Bold.ttf', DEJAVU_SANS_BOLD_WIDTHS],
  ])('match the advance widths of %s', (file, table) => {
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.font(readFileSync(join(fontDir, file))).fontSize(1000);
    const measured = [...METRIC_CHARS].map((ch) => Math.round(doc.widthOfString(ch)));
    expect(table).toEqual(measured);
  });

  it('measures CSS font shorthands as ECharts passes them', () => {
    expect(dejaVuTextWidth('MM', 10)).toBeCloseTo(17.26, 2);
    expect(measureCssText('Müggelheim', 'bold 12px DejaVu Sans').width).toBeCloseTo(
      dejaVuTextWidth('Müggelheim', 12, true),
      6,
    );
    expect(measureCssText('ab', 'normal 10px sans-serif').width).toBeCloseTo(dejaVuTextWidth('ab', 10), 6);
    expect(dejaVuTextWidth('丁', 10)).toBe(dejaVuTextWidth('M', 10));
  });
});
