import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  eventStudyChartData,
  eventStudyRows,
  preTrendPeriods,
  relativeLabel,
  type EventStudyPointInput,
} from './event-study-view.ts';

const point = (
  period: string,
  relative: number,
  estimate: number,
  ci95: [number, number],
): EventStudyPointInput => ({
  period,
  relative,
  reference: relative === -1,
  estimate,
  se: 0.5,
  p: 0.04,
  ci95,
  observations: { treated: 3, comparison: 6 },
});

const study = {
  points: [
    point('2016', 0, -1.2, [-2.1, -0.3]),
    point('2012', -3, 0.8, [0.1, 1.5]),
    point('2014', -1, 0, [0, 0]),
    point('2018', 2, -0.4, [-1.5, 0.7]),
  ],
  omitted: [{ period: '2013', relative: -2, reason: 'no-comparison-observation' }],
};

describe('event study view', () => {
  it('labels relative periods with a typographic minus and a plus sign', () => {
    assert.deepEqual([-2, -1, 0, 1].map(relativeLabel), ['\u22122', '\u22121', '0', '+1']);
  });

  it('orders points and omitted periods by their position relative to the start', () => {
    const rows = eventStudyRows(study);
    assert.deepEqual(
      rows.map((r) => [r.period, r.label, r.estimate]),
      [
        ['2012', '\u22123', 0.8],
        ['2013', '\u22122', null],
        ['2014', '\u22121', 0],
        ['2016', '0', -1.2],
        ['2018', '+2', -0.4],
      ],
    );
    assert.equal(rows[1].omitted, 'no-comparison-observation');
  });

  it('gives the reference period no interval, SE or p and never flags it', () => {
    const reference = eventStudyRows(study).find((r) => r.reference)!;
    assert.deepEqual(
      [reference.low, reference.high, reference.se, reference.p, reference.excludesZero],
      [null, null, null, null, false],
    );
  });

  it('flags intervals that exclude zero and reports pre-trends before the reference only', () => {
    const rows = eventStudyRows(study);
    assert.deepEqual(
      rows.map((r) => r.excludesZero),
      [true, false, false, true, false],
    );
    assert.deepEqual(preTrendPeriods(rows), ['2012']);
  });

  it('builds chart data: estimates with gaps, intervals by label index, the start boundary', () => {
    const data = eventStudyChartData(eventStudyRows(study));
    assert.deepEqual(data.labels, ['\u22123', '\u22122', '\u22121', '0', '+2']);
    assert.deepEqual(data.estimates, [0.8, null, 0, -1.2, -0.4]);
    assert.deepEqual(data.intervals, [
      [0, 0.1, 1.5],
      [3, -2.1, -0.3],
      [4, -1.5, 0.7],
    ]);
    assert.equal(data.startIndex, 3);
  });

  it('has no start boundary when no period after the start could be estimated', () => {
    const data = eventStudyChartData(eventStudyRows({ points: [point('2014', -1, 0, [0, 0])], omitted: [] }));
    assert.equal(data.startIndex, null);
  });
});
