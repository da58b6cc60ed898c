import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventStudy, type EventStudyResult } from './event-study';
import { isFailure, recomputeEvaluation, type EvaluationNumbers } from './recompute';
import { buildSnapshot, parseSnapshot } from './snapshot';
import { mixedKindsInput } from './testing/mixed-kinds-fixture';
import type { Group } from './values';

const fixture = (name: string) => readFileSync(join(__dirname, 'testing', 'fixtures', name), 'utf8');

function studyOf(numbers: EvaluationNumbers, indicator: string): EventStudyResult {
  const study = numbers.outcomes.find((o) => o.indicator === indicator)!.eventStudy;
  if (isFailure(study)) throw new Error(`${indicator}: ${study.error.message}`);
  return study;
}

describe('recomputeEvaluation: outcomes reported at different frequencies', () => {
  const mixed = recomputeEvaluation(buildSnapshot(mixedKindsInput()));

  it("relates each outcome's event study to the last pre period of its own kind", () => {
    const yearly = studyOf(mixed, 'Y');
    expect(yearly.reference).toBe('2023');
    expect(yearly.points.map((p) => [p.period, p.relative])).toEqual([
      ['2020', -4],
      ['2021', -3],
      ['2022', -2],
      ['2023', -1],
      ['2024', 0],
    ]);
    expect(yearly.omitted).toEqual([]);
    const quarterly = studyOf(mixed, 'Q');
    expect(quarterly.reference).toBe('2023Q4');
    expect(quarterly.points.map((p) => p.relative)).toEqual([-8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3]);
    expect(quarterly.points.find((p) => p.relative === 0)?.period).toBe('2024Q1');
    expect(quarterly.omitted).toEqual([]);
  });

  it('gives each outcome the numbers it has in an evaluation of its own', () => {
    for (const code of ['Y', 'Q'] as const)
      expect(studyOf(mixed, code)).toEqual(
        studyOf(recomputeEvaluation(buildSnapshot(mixedKindsInput([code]))), code),
      );
  });

  it('leaves an evaluation whose outcomes share one kind as the design periods give it', () => {
    for (const code of ['Y', 'Q'] as const) {
      const input = mixedKindsInput([code]);
      const groups = new Map<string, Group>([
        ...input.design.treated.map((a) => [a, 'treated'] as const),
        ...input.design.comparison.map((a) => [a, 'comparison'] as const),
      ]);
      const { pre, post } = input.design;
      expect(studyOf(recomputeEvaluation(buildSnapshot(input)), code)).toEqual(
        eventStudy({ indicator: code, values: input.values, groups, pre, post }),
      );
    }
  });

  it('recomputes a version 1 snapshot by the rule it was frozen under: its numbers never change', () => {
    // Written by the build that froze version 1 (one reference period for all outcomes), with the
    // numbers that build computed from it.
    const snapshot = parseSnapshot(JSON.parse(fixture('snapshot-v1-mixed-kinds.json')));
    expect(snapshot.content.version).toBe(1);
    expect(snapshot.hash).toBe('6b8af73e9c548b11e02386de8696912d17d48791e64bcc8f50218eaa5b8e5de3');
    const numbers = JSON.parse(JSON.stringify(recomputeEvaluation(snapshot)));
    expect(numbers).toEqual(JSON.parse(fixture('snapshot-v1-mixed-kinds.numbers.json')));
    // Y had no value in the pooled reference period 2023Q4.
    expect(numbers.outcomes[0]).toMatchObject({
      indicator: 'Y',
      eventStudy: { error: { code: 'MissingObservations' } },
    });
  });
});
