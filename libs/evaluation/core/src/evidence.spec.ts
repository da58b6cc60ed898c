import { networkEvidence, surveyEvidence } from './evidence';
import type { SnapshotSurveyAggregate } from './snapshot-schema';

const aggregate = (
  wave: string,
  waveDate: string,
  value: number | null,
  suppressed = false,
): SnapshotSurveyAggregate => ({
  survey: 's',
  wave,
  waveDate,
  item: 'q1',
  option: null,
  area: 'A',
  statistic: 'mean',
  respondents: suppressed ? 4 : 30,
  value,
  suppressed,
});

describe('survey and network evidence', () => {
  it('orders waves by date and takes the change between the first and last published values', () => {
    const [series] = surveyEvidence([
      aggregate('w3', '2020-05-01', null, true),
      aggregate('w2', '2018-05-01', 3.4),
      aggregate('w1', '2016-05-01', 3.1),
    ]);
    expect(series.waves.map((w) => [w.wave, w.value, w.suppressed])).toEqual([
      ['w1', 3.1, false],
      ['w2', 3.4, false],
      ['w3', null, true],
    ]);
    expect(series.change).toBeCloseTo(0.3, 12);
  });

  it('never publishes a suppressed value, even if one was stored, and has no change from one wave', () => {
    const [series] = surveyEvidence([
      aggregate('w1', '2016-05-01', 2.9, true),
      aggregate('w2', '2018-05-01', 3.4),
    ]);
    expect(series.waves[0].value).toBeNull();
    expect(series.change).toBeNull();
  });

  it('keeps one network series per network, measure and area', () => {
    const series = networkEvidence([
      { network: 'n', wave: 'b', waveDate: '2019-01-01', measure: 'density', area: null, value: 0.3 },
      { network: 'n', wave: 'a', waveDate: '2017-01-01', measure: 'density', area: null, value: 0.2 },
      { network: 'n', wave: 'a', waveDate: '2017-01-01', measure: 'components', area: null, value: 4 },
    ]);
    expect(series.map((s) => [s.measure, s.change])).toEqual([
      ['density', expect.closeTo(0.1, 12)],
      ['components', null],
    ]);
  });
});
