import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { buildAreaProfile } from '../../builders/area-profile';
import { barChart } from '../../charts/bar-chart';
import { eventStudyChart } from '../../charts/event-study-chart';
import { classColours } from '../../charts/palette';
import { choroplethMap } from '../../maps/choropleth-map';
import type { ReportFigure } from '../../model/report-document';
import { areaProfileFixture } from '../../testing/area-profile-fixture';
import { dejaVuFonts } from '../../testing/fonts';
import { syntheticCity } from '../../testing/synthetic-city';
import { FONT, registerFonts } from './pdf-fonts';
import { drawSvgPlan, planSvg, type FontFor } from './pdf-svg';

// The fast SVG drawer must draw what svg-to-pdfkit draws. Each case is put on a page both ways,
// rasterised by poppler, and the two pictures compared pixel by pixel.

const root = join(__dirname, '../../../../../..');
const fonts = dejaVuFonts((p) => readFileSync(p), root);
const dir = mkdtempSync(join(tmpdir(), 'reporting-svg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fontFor: FontFor = (_family, bold, italic) =>
  bold ? (italic ? FONT.boldItalic : FONT.bold) : italic ? FONT.italic : FONT.regular;
const PX_TO_PT = 0.75;

async function page(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: [420, 420], margin: 0, font: null as unknown as string });
  registerFonts(doc, fonts);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

const withSvgToPdfkit = (svg: string) =>
  page((doc) => SVGtoPDF(doc, svg, 10, 10, { fontCallback: fontFor, assumePt: false }));

function withPlan(svg: string) {
  const plan = planSvg(svg, fontFor);
  if (!plan) throw new Error('the fast drawer refused the SVG');
  return page((doc) => drawSvgPlan(doc, plan, 10, 10, PX_TO_PT));
}

let files = 0;
/** The page as 8-bit grey pixels at 144 dpi (poppler). */
function raster(pdf: Buffer): Buffer {
  const file = join(dir, `page-${++files}`);
  writeFileSync(`${file}.pdf`, pdf);
  execFileSync('pdftoppm', ['-r', '144', '-gray', '-singlefile', `${file}.pdf`, file]);
  const pgm = readFileSync(`${file}.pgm`);
  // P5 <width> <height> 255, one whitespace byte, then the pixels.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM file');
  return pgm.subarray(header[0].length);
}

/** Pixels that differ by more than half the grey range, per pixel with ink in the reference. */
async function difference(svg: string): Promise<{ ink: number; differing: number }> {
  const [reference, fast] = [raster(await withSvgToPdfkit(svg)), raster(await withPlan(svg))];
  expect(fast.length).toBe(reference.length);
  let ink = 0;
  let differing = 0;
  for (let i = 0; i < reference.length; i++) {
    if (reference[i] < 250) ink++;
    if (Math.abs(reference[i] - fast[i]) > 128) differing++;
  }
  return { ink, differing };
}

/**
 * Equal but for antialiasing: poppler may give a boundary pixel to one side or the other
 * (svg-to-pdfkit clips through a soft mask, the fast drawer with a clipping path).
 */
async function expectSamePicture(svg: string) {
  const { ink, differing } = await difference(svg);
  expect(ink).toBeGreaterThan(500);
  expect(differing / ink).toBeLessThan(0.005);
}

function profileFigures(): ReportFigure[] {
  const document = buildAreaProfile(areaProfileFixture(), 'de');
  return document.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'figure' ? [b.figure] : [])));
}

