import { classColours } from '../charts/palette';
import { ReportingError } from '../reporting-error';
import { syntheticCity } from '../testing/synthetic-city';
import { areaMap, locatorMap } from './area-map';
import { choroplethMap } from './choropleth-map';
import { boundingBox, checkMapAreas, type MapArea } from './geo';
import { fitProjection } from './projection';
import { geometryPath } from './svg-path';

const square = (code: string, lon: number, lat: number, size: number): MapArea => ({
  code,
  name: `Gebiet ${code}`,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  },
});

function rejection(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ReportingError);
    return (error as Error).message;
  }
  throw new Error('expected a ReportingError');
}

describe('fitProjection', () => {
  it('corrects longitude by cos(latitude): a 1°×1° cell at 60° N is drawn twice as tall as wide', () => {
    const projection = fitProjection(
      { west: 10, south: 59.5, east: 11, north: 60.5 },
      { width: 400, height: 400, padding: 0 },
    );
    const [x0, y0] = projection.project(10, 60.5);
    const [x1, y1] = projection.project(11, 59.5);
    expect((y1 - y0) / (x1 - x0)).toBeCloseTo(1 / Math.cos((60 * Math.PI) / 180), 6);
    expect(y1 - y0).toBeCloseTo(400, 6);
    expect(x0).toBeCloseTo(100, 6);
  });

  it('puts north up and centres the drawing in the box', () => {
    const projection = fitProjection(
      { west: 13, south: 52, east: 14, north: 52.5 },
      { width: 300, height: 300, padding: 10 },
    );
    const [, top] = projection.project(13.5, 52.5);
    const [, bottom] = projection.project(13.5, 52);
    expect(top).toBeLessThan(bottom);
    expect(projection.project(13.5, 52.25)[0]).toBeCloseTo(150, 6);
  });
});

