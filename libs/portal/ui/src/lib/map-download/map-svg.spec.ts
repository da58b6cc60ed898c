import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { geometryRings, mapSvg, ringsPath, viewSvg, type MapView } from './map-svg.ts';

describe('map as SVG', () => {
  const project = ([lon, lat]: readonly [number, number]) => [(lon - 13) * 100, (53 - lat) * 100] as const;

  it('projects polygons and multipolygons to rings, and gives no rings for points', () => {
    const square = [
      [13, 52],
      [14, 52],
      [14, 53],
      [13, 52],
    ];
    assert.deepEqual(geometryRings({ type: 'Polygon', coordinates: [square] }, project), [
      [
        [0, 100],
        [100, 100],
        [100, 0],
        [0, 100],
      ],
    ]);
    assert.equal(
      geometryRings({ type: 'MultiPolygon', coordinates: [[square], [square, square]] }, project).length,
      3,
    );
    assert.deepEqual(geometryRings({ type: 'Point', coordinates: [13, 52] }, project), []);
    assert.deepEqual(geometryRings(null, project), []);
  });

  it('writes even-odd paths rounded to a tenth of a pixel, skipping degenerate rings', () => {
    assert.equal(
      ringsPath([
        [
          [0.04, 1.26],
          [10, 1],
          [10, 10],
        ],
        [
          [1, 1],
          [2, 2],
        ],
      ]),
      'M0 1.3L10 1L10 10Z',
    );
  });

  it('draws areas, patterns and a legend, with every text escaped', () => {
    const svg = mapSvg({
      width: 200,
      height: 100,
      title: 'S1 <2018> & Mitte',
      areas: [
        {
          rings: [
            [
              [0, 0],
              [10, 0],
              [10, 10],
            ],
          ],
          fill: '#fd8d3c',
          title: 'Wedding "Nord"',
        },
        {
          rings: [
            [
              [20, 0],
              [30, 0],
              [30, 10],
            ],
          ],
          fill: '#fff',
          pattern: 'hatch',
        },
      ],
      legend: [
        { color: '#fd8d3c', label: '< 3,5' },
        { color: '#fff', label: 'geheim gehalten', pattern: 'hatch' },
      ],
      attribution: 'Geoportal Berlin',
    });
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="200" height="176"/);
    assert.match(svg, /<title>S1 &lt;2018&gt; &amp; Mitte<\/title>/);
    assert.match(
      svg,
      /<path d="M0 0L10 0L10 10Z" fill="#fd8d3c"[^>]*><title>Wedding &quot;Nord&quot;<\/title><\/path>/,
    );
    assert.match(svg, /fill="url\(#hatch\)"/);
    assert.match(svg, /<text x="28" y="123">&lt; 3,5<\/text>/);
    assert.match(svg, /Geoportal Berlin<\/text><\/svg>$/);
  });

  it('draws the view of a map: its canvas size, its projection, highlighted areas outlined thickly', () => {
    // A view panned 50 px to the right, 100 px per degree, like map.project after a drag.
    const map: MapView = {
      getCanvas: () => ({ clientWidth: 300, clientHeight: 150 }),
      project: ([lon, lat]) => ({ x: 50 + (lon - 13) * 100, y: (53 - lat) * 100 }),
    };
    const square = [
      [13, 52],
      [13.5, 52],
      [13.5, 52.5],
      [13, 52],
    ];
    const svg = viewSvg(
      map,
      [
        {
          geometry: { type: 'Polygon', coordinates: [square] },
          fill: '#111',
          title: 'Mitte',
          highlighted: true,
        },
        { geometry: { type: 'MultiPolygon', coordinates: [[square]] }, fill: '#222', pattern: 'dots' },
        { geometry: null, fill: '#333', title: 'ohne Geometrie' },
      ],
      {
        title: 'Programmgebiete',
        legend: [{ color: '#111', label: 'Gebiet' }],
        attribution: 'Geoportal Berlin',
      },
    );
    assert.match(svg, /^<svg [^>]*width="300" height="206"/);
    assert.match(svg, /<clipPath id="view"><rect width="300" height="150"\/>/);
    assert.match(
      svg,
      /<path d="M50 100L100 100L100 50L50 100Z" fill="#111" [^>]*stroke-width="2.5"><title>Mitte<\/title>/,
    );
    assert.match(
      svg,
      /<path d="M50 100L100 100L100 50L50 100Z" fill="url\(#dots\)" [^>]*stroke-width="0.6">/,
    );
    assert.doesNotMatch(svg, /ohne Geometrie/);
    assert.equal(svg.match(/<path /g)?.length, 2);
    assert.match(svg, /<text x="28" y="173">Gebiet<\/text>/);
    assert.match(svg, /<title>Programmgebiete<\/title>/);
  });
});
