import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeXml, geometryRings, mapSvg, ringsPath } from './map-svg.ts';

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
    assert.equal(escapeXml(`'`), '&apos;');
  });
});
