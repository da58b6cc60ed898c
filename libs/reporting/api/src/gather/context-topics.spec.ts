import type { z } from 'zod';
import type { surveyResultsSchema } from '../upstream/upstream.schemas';
import { pinnedSurveyItems } from './context-topics';

type Results = z.infer<typeof surveyResultsSchema>;

const published = (group: string, value: number | null, ci: [number, number] | null = null) => ({
  group,
  suppressed: null,
  value,
  n: 20,
  ci,
});

/** Two areas under one parent, the second suppressed; a share, a top-2-box and a mean item. */
const results: Results = {
  k: 10,
  areas: [
    { key: '0101', areaId: 'a1', respondents: 40 },
    { key: '0102', areaId: 'a2', respondents: null },
  ],
  parents: [{ key: '01', areaId: 'p', respondents: 52 }],
  total: { respondents: 52 },
  indicators: [
    {
      name: 'Nutzt Angebote',
      measure: 'share',
      // The survey service's "any of" share: below the options' summed shares (0.9 here).
      areas: [published('0101', 0.6, [0.45, 0.73]), { group: '0102', suppressed: 'primary' }],
      parents: [published('01', 0.55)],
      total: published('*', 0.55, [0.4, 0.7]),
    },
    {
      name: 'Fühlt sich sicher',
      measure: 'topTwoBox',
      areas: [published('0101', null), { group: '0102', suppressed: 'secondary' }],
      parents: [published('01', 0.5)],
      total: { group: '*', suppressed: 'primary' },
    },
    {
      name: 'Alter',
      measure: 'mean',
      areas: [published('0101', 47), { group: '0102', suppressed: 'primary' }],
      parents: [published('01', 45)],
      total: published('*', 45),
    },
  ],
};

describe('pinnedSurveyItems', () => {
  it('pins the survey service’s published share of each item, with its interval', () => {
    const pinned = pinnedSurveyItems(results, new Set(['a1', 'a2', 'p']));
    expect(pinned?.items[0]).toEqual({
      label: 'Nutzt Angebote',
      shares: {
        a1: { share: 0.6, lower: 0.45, upper: 0.73 },
        a2: 'suppressed',
        p: { share: 0.55, lower: null, upper: null },
      },
      total: { share: 0.55, lower: 0.4, upper: 0.7 },
    });
    expect(pinned?.respondents).toEqual({ a1: 40, a2: null, p: 52 });
  });

  it('leaves out means and areas without a value, and keeps suppression as suppression', () => {
    const pinned = pinnedSurveyItems(results, new Set(['a1', 'a2', 'p']));
    expect(pinned?.items.map((i) => i.label)).toEqual(['Nutzt Angebote', 'Fühlt sich sicher']);
    expect(pinned?.items[1]).toEqual({
      label: 'Fühlt sich sicher',
      shares: { a2: 'suppressed', p: { share: 0.5, lower: null, upper: null } },
      total: 'suppressed',
    });
  });

  it('pins only the areas asked for, and nothing for a survey without them', () => {
    const pinned = pinnedSurveyItems(results, new Set(['a1']));
    expect(Object.keys(pinned?.items[0].shares ?? {})).toEqual(['a1']);
    expect(pinned?.respondents).toEqual({ a1: 40 });
    expect(pinnedSurveyItems(results, new Set(['elsewhere']))).toBeNull();
  });
});
