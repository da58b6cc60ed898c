import { differenceInDifferences } from './did';
import { matchNearestNeighbours } from './matching';
import { isFailure, recomputeEvaluation } from './recompute';
import { buildSnapshot, parseSnapshot } from './snapshot';
import { diffSnapshot } from './snapshot-diff';
import { fixtureInput, fixtureValues } from './testing/evidence-fixture';
import type { DidResult } from './did';

describe('recomputeEvaluation', () => {
  const snapshot = buildSnapshot(fixtureInput());
  const numbers = recomputeEvaluation(snapshot);

  it('computes matching, comparison set, balance and every outcome from the snapshot', () => {
    expect(numbers.snapshotHash).toBe(snapshot.hash);
    expect(isFailure(numbers.matching)).toBe(false);
    const direct = matchNearestNeighbours({
      values: fixtureValues(),
      period: '2013',
      treated: ['A01', 'A02', 'A03'],
      on: ['U', 'K'],
      k: 2,
    });
    expect(numbers.matching).toEqual(direct);
    // Matched areas plus the evaluator's addition A12.
    expect(numbers.comparison.at(-1)).toEqual({ area: 'A12', weight: 1, origin: 'added' });
    expect(numbers.balance!.map((row) => row.indicator)).toEqual(['U', 'K']);
    expect(numbers.outcomes.map((o) => o.indicator)).toEqual(['U', 'K']);

    const did = numbers.outcomes[0].did as DidResult;
    const groups = new Map<string, 'treated' | 'comparison'>([
      ['A01', 'treated'],
      ['A02', 'treated'],
      ['A03', 'treated'],
      ...numbers.comparison.map((c) => [c.area, 'comparison'] as [string, 'comparison']),
    ]);
    expect(did).toEqual(
      differenceInDifferences({
        indicator: 'U',
        values: fixtureValues(),
        groups,
        pre: ['2013', '2014'],
        post: ['2015', '2016', '2017', '2018', '2019'],
      }),
    );
    // The fixture's programme lowers unemployment: a negative effect, and the event study shows it after the start.
    expect(did.estimate).toBeLessThan(0);
    const study = numbers.outcomes[0].eventStudy;
    expect(isFailure(study)).toBe(false);
    if (!isFailure(study)) expect(study.points.map((p) => p.relative)).toEqual([-2, -1, 0, 1, 2, 3, 4]);
    // U carries counts: ratio of sums. K has none: the mean, flagged.
    const [u, k] = numbers.outcomes.map((o) => o.beforeAfter);
    expect(!isFailure(u) && u.programme.before.method).toBe('ratio-of-sums');
    expect(!isFailure(k) && k.programme.before.method).toBe('mean');
    expect(!isFailure(u) && u.reference?.label).toBe('Musterstadt');
  });

  it('gives identical numbers after new imports change the live data, and from the stored JSON', () => {
    const live = fixtureValues().map((v) =>
      v.indicator === 'U' ? { ...v, numerator: v.numerator! + 7 } : v,
    );
    expect(diffSnapshot(snapshot, live).changed.length).toBe(84);
    const stored = parseSnapshot(JSON.parse(JSON.stringify(snapshot)));
    expect(JSON.stringify(recomputeEvaluation(stored))).toBe(JSON.stringify(numbers));
    // A new snapshot of the live data does change the numbers.
    const fresh = recomputeEvaluation(buildSnapshot(fixtureInput(live)));
    expect(JSON.stringify(fresh)).not.toBe(JSON.stringify(numbers));
  });

  it('reports an outcome that cannot be estimated in its place, not as a failure of the evaluation', () => {
    const values = fixtureValues().map((v) =>
      v.indicator === 'K' && ['A01', 'A02', 'A03'].includes(v.area) && v.period === '2014'
        ? { ...v, value: null, status: 'suppressed' as const }
        : v,
    );
    // No treated value of K in the reference period 2014: K's event study cannot be estimated.
    const result = recomputeEvaluation(buildSnapshot(fixtureInput(values)));
    const study = result.outcomes[1].eventStudy;
    expect(isFailure(study) && study.error).toMatchObject({
      code: 'MissingObservations',
      details: { group: 'treated', period: '2014' },
    });
    expect(isFailure(result.outcomes[1].did)).toBe(false);
    expect(isFailure(result.outcomes[0].eventStudy)).toBe(false);
  });

  it('uses chosen comparison areas without matching, and then has no balance table', () => {
    const input = fixtureInput();
    const result = recomputeEvaluation(
      buildSnapshot({
        ...input,
        design: { ...input.design, matching: null, comparison: ['A08', 'A09', 'A10'], adjustments: [] },
      }),
    );
    expect(result.matching).toBeNull();
    expect(result.balance).toBeNull();
    expect(result.comparison.map((c) => [c.area, c.origin])).toEqual([
      ['A08', 'chosen'],
      ['A09', 'chosen'],
      ['A10', 'chosen'],
    ]);
  });

  it('carries survey and network series with their change between waves', () => {
    expect(numbers.survey).toEqual([
      expect.objectContaining({
        survey: 'nachbarschaft',
        item: 'safe',
        area: 'A01',
        change: expect.closeTo(0.15, 12),
      }),
    ]);
    expect(numbers.network[0]).toMatchObject({ measure: 'density', change: expect.closeTo(0.08, 12) });
  });

  it('refuses a snapshot whose content no longer matches its hash', () => {
    const tampered = {
      ...snapshot,
      content: { ...snapshot.content, values: snapshot.content.values.slice(1) },
    };
    expect(() => recomputeEvaluation(tampered)).toThrow('does not match its hash');
  });
});
