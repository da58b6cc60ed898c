import { geodesicAreaKm2 } from '../maps/geodesic-area';
import { documentTables } from '../model/document-flow';
import { buildAreaProfile } from '../builders/area-profile';
import { pinnedCityFixture } from '../testing/pinned-fixture';
import { assembleAreaProfile } from './assemble-area-profile';
import { cityValue, publishedValue, siblingRank } from './indicator-figures';
import { canonicalJson, contentHashOf, labelIn, type PinnedArea, type PinnedIndicator } from './pinned-data';

const OPTIONS = { language: 'de' as const, asOf: '2024-03-01', generatedAt: '2024-03-01T08:00:00Z' };

describe('canonical pinned data', () => {
  it('writes the same bytes whatever order keys came in, and hashes them with SHA-256', () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, skipped: undefined };
    const b = { a: { c: null, d: [3, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(contentHashOf(canonicalJson(a))).toBe(contentHashOf(canonicalJson(b)));
    expect(contentHashOf(canonicalJson(a))).not.toBe(contentHashOf(canonicalJson({ ...b, b: 2 })));
    expect(contentHashOf('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('names an indicator named only in German in German in an English report too', () => {
    // The indicator service requires the German name alone; the English one is optional.
    expect(labelIn({ de: 'Arbeitslosigkeit' }, 'en')).toBe('Arbeitslosigkeit');
    expect(labelIn({ de: 'Arbeitslosigkeit', en: 'Unemployment' }, 'en')).toBe('Unemployment');
    expect(labelIn('Arbeitslosigkeit', 'en')).toBe('Arbeitslosigkeit');
  });
});

describe('indicator figures from published cells', () => {
  const area = (id: string, population: number | null = 100): PinnedArea => ({
    id,
    code: id,
    name: id,
    level: 'x',
    parentId: null,
    population,
  });
  const indicator = (
    values: PinnedIndicator['values'],
    polarity: PinnedIndicator['polarity'] = 'higher-is-worse',
  ) =>
    ({
      code: 'S',
      name: 'S',
      unit: '%',
      polarity,
      scale: 100,
      periods: ['2023'],
      values,
    }) satisfies PinnedIndicator;

  it('keeps suppressed apart from missing and from numbers', () => {
    expect(publishedValue(['value', 3.5, null, null])).toBe(3.5);
    expect(publishedValue(['suppressed', null, null, null])).toBe('suppressed');
    expect(publishedValue(['missing', null, null, null])).toBeNull();
    expect(publishedValue(undefined)).toBeNull();
  });

  it('ranks among siblings with published values only, rank 1 the most favourable, ties shared', () => {
    const v = (x: number) => ['value', x, null, null] as const;
    const values = {
      '2023': { a: [...v(5)], b: [...v(3)], c: [...v(5)], d: ['suppressed', null, null, null], e: [...v(9)] },
    } as PinnedIndicator['values'];
    const siblings = ['a', 'b', 'c', 'd', 'e'].map((id) => area(id));
    expect(siblingRank(indicator(values), '2023', 'b', siblings)).toEqual({ position: 1, of: 4 });
    expect(siblingRank(indicator(values), '2023', 'a', siblings)).toEqual({ position: 2, of: 4 });
    expect(siblingRank(indicator(values), '2023', 'c', siblings)).toEqual({ position: 2, of: 4 });
    expect(siblingRank(indicator(values), '2023', 'e', siblings)).toEqual({ position: 4, of: 4 });
    expect(siblingRank(indicator(values, 'higher-is-better'), '2023', 'e', siblings)).toEqual({
      position: 1,
      of: 4,
    });
    expect(siblingRank(indicator(values), '2023', 'd', siblings)).toBeNull();
    expect(siblingRank(indicator(values, 'neutral'), '2023', 'a', siblings)).toBeNull();
  });

  it('aggregates the city from the top level as ratio of sums, else population-weighted, never from partial views', () => {
    const top = [area('d1', 100), area('d2', 300)];
    const counts = indicator({ '2023': { d1: ['value', 10, 10, 100], d2: ['value', 20, 60, 300] } });
    expect(cityValue(counts, '2023', top)).toBeCloseTo((70 / 400) * 100, 12);
    const weighted = indicator({ '2023': { d1: ['value', 10, null, null], d2: ['value', 20, null, null] } });
    expect(cityValue(weighted, '2023', top)).toBeCloseTo(17.5, 12);
    expect(cityValue(weighted, '2023', [area('d1', null), area('d2', 300)])).toBeNull();
    const suppressed = indicator({
      '2023': { d1: ['value', 10, 10, 100], d2: ['suppressed', null, null, null] },
    });
    expect(cityValue(suppressed, '2023', top)).toBe('suppressed');
    const partial = indicator({ '2023': { d1: ['value', 10, 10, 100] } });
    expect(cityValue(partial, '2023', top)).toBeNull();
  });

  it('measures an area on the sphere: one square degree at the equator, and holes subtracted', () => {
    const square = (x: number, y: number, s: number) => [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ];
    // R² · Δλ · (sin φ₂ − sin φ₁) with the mean Earth radius: 12,363.7 km² (turf, PostGIS's sphere).
    expect(geodesicAreaKm2({ type: 'Polygon', coordinates: [square(0, 0, 1)] })).toBeCloseTo(12_363.7, 0);
    const holed = geodesicAreaKm2({
      type: 'Polygon',
      coordinates: [square(0, 0, 1), square(0.25, 0.25, 0.5)],
    });
    expect(holed).toBeCloseTo(
      geodesicAreaKm2({ type: 'Polygon', coordinates: [square(0, 0, 1)] }) -
        geodesicAreaKm2({ type: 'Polygon', coordinates: [square(0.25, 0.25, 0.5)] }),
      6,
    );
  });
});

describe('assembleAreaProfile', () => {
  it('derives rank, city value, class, survey, network, measures and goals of one area from the pinned data alone', () => {
    const data = pinnedCityFixture();
    const profile = assembleAreaProfile(data, 'p1', OPTIONS);
    expect(profile.area.name).toBe(data.areas.find((a) => a.id === 'p1')!.name);
    expect(profile.area.parent?.name).toBe('Nordbezirk');
    expect(profile.area.sizeKm2).toBeGreaterThan(0);
    const [s1] = profile.indicators!;
    expect(s1.values).toEqual([5, 6]);
    // 2023: 6, 4, suppressed, 6 → 4 is best; p1 shares rank 2 with the fourth sibling.
    expect(s1.rank).toEqual({ position: 2, of: 3 });
    // 2022: (600 + 1200) / (10000 + 15000) × 100; 2023: a district is suppressed.
    expect(s1.cityValues?.[0]).toBeCloseTo(7.2, 12);
    expect(s1.cityValues?.[1]).toBe('suppressed');
    expect(profile.socialIndex?.classLabel).toBe('3- (niedrig / negativ)');
    expect(profile.survey?.highlights.map((h) => h.share)).toEqual([62, 'suppressed']);
    expect(profile.survey?.highlights[0].cityShare).toBe(70);
    expect(profile.network?.brokers).toEqual([
      { name: 'Stadtteilzentrum', sector: 'Wohlfahrt und soziale Träger', role: 'Verbindung' },
      { name: null, sector: 'Bewohnerinnen und Bewohner', role: 'Türöffner' },
    ]);
    expect(profile.network?.actorsBySector.reduce((s, x) => s + x.count, 0)).toBe(2);
    expect(profile.measures).toEqual([
      {
        title: 'Elterncafé',
        programme: 'Quartiersmanagement',
        status: 'laufend',
        budgetCents: 640_000,
        spentCents: 198_000,
      },
    ]);
    expect(profile.impact?.goals[0]).toMatchObject({ goal: 'Weniger Kinderarmut', attainmentPercent: 40 });
  });

  it('gives a district the measures of its planning areas and the whole network', () => {
    const data = pinnedCityFixture();
    const district = assembleAreaProfile(data, 'd1', OPTIONS);
    expect(district.network?.actors).toBe(12);
    expect(district.network?.actorsBySector.reduce((s, x) => s + x.count, 0)).toBe(3);
    expect(district.locator?.parent.name).toBe('Teststadt');
    const south = data.areas.find((a) => a.id === 'p6')!.parentId!;
    expect(assembleAreaProfile(data, south, OPTIONS).measures?.map((m) => m.title)).toEqual(['Hofbegrünung']);
  });

  it('says a withheld topic is not released instead of "no data", and the profile builds and names no hidden actor', () => {
    const data = { ...pinnedCityFixture(), withheld: ['survey' as const] };
    const document = buildAreaProfile(assembleAreaProfile(data, 'p1', OPTIONS), 'de');
    const text = JSON.stringify(document);
    expect(text).toContain('Diese Angaben sind für Ihre Rolle nicht freigegeben');
    expect(text).toContain('ein Akteur (pseudonymisiert)');
    expect(documentTables(document).map((t) => t.id)).not.toContain('befragungsergebnisse');
  });
});
