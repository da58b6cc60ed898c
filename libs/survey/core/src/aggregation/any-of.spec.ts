import { shareChoosingAny } from './any-of';
import { wilsonInterval } from './statistics';

describe('shareChoosingAny', () => {
  it('counts a select_multiple respondent once, however many of the options they chose', () => {
    const answers = [['sport', 'kultur'], ['sport'], ['kultur', 'beratung'], ['beratung'], ['keine']];
    const result = shareChoosingAny(answers, ['sport', 'kultur']);
    expect(result).toEqual({ n: 5, count: 3, share: 0.6, ci: wilsonInterval(0.6, 5) });
    // The options' own shares add up to 0.8 here: the sum double-counts the first respondent.
    const summed = ['sport', 'kultur']
      .map((o) => answers.filter((a) => a.includes(o)).length / answers.length)
      .reduce((a, b) => a + b);
    expect(summed).toBeCloseTo(0.8);
  });

  it('never passes 100 % when every respondent ticks every option', () => {
    const answers = [
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ];
    expect(shareChoosingAny(answers, ['a', 'b', 'c'])?.share).toBe(1);
  });

  it('reads select_one answers, numbers as their option names, and leaves the unanswered out', () => {
    const answers = ['ja', 'nein', '', undefined, null, [], 'ja', 2];
    expect(shareChoosingAny(answers, ['ja', '2'])).toMatchObject({ n: 4, count: 3, share: 0.75 });
  });

  it('weights the share and puts its interval on Kish’s effective n', () => {
    const answers = ['ja', 'nein', 'nein', 'ja'];
    const result = shareChoosingAny(answers, ['ja'], [3, 1, 1, 1]);
    // (3 + 1) / 6; effective n = 6² / (9 + 1 + 1 + 1) = 3.
    expect(result?.share).toBeCloseTo(4 / 6);
    expect(result?.ci).toEqual(wilsonInterval(4 / 6, 3));
    expect(result).toMatchObject({ n: 4, count: 2 });
  });

  it('has no share without an answer, or when every answer weighs nothing', () => {
    expect(shareChoosingAny([], ['ja'])).toBeNull();
    expect(shareChoosingAny([undefined, ''], ['ja'])).toBeNull();
    expect(shareChoosingAny(['ja', 'nein'], ['ja'], [0, 0])).toBeNull();
  });

  it('takes the interval’s confidence level', () => {
    const result = shareChoosingAny(['ja', 'nein', 'ja', 'ja'], ['ja'], undefined, 0.9);
    expect(result?.ci).toEqual(wilsonInterval(0.75, 4, 0.9));
  });
});
