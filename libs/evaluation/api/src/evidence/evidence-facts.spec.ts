import { networkMeasuresOf, surveyAggregatesOf, TOP_TWO_BOX } from './evidence-facts';
import type { NetworkRefRow, SurveyRefRow } from './evidence.repository';

const codes = new Map([
  ['a1', '0101'],
  ['a2', '0102'],
]);

describe('survey aggregates as snapshot facts', () => {
  const row = (areaId: string, over: Partial<SurveyRefRow> = {}): SurveyRefRow => ({
    surveyId: 's',
    waveId: 'w',
    item: 'survey.sicher',
    name: 'Sicher',
    question: 'sicher',
    measure: 'topTwoBox',
    period: '2025-10-31',
    areaId,
    suppressed: false,
    value: 0.4,
    n: 120,
    ...over,
  });

  it('keeps published cells with their respondents and suppressed cells without value or count', () => {
    expect(
      surveyAggregatesOf(
        [row('a1'), row('a2', { suppressed: true, value: null, n: null }), row('a3')],
        codes,
      ),
    ).toEqual([
      {
        survey: 's',
        wave: 'w',
        waveDate: '2025-10-31',
        item: 'survey.sicher',
        option: TOP_TWO_BOX,
        area: '0101',
        statistic: 'share',
        respondents: 120,
        value: 0.4,
        suppressed: false,
      },
      expect.objectContaining({ area: '0102', respondents: 0, value: null, suppressed: true }),
    ]);
  });

  it('maps means to the mean statistic and plain shares to no option, dating waves by their period end', () => {
    const [mean, share] = surveyAggregatesOf(
      [row('a1', { measure: 'mean', period: '2024' }), row('a2', { measure: 'share', period: '2024H1' })],
      codes,
    );
    expect(mean).toMatchObject({ statistic: 'mean', option: null, waveDate: '2024-12-31' });
    expect(share).toMatchObject({ statistic: 'share', option: null, waveDate: '2024-06-30' });
  });

  it('dates monthly and weekly waves by their last day and leaves out cells of no period', () => {
    const facts = surveyAggregatesOf(
      [
        row('a1', { waveId: 'may', period: '2024-05' }),
        row('a1', { waveId: 'w10', period: '2024-W10' }),
        row('a2', { waveId: 'bad', period: 'Frühjahr 2024' }),
      ],
      codes,
    );
    expect(facts.map((f) => [f.wave, f.waveDate])).toEqual([
      ['may', '2024-05-31'],
      ['w10', '2024-03-10'],
    ]);
  });
});

describe('network measures as snapshot facts', () => {
  const row = (
    areaId: string | null,
    metrics: Record<string, number>,
    period = '2024-05-15',
  ): NetworkRefRow => ({
    networkId: 'n',
    waveId: 'w',
    areaId,
    scope: 'network',
    period,
    metrics,
  });

  it('keeps the chosen measures of networks tied to known areas', () => {
    expect(
      networkMeasuresOf(
        [row('a1', { density: 0.2, isolates: 3 }), row('a9', { density: 0.5 }), row('a2', { isolates: 1 })],
        ['density'],
        codes,
      ),
    ).toEqual([
      { network: 'n', wave: 'w', waveDate: '2024-05-15', measure: 'density', area: '0101', value: 0.2 },
    ]);
  });

  it('dates a weekly wave across the turn of the year and leaves out waves of no period', () => {
    expect(
      networkMeasuresOf(
        [row('a1', { density: 0.2 }, '2020-W53'), row('a2', { density: 0.3 }, '2025-W53')],
        ['density'],
        codes,
      ),
    ).toEqual([
      { network: 'n', wave: 'w', waveDate: '2021-01-03', measure: 'density', area: '0101', value: 0.2 },
    ]);
  });
});
