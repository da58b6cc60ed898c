import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireReferenceData } from '@quartier/reference-data';
import { BERLIN_MSS_EDITIONS, BERLIN_MSS_FILES, loadBerlinMss, readFixtureCsv } from '../fixtures/berlin-mss';
import { combineClasses } from './combined-class';
import { computeCompositeIndex, type AreaIndexResult } from './composite-index';
import { parseIndexDefinition } from './index-definition';

// Ground truth: the classes SenSBW published for every MSS edition. Each test recomputes all
// areas from the published indicator values and compares area by area. The files are third-party
// data in the reference folder: without it these conformance tests are reported as not run.
const mss = requireReferenceData(BERLIN_MSS_FILES, 15);
const withMss = mss ? describe : describe.skip;

withMss.each(BERLIN_MSS_EDITIONS)('Berlin MSS %i', (edition) => {
  it('reproduces every published status and dynamics class, and which areas are not indexed', () => {
    const fixture = loadBerlinMss(edition);
    const result = computeCompositeIndex(parseIndexDefinition(fixture.definition), fixture.areas);
    const mismatches: string[] = [];
    for (const area of result.areas) {
      const published = fixture.published.get(area.area);
      if (!published) throw new Error(`no published classes for ${area.area}`);
      const computed = area.valid
        ? { status: area.indices['status'].class.code, dynamics: area.indices['dynamics'].class.code }
        : { status: null, dynamics: null };
      if (computed.status !== published.status || computed.dynamics !== published.dynamics) {
        mismatches.push(
          `${area.area}: computed ${computed.status}/${computed.dynamics}, published ${published.status}/${published.dynamics}`,
        );
      }
    }
    expect(result.areas).toHaveLength(fixture.published.size);
    expect(mismatches).toEqual([]);
  });
});

withMss('Berlin MSS edition details', () => {
  it.each([
    [2013, 447, 434],
    [2015, 447, 435],
    [2017, 447, 436],
    [2019, 447, 436],
    [2021, 542, 536],
  ])('%i: %i areas, %i valid', (edition, total, valid) => {
    const fixture = loadBerlinMss(edition as (typeof BERLIN_MSS_EDITIONS)[number]);
    const result = computeCompositeIndex(fixture.definition, fixture.areas);
    expect(result.areas).toHaveLength(total);
    expect(result.validAreaCount).toBe(valid);
  });

  it('2021: the exclusion comes from KOM (one outlier), the five small areas from the population rule', () => {
    const fixture = loadBerlinMss(2021);
    expect(fixture.definition.excludeAreas).toEqual(['10100205']);
    const result = computeCompositeIndex(fixture.definition, fixture.areas);
    const invalid = result.areas.filter((a): a is Extract<AreaIndexResult, { valid: false }> => !a.valid);
    expect(invalid.map((a) => [a.area, a.reasons.map((r) => r.code)])).toEqual([
      ['03300515', ['population-below-minimum', 'indicator-missing']],
      ['03400831', ['population-missing', 'indicator-missing']],
      ['04400725', ['population-below-minimum', 'indicator-missing']],
      ['05300838', ['population-below-minimum', 'indicator-missing']],
      ['06200418', ['population-below-minimum', 'indicator-missing']],
      ['10100205', ['excluded', 'indicator-missing']],
    ]);
  });

  it('2021: class counts match the published distribution', () => {
    const fixture = loadBerlinMss(2021);
    const result = computeCompositeIndex(fixture.definition, fixture.areas);
    expect(result.statistics['status'].classCounts).toEqual({ '1': 75, '2': 366, '3': 46, '4': 49 });
    expect(result.statistics['dynamics'].classCounts).toEqual({ '+': 48, '+/-': 436, '-': 52 });
  });

  it('2021: combined classes (SDI, SDI_N) match the published ones for every indexed area', () => {
    const fixture = loadBerlinMss(2021);
    const result = computeCompositeIndex(fixture.definition, fixture.areas);
    const published = new Map(readFixtureCsv('mss-2021-classes.csv').map((row) => [row['PLR_ID'], row]));
    let compared = 0;
    for (const area of result.areas) {
      if (!area.valid) continue;
      const combined = combineClasses(area.indices['status'].class.code, area.indices['dynamics'].class.code);
      expect([area.area, combined.code, combined.numeric]).toEqual([
        area.area,
        published.get(area.area)!['SDI'],
        Number(published.get(area.area)!['SDI_N']),
      ]);
      compared++;
    }
    expect(compared).toBe(536);
  });

  // Table 3 rounds to 2 decimals, computed from inputs with more than the 5 decimals the
  // indicator file carries; values that land within 1e-4 of a rounding midpoint can therefore
  // round the other way (3 of 5,360 numbers: 05100313 Dynamik-summe −2.25501, 07400824 zD4
  // 0.49500, 09401330 Dynamik-Index 0.13500). Everything else must match the printed digits exactly.
  it('2021: z-values, sums and indices agree with the official table 3', () => {
    const fixture = loadBerlinMss(2021);
    const result = computeCompositeIndex(fixture.definition, fixture.areas);
    const table = new Map(
      readFixtureCsv('mss-2021-official-table3-zvalues.csv', ';').map((row) => [row['PLR-ID'], row]),
    );
    const columns: [string, (a: Extract<AreaIndexResult, { valid: true }>) => number][] = [
      ['zS1', (a) => a.indices['status'].z['S1']],
      ['zS3', (a) => a.indices['status'].z['S3']],
      ['zS4', (a) => a.indices['status'].z['S4']],
      ['Status-summe', (a) => a.indices['status'].sum],
      ['Status-Index (standardisierte Statussumme)', (a) => a.indices['status'].value],
      ['zD1', (a) => a.indices['dynamics'].z['D1']],
      ['zD3', (a) => a.indices['dynamics'].z['D3']],
      ['zD4', (a) => a.indices['dynamics'].z['D4']],
      ['Dynamik-summe', (a) => a.indices['dynamics'].sum],
      ['Dynamik-Index (standardisierte Dynamik-summe)', (a) => a.indices['dynamics'].value],
    ];
    const roundedDifferently: string[] = [];
    let compared = 0;
    for (const area of result.areas) {
      const row = table.get(area.area)!;
      if (!area.valid) {
        expect(row['zS1']).toBe('');
        continue;
      }
      for (const [column, pick] of columns) {
        const published = Number(row[column]);
        const computed = pick(area);
        expect(Math.abs(computed - published)).toBeLessThanOrEqual(0.005 + 1e-4);
        const printed = computed.toFixed(2).replace(/^-(0\.00)$/, '$1');
        if (printed !== row[column]) roundedDifferently.push(`${area.area} ${column}`);
        compared++;
      }
    }
    expect(compared).toBe(5360);
    expect(roundedDifferently).toEqual([
      '05100313 Dynamik-summe',
      '07400824 zD4',
      '09401330 Dynamik-Index (standardisierte Dynamik-summe)',
    ]);
  });
});

withMss('example definition file', () => {
  it('fixtures/berlin-mss-2021.definition.json gives the same result as the definition derived from KOM', () => {
    const fixture = loadBerlinMss(2021);
    const example = parseIndexDefinition(
      JSON.parse(readFileSync(join(__dirname, '../fixtures/berlin-mss-2021.definition.json'), 'utf8')),
    );
    const fromFile = computeCompositeIndex(example, fixture.areas);
    const derived = computeCompositeIndex(fixture.definition, fixture.areas);
    expect(fromFile.areas).toEqual(derived.areas);
  });
});