describe('geometryPath', () => {
  const projection = fitProjection(
    { west: 0, south: 0, east: 1, north: 1 },
    { width: 100, height: 100, padding: 0 },
  );

  it('writes rounded, relative coordinates and closes rings', () => {
    const path = geometryPath(square('a', 0, 0, 1).geometry, projection);
    expect(path).toMatch(/^M0 100l100 0l0-100l-100 0z$/);
  });

  it('simplifies away vertices that do not change the shape and drops rings that collapse', () => {
    const dense = [
      [0, 0],
      [0.3, 0.001],
      [0.6, -0.001],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    expect(geometryPath({ type: 'Polygon', coordinates: [dense] }, projection)).toBe(
      'M0 100l100 0l0-100l-100 0z',
    );
    const speck = [
      [0.5, 0.5],
      [0.501, 0.5],
      [0.501, 0.501],
      [0.5, 0.5],
    ];
    expect(geometryPath({ type: 'MultiPolygon', coordinates: [[speck]] }, projection)).toBe('');
  });
});

describe('checkMapAreas', () => {
  it('names the area with a geometry that is not WGS84', () => {
    const projected = square('11000000', 390000, 5820000, 100);
    expect(rejection(() => checkMapAreas('karte', [projected]))).toBe(
      'map "karte", area "11000000": position [390000, 5820000] is outside WGS84 (projected coordinates?)',
    );
  });

  it('rejects points and short rings', () => {
    const point = {
      code: 'p',
      name: 'P',
      geometry: { type: 'Point', coordinates: [1, 2] },
    } as unknown as MapArea;
    expect(rejection(() => checkMapAreas('k', [point]))).toContain(
      'must be a Polygon or MultiPolygon, not Point',
    );
    const short: MapArea = {
      code: 's',
      name: 'S',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    };
    expect(rejection(() => checkMapAreas('k', [short]))).toContain('a ring needs at least 4 positions');
  });
});

describe('choroplethMap', () => {
  const city = syntheticCity({ columns: 6, rows: 4, districtSize: [2, 2], edgeDetail: 6 });
  const classes = ['hoch', 'mittel', 'niedrig', 'sehr niedrig'].map((label, i) => ({
    code: String(i + 1),
    label: `${i + 1} ${label}`,
    fill: classColours(4)[i],
  }));
  const classOf = Object.fromEntries(
    city.areas.map((a, i) => [a.code, i === 0 ? null : String((i % 4) + 1)]),
  );

  it('fills each area with its class colour, hatches areas without class and counts them in the legend', () => {
    const map = choroplethMap({
      id: 'mss',
      areas: city.areas,
      classes,
      classOf,
      outlines: city.districts,
      language: 'de',
    });
    // every area and district outline, plus the hatch of the no-data pattern
    expect((map.svg.match(/<path d="M/g) ?? []).length).toBe(city.areas.length + city.districts.length + 1);
    expect(map.svg).toContain(`fill="${classes[0].fill}"`);
    expect(map.svg).toContain('fill="url(#mss-nodata)"');
    expect(map.svg).toContain('ohne Klasse (1)');
    expect(map.summary).toBe(
      'Karte von 24 Gebieten nach Klassen. 1 hoch: 5, 2 mittel: 6, 3 niedrig: 6, 4 sehr niedrig: 6, ohne Klasse: 1.',
    );
  });

  it('rejects a class the legend does not know', () => {
    expect(
      rejection(() =>
        choroplethMap({
          id: 'x',
          areas: city.areas,
          classes,
          classOf: { [city.areas[1].code]: '9' },
          language: 'de',
        }),
      ),
    ).toBe(`map "x", area "${city.areas[1].code}": unknown class "9"`);
  });

  it('keeps a 448-area city map with detailed boundaries well below 1 MB', () => {
    const started = Date.now();
    const big = syntheticCity({ columns: 28, rows: 16, districtSize: [7, 4], edgeDetail: 100 });
    const generated = Date.now();
    const vertices = big.areas.reduce(
      (n, a) => n + (a.geometry.type === 'Polygon' ? a.geometry.coordinates[0].length : 0),
      0,
    );
    expect(big.areas).toHaveLength(448);
    expect(vertices).toBeGreaterThan(150_000);
    const map = choroplethMap({
      id: 'berlin',
      areas: big.areas,
      classes,
      classOf: Object.fromEntries(big.areas.map((a, i) => [a.code, String((i % 4) + 1)])),
      outlines: big.districts,
      language: 'de',
    });
    process.stdout.write(
      `448 areas: generated in ${generated - started} ms, map in ${Date.now() - generated} ms, ${Buffer.byteLength(map.svg)} bytes\n`,
    );
    expect(Buffer.byteLength(map.svg)).toBeLessThan(500_000);
  });
});

describe('areaMap and locatorMap', () => {
  const city = syntheticCity({ columns: 6, rows: 4, districtSize: [2, 2], edgeDetail: 6 });
  const district = city.districts[0];
  const children = city.areas.filter((a) => a.district === district.code);

  it('draws the area heavy with labelled children, names escaped', () => {
    const named = children.map((c, i) => (i === 0 ? { ...c, name: 'Kiez <Süd> & Ufer' } : c));
    const map = areaMap({
      id: 'gebiet',
      area: district,
      children: named,
      neighbours: city.districts.slice(1),
      language: 'de',
    });
    expect(map.svg).toContain('stroke-width="1.6"');
    expect(map.svg).toContain('Kiez &lt;Süd&gt; &amp; Ufer');
    expect(map.svg).not.toContain('<Süd>');
    expect(map.summary).toBe(
      `Karte des Gebiets Bezirk 01 mit 4 Teilgebieten: Kiez <Süd> & Ufer, ${children
        .slice(1)
        .map((c) => c.name)
        .join(', ')}.`,
    );
  });

  it('leaves labels out when there are too many children to name', () => {
    const big = syntheticCity({ columns: 8, rows: 4, districtSize: [8, 4], edgeDetail: 2 });
    const map = areaMap({ id: 'g', area: big.districts[0], children: big.areas, language: 'en' });
    expect(map.svg).not.toContain('<text');
    expect(map.summary).toMatch(/^Map of the area Bezirk 01 with 32 sub-areas: /);
  });

  it('fits the locator map to the parent and highlights the area', () => {
    const map = locatorMap({
      id: 'lage',
      area: children[0],
      parent: city.city,
      siblings: city.areas,
      language: 'de',
    });
    expect(map.width).toBe(160);
    expect(map.svg).toContain('fill="#1f3b5a"');
    expect(map.summary).toBe(`Übersichtskarte: Lage von ${children[0].name} in Berlin.`);
    const box = boundingBox([city.city]);
    expect(box.west).toBeCloseTo(13.1, 1);
  });
});

describe('syntheticCity', () => {
  it('shares boundaries between neighbours', () => {
    const city = syntheticCity({ columns: 2, rows: 1, districtSize: [2, 1], edgeDetail: 3 });
    const [left, right] = city.areas.map((a) =>
      a.geometry.type === 'Polygon' ? a.geometry.coordinates[0] : [],
    );
    const key = (p: number[]) => `${p[0]},${p[1]}`;
    const shared = left.map(key).filter((k) => right.map(key).includes(k));
    expect(shared.length).toBe(5);
  });
});
