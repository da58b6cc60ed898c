import { requireReferenceData } from '@quartier/reference-data';
import { readFileSync } from 'node:fs';
import { AreaImportValidator, areaImportOptionsSchema, type ParentLookup } from './area-import';

const square = (x = 13.4, y = 52.5, d = 0.01) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});
const feature = (properties: Record<string, unknown>, geometry: unknown = square()) => ({
  type: 'Feature',
  properties,
  geometry,
});
const noParent: ParentLookup = { hasParentLevel: false, parentCodes: new Set() };

describe('AreaImportValidator', () => {
  const options = areaImportOptionsSchema.parse({ level: 'bezirk', populationProperty: 'ew' });

  it('maps code, name and population from the configured properties', () => {
    const v = new AreaImportValidator(options, noParent);
    expect(v.accept(0, feature({ id: '01', name: 'Mitte', ew: 385000 }))).toEqual({
      feature: 0,
      code: '01',
      name: 'Mitte',
      parentCode: null,
      population: 385000,
      geometry: square(),
    });
    expect(v.errors).toEqual([]);
  });

  it('names the feature index and every reason, and finds duplicate codes while streaming', () => {
    const v = new AreaImportValidator(options, noParent);
    v.accept(0, feature({ id: '01', name: 'Mitte' }));
    expect(v.accept(1, feature({ id: '01', name: 'Mitte again' }))).toBeNull();
    expect(v.accept(2, feature({ name: 'no code' }))).toBeNull();
    expect(v.accept(3, feature({ id: '03', name: 'X', ew: -4 }))).toBeNull();
    expect(v.accept(4, { type: 'Point' })).toBeNull();
    expect(v.errors).toEqual([
      {
        feature: 1,
        code: 'DuplicateCode',
        params: { code: '01', first: 0 },
        reason: 'code "01" was already used by feature 0',
      },
      {
        feature: 2,
        code: 'CodeMissing',
        params: { property: 'id' },
        reason: 'property "id" (code) is missing or empty',
      },
      {
        feature: 3,
        code: 'InvalidPopulation',
        params: { property: 'ew', value: '-4' },
        reason: 'property "ew" (population) must be a non-negative whole number, got -4',
      },
      { feature: 4, code: 'NotAFeature', params: {}, reason: 'not a GeoJSON Feature' },
    ]);
  });

  it('applies the name rule of the API: 200 characters, no NUL, surrogates or bidi controls; codes too', () => {
    const v = new AreaImportValidator(options, noParent);
    expect(v.accept(0, feature({ id: '01', name: 'x'.repeat(200) }))).not.toBeNull();
    expect(v.accept(1, feature({ id: '02', name: 'x'.repeat(1024 * 1024) }))).toBeNull();
    expect(v.accept(2, feature({ id: '03', name: 'Mi\u0000tte' }))).toBeNull();
    expect(v.accept(3, feature({ id: '04', name: 'Mitte \u202eetiM' }))).toBeNull();
    expect(v.accept(4, feature({ id: '05\ud800', name: 'Mitte' }))).toBeNull();
    expect(v.accept(5, feature({ id: 'x'.repeat(65), name: 'Mitte' }))).toBeNull();
    expect(v.errors).toEqual([
      {
        feature: 1,
        code: 'NameTooLong',
        params: { property: 'name', max: 200 },
        reason: 'property "name" (name) is longer than 200 characters',
      },
      {
        feature: 2,
        code: 'NameUnstorable',
        params: { property: 'name', problem: 'nul' },
        reason: 'property "name" (name) contains a NUL character (U+0000), which cannot be stored',
      },
      {
        feature: 3,
        code: 'NameMisleading',
        params: { property: 'name', problem: 'bidi-control' },
        reason:
          'property "name" (name) contains a bidirectional control character (U+202A–U+202E, U+2066–U+2069)',
      },
      {
        feature: 4,
        code: 'CodeUnstorable',
        params: { property: 'id', problem: 'surrogate' },
        reason:
          'property "id" (code) contains a lone UTF-16 surrogate (invalid Unicode), which cannot be stored',
      },
      {
        feature: 5,
        code: 'CodeTooLong',
        params: { code: 'x'.repeat(20), max: 64 },
        reason: 'code "xxxxxxxxxxxxxxxxxxxx…" is longer than 64 characters',
      },
    ]);
  });

  it('rejects open rings, too few positions, bad coordinates, wrong types and self-intersections', () => {
    const v = new AreaImportValidator(options, noParent);
    const cases: [unknown, RegExp, string, Record<string, number | string>][] = [
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
            ],
          ],
        },
        /ring 0: is not closed/,
        'RingNotClosed',
        { ring: 0 },
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [0, 0],
            ],
          ],
        },
        /ring 0: has 3 positions/,
        'RingTooShort',
        { ring: 0, positions: 3 },
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [200, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
        /outside WGS84 bounds/,
        'PositionOutOfBounds',
        { ring: 0, position: 1, lon: 200, lat: 0 },
      ],
      [
        { type: 'Point', coordinates: [0, 0] },
        /not Polygon or MultiPolygon/,
        'GeometryType',
        { type: 'Point' },
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 1],
              [1, 0],
              [0, 1],
              [0, 0],
            ],
          ],
        },
        /ring 0 intersects itself \(edges 0 and 2\)/,
        'RingSelfIntersection',
        { ring: 0, edge: 0, otherEdge: 2 },
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [4, 0],
              [4, 4],
              [0, 4],
              [0, 0],
            ],
            [
              [3, 1],
              [5, 1],
              [5, 2],
              [3, 2],
              [3, 1],
            ],
          ],
        },
        /rings 0 and 1 cross/,
        'RingsCross',
        { ring: 0, otherRing: 1, edge: 1, otherEdge: 0 },
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [4, 0],
              [4, 4],
              [0, 4],
              [0, 0],
            ],
            [
              [5, 5],
              [6, 5],
              [6, 6],
              [5, 6],
              [5, 5],
            ],
          ],
        },
        /hole 1 lies outside the outer ring/,
        'HoleOutside',
        { hole: 1 },
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [2, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
        /ring 0 intersects itself \(edges 0 and 1\)/,
        'RingSelfIntersection',
        { ring: 0, edge: 0, otherEdge: 1 },
      ],
      [null, /geometry is missing/, 'GeometryMissing', {}],
      [
        {
          type: 'MultiPolygon',
          coordinates: [
            square().coordinates,
            [
              [
                [0, 0],
                [1, 0],
                [1, 100],
                [0, 0],
              ],
            ],
          ],
        },
        /polygon 1 ring 0: position 2 \(1, 100\) is outside WGS84 bounds/,
        'PositionOutOfBounds',
        { polygon: 1, ring: 0, position: 2, lon: 1, lat: 100 },
      ],
    ];
    cases.forEach(([geometry, reason, code, params], i) => {
      expect(v.accept(i, feature({ id: `c${i}`, name: 'n' }, geometry))).toBeNull();
      expect(v.errors.at(-1)).toEqual({ feature: i, code, params, reason: expect.stringMatching(reason) });
    });
  });

  it('accepts a polygon with a hole inside its shell and a multipolygon of separate parts', () => {
    const v = new AreaImportValidator(options, noParent);
    const withHole = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ],
        [
          [1, 1],
          [2, 1],
          [2, 2],
          [1, 2],
          [1, 1],
        ],
      ],
    };
    const parts = {
      type: 'MultiPolygon',
      coordinates: [square(0, 0, 1).coordinates, square(3, 3, 1).coordinates],
    };
    expect(v.accept(0, feature({ id: 'h', name: 'hole' }, withHole))).not.toBeNull();
    expect(v.accept(1, feature({ id: 'm', name: 'multi' }, parts))).not.toBeNull();
    expect(v.errors).toEqual([]);
  });

  it('resolves parents by the longest existing code prefix on the level above', () => {
    const parents: ParentLookup = { hasParentLevel: true, parentCodes: new Set(['01', '0101', '010111']) };
    const v = new AreaImportValidator(areaImportOptionsSchema.parse({ level: 'planungsraum' }), parents);
    expect(v.accept(0, feature({ id: '01011101', name: 'Stülerstraße' }))?.parentCode).toBe('010111');
    expect(v.accept(1, feature({ id: '99999999', name: 'Nowhere' }))).toBeNull();
    expect(v.errors).toEqual([
      {
        feature: 1,
        code: 'NoParentByPrefix',
        params: { code: '99999999' },
        reason: 'no area on the level above has a code that is a prefix of "99999999"',
      },
    ]);
  });

  it('resolves parents from a property when configured', () => {
    const parents: ParentLookup = { hasParentLevel: true, parentCodes: new Set(['N']) };
    const opts = areaImportOptionsSchema.parse({
      level: 'quartier',
      parentFrom: 'property',
      parentProperty: 'stadtteil',
    });
    const v = new AreaImportValidator(opts, parents);
    expect(v.accept(0, feature({ id: 'q1', name: 'Q1', stadtteil: 'N' }))?.parentCode).toBe('N');
    expect(v.accept(1, feature({ id: 'q2', name: 'Q2', stadtteil: 'S' }))).toBeNull();
    expect(v.errors[0]).toEqual({
      feature: 1,
      code: 'UnknownParent',
      params: { parent: 'S' },
      reason: 'parent area "S" does not exist on the level above',
    });
  });

  it('requires parentProperty for parentFrom=property', () => {
    const parsed = areaImportOptionsSchema.safeParse({ level: 'x', parentFrom: 'property' });
    expect(parsed.success).toBe(false);
    expect(!parsed.success && parsed.error.issues[0].path).toEqual(['parentProperty']);
  });

  // Third-party data (Geoportal Berlin) from the reference data folder; not run without it.
  const lor = requireReferenceData(
    ['berlin/lor-until-2020/district-regions.geojson', 'berlin/lor-until-2020/planning-areas.geojson'],
    1,
  );
  (lor ? it : it.skip)(
    'finds the duplicate code in the published LOR planning areas and accepts all 448 once it is corrected',
    () => {
      const [regions, areas] = (lor as string[]).map((file) => JSON.parse(readFileSync(file, 'utf8')));
      const parentCodes = new Set<string>(
        regions.features.map((f: { properties: { id: string } }) => f.properties.id),
      );
      const v = new AreaImportValidator(areaImportOptionsSchema.parse({ level: 'planungsraum' }), {
        hasParentLevel: true,
        parentCodes,
      });
      areas.features.forEach((f: unknown, i: number) => v.accept(i, f));
      // The republished file labels Charlottenburg's Schloßstraße (04030417) with Steglitz's code.
      expect(v.errors).toEqual([
        {
          feature: 204,
          code: 'DuplicateCode',
          params: { code: '06010102', first: 123 },
          reason: 'code "06010102" was already used by feature 123',
        },
      ]);

      areas.features[123].properties.id = '04030417';
      const fixed = new AreaImportValidator(areaImportOptionsSchema.parse({ level: 'planungsraum' }), {
        hasParentLevel: true,
        parentCodes,
      });
      const accepted = areas.features.map((f: unknown, i: number) => fixed.accept(i, f)).filter(Boolean);
      expect(fixed.errors).toEqual([]);
      expect(accepted).toHaveLength(448);
    },
  );
});
