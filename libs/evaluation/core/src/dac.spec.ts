import {
  DAC_CRITERIA,
  RATING_SCALE,
  rateCriterion,
  ratingFromBmzGrade,
  successBlockers,
  unratedCriteria,
  type CriterionRating,
  type DacCriterion,
  type Rating,
} from './dac';
import { EvaluationError } from './evaluation-error';

const rating = (
  criterion: DacCriterion,
  value: Rating,
  justification = 'Belegt durch DiD S1',
): CriterionRating => ({
  criterion,
  rating: value,
  justification,
  evidence: [{ kind: 'did', ref: 'S1' }],
});

describe('OECD-DAC criteria and rating scale', () => {
  it('defines the six criteria and four levels with German and English labels', () => {
    expect(DAC_CRITERIA.map((c) => c.code)).toEqual([
      'relevance',
      'coherence',
      'effectiveness',
      'efficiency',
      'impact',
      'sustainability',
    ]);
    for (const entry of [
      ...DAC_CRITERIA.map((c) => c.label),
      ...DAC_CRITERIA.map((c) => c.question),
      ...RATING_SCALE.map((l) => l.label),
    ]) {
      expect(entry.de.length).toBeGreaterThan(3);
      expect(entry.en.length).toBeGreaterThan(3);
    }
    expect(RATING_SCALE.map((l) => [l.code, l.label.de, l.successful])).toEqual([
      [1, 'sehr erfolgreich', true],
      [2, 'erfolgreich', true],
      [3, 'eingeschränkt erfolgreich', true],
      [4, 'nicht erfolgreich', false],
    ]);
  });

  it('converts BMZ six-level grades, keeping the success threshold between 3 and 4', () => {
    expect([1, 2, 3, 4, 5, 6].map(ratingFromBmzGrade)).toEqual([1, 2, 3, 4, 4, 4]);
    expect(() => ratingFromBmzGrade(7)).toThrow(EvaluationError);
    expect(() => ratingFromBmzGrade(2.5)).toThrow('BMZ grade 2.5 is not one of 1 … 6');
  });

  it('sets one rating per criterion, in DAC order, replacing an earlier one', () => {
    let ratings = rateCriterion([], rating('impact', 3));
    ratings = rateCriterion(ratings, rating('relevance', 1, '  Bedarf belegt  '));
    ratings = rateCriterion(ratings, rating('impact', 2));
    expect(ratings.map((r) => [r.criterion, r.rating, r.justification])).toEqual([
      ['relevance', 1, 'Bedarf belegt'],
      ['impact', 2, 'Belegt durch DiD S1'],
    ]);
    expect(unratedCriteria(ratings)).toEqual(['coherence', 'effectiveness', 'efficiency', 'sustainability']);
  });

  it('refuses an unknown criterion, a rating off the scale and a missing justification', () => {
    expect(() => rateCriterion([], rating('beauty' as DacCriterion, 1))).toThrow(
      '"beauty" is not an OECD-DAC criterion',
    );
    expect(() => rateCriterion([], rating('impact', 5 as Rating))).toThrow(
      'rating 5 of impact is not one of 1, 2, 3, 4',
    );
    try {
      rateCriterion([], rating('impact', 2, ' '));
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(EvaluationError);
      expect((error as EvaluationError).details).toEqual({ field: 'justification', criterion: 'impact' });
    }
  });

  it('names the criteria that keep an evaluation from being called successful (BMZ rule)', () => {
    const all = DAC_CRITERIA.map((c) => rating(c.code, 2));
    expect(successBlockers(all)).toEqual([]);
    const weak = all.map((r) => (r.criterion === 'sustainability' ? { ...r, rating: 4 as Rating } : r));
    expect(successBlockers(weak)).toEqual(['sustainability']);
    // Efficiency rated 4 does not block; a missing impact rating does.
    const mixed = all
      .filter((r) => r.criterion !== 'impact')
      .map((r) => (r.criterion === 'efficiency' ? { ...r, rating: 4 as Rating } : r));
    expect(successBlockers(mixed)).toEqual(['impact']);
  });
});