// Every SVG element, attribute and paint the fast drawer knows, with values the charts never use.
const FEATURES = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 800 600" font-family="DejaVu Sans">
<defs><pattern id="h" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#ffffff"/><path d="M0 6L6 0" stroke="#8a8a8a" stroke-width="0.8"/></pattern>
<clipPath id="c"><rect x="20" y="20" width="200" height="121"/></clipPath></defs>
<rect width="800" height="600" fill="#fafafa"/>
<g clip-path="url(#c)"><circle cx="120" cy="80" r="90" fill="rgb(31,59,90)"/></g>
<path d="M300 40h200v150h-200zM340 80h120v70h-120z" fill="url(#h)" fill-rule="evenodd" stroke="#1a1a1a" stroke-width="2"/>
<rect x="560" y="40" width="180" height="120" rx="20" fill="rgba(252,141,89,0.6)" stroke="#d7301f" stroke-width="4" stroke-dasharray="12 6"/>
<ellipse cx="140" cy="300" rx="100" ry="50" fill="none" stroke="#3f7cac" stroke-width="6" stroke-linecap="round" stroke-dasharray="20,10,5"/>
<line x1="300" y1="250" x2="500" y2="350" stroke="black" stroke-width="8" stroke-linecap="square"/>
<polyline points="560,250 620,330 680,260 740,340" fill="none" stroke="#555" stroke-width="5" stroke-linejoin="round"/>
<polygon points="560,400 740,400 650,520" fill="#86b3d1" opacity="0.5"/>
<g transform="translate(100 450) rotate(-30)" style="font-size:28px"><text x="0" y="0" text-anchor="start" dominant-baseline="central" fill="#1a1a1a">Größe &amp; Maß</text></g>
<text x="400" y="450" font-size="24" font-weight="bold" text-anchor="middle" fill="#ffffff" stroke="#ffffff" stroke-width="6" stroke-linejoin="round">Köpenick-Süd</text>
<text x="400" y="450" font-size="24" font-weight="bold" text-anchor="middle" fill="#1a1a1a">Köpenick-Süd</text>
<text x="400" y="520" font-size="20" font-style="italic" text-anchor="end" dominant-baseline="hanging" fill="#333">kursiv –  € 1.234,5</text>
<path d="M420 560A30 30 0 1 1 480 560c20 -40 40 40 60 0s40 -40 60 0C620 520 660 600 680 560S720 520 760 560h10v-20l-5 5H760V540z" fill="none" stroke="#000" stroke-width="3" transform="matrix(1,0,0,1,0,-10)"/>
<path d="M20 580Q60 520 100 580T180 580q20-40 40 0t40 0M280 590a0 0 0 1 1 20 0a10 10 0 1 1 0 0" fill="none" stroke="#7a3" stroke-width="3"/>
</svg>`;

describe('planSvg + drawSvgPlan', () => {
  it('draws the maps and charts of an area profile as svg-to-pdfkit does', async () => {
    const figures = profileFigures();
    expect(figures.map((f) => f.kind).sort()).toEqual(['chart', 'chart', 'chart', 'map', 'map']);
    for (const figure of figures) await expectSamePicture(figure.svg);
  });

  it('draws a class map with hatched areas without a class, district outlines and legend', async () => {
    const city = syntheticCity({ columns: 8, rows: 5, districtSize: [4, 5], edgeDetail: 20 });
    const classes = ['1', '2', '3', '4'].map((code, i) => ({
      code,
      label: `Klasse ${code}`,
      fill: classColours(4)[i],
    }));
    const classOf = Object.fromEntries(
      city.areas.map((a, i) => [a.code, i % 7 === 3 ? null : classes[i % 4].code]),
    );
    const map = choroplethMap({
      id: 'mss',
      areas: city.areas,
      classes,
      classOf,
      outlines: city.districts,
      language: 'de',
    });
    expect(map.svg).toContain('<pattern');
    await expectSamePicture(map.svg);
  });

  it('draws bar and event-study charts (clip paths, whiskers, dashed zero line)', async () => {
    const bars = barChart({
      id: 'bars',
      categories: ['Bildung', 'Soziales', 'Wohnen'],
      series: [
        { name: '2023', values: [12, 7.5, null] },
        { name: '2024', values: [14, 6, 3] },
      ],
      format: { kind: 'decimal', digits: 1 },
      language: 'de',
    });
    const study = eventStudyChart({
      id: 'es',
      estimates: [-3, -2, 0, 1, 2].map((period) => ({
        period,
        estimate: period / 2,
        lower: period / 2 - 1,
        upper: period / 2 + 1,
      })),
      referencePeriod: -1,
      format: { kind: 'decimal', digits: 1 },
      language: 'de',
    });
    await expectSamePicture(bars.svg);
    await expectSamePicture(study.svg);
  });

  it('draws every element, paint, transform and text placement it accepts as svg-to-pdfkit does', async () => {
    await expectSamePicture(FEATURES);
  });

  it('notices a different picture (the comparison is not blind)', async () => {
    const moved = FEATURES.replace('<circle cx="120"', '<circle cx="140"');
    const [reference, fast] = [raster(await withSvgToPdfkit(FEATURES)), raster(await withPlan(moved))];
    let differing = 0;
    for (let i = 0; i < reference.length; i++) if (Math.abs(reference[i] - fast[i]) > 128) differing++;
    expect(differing).toBeGreaterThan(500);
  });

  it('keeps chart and map text as text in the embedded fonts', async () => {
    const [map] = profileFigures();
    const file = join(dir, 'text.pdf');
    writeFileSync(file, await withPlan(map.svg));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    for (const name of ['Müggelheim', 'Köpenick-Nord', 'Altglienicke', 'Baumschulenweg'])
      expect(text).toContain(name);
    const fontsTable = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fontsTable).toHaveLength(1);
    expect(fontsTable[0]).toMatch(/DejaVuSans .* yes yes yes/);
  });

  it.each([
    ['an element it does not know', '<image href="x.png" width="10" height="10"/>'],
    ['a gradient paint', '<defs><linearGradient id="g"/></defs><rect width="5" height="5" fill="url(#g)"/>'],
    ['a percentage length', '<rect width="50%" height="5"/>'],
    ['group opacity', '<g opacity="0.5"><rect width="5" height="5"/></g>'],
    ['path data it cannot read', '<path d="M0 0L5 5X10 0"/>'],
    ['path data not starting with a moveto', '<path d="L5 5L10 0"/>'],
    ['a style sheet', '<style>rect{fill:red}</style><rect width="5" height="5"/>'],
    ['an attribute it does not know', '<rect width="5" height="5" filter="url(#f)"/>'],
    [
      'a clip path of two shapes',
      '<clipPath id="c"><rect width="2" height="2"/><rect x="3" width="2" height="2"/></clipPath><rect width="5" height="5" clip-path="url(#c)"/>',
    ],
    ['a text span', '<text x="1" y="1">a<tspan>b</tspan></text>'],
    ['a colour name it does not know', '<rect width="5" height="5" fill="papayawhip"/>'],
    ['unbalanced markup', '<g><rect width="5" height="5"/>'],
  ])('leaves %s to svg-to-pdfkit', (_case, body) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${body}</svg>`;
    expect(planSvg(svg, fontFor)).toBeNull();
  });

  it('plans what it knows (the cases above differ from it in one thing only)', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g><rect width="5" height="5" fill="#fff"/></g></svg>';
    expect(planSvg(svg, fontFor)).not.toBeNull();
  });
});
