import type { AnswerValue } from '../answers';
import { isAnswered } from './aggregate';
import { type Interval, wilsonInterval } from './statistics';

/** The share of respondents who chose at least one option of a set. */
export interface AnyOfShare {
  /** Respondents who answered the question. */
  readonly n: number;
  /** Of those, respondents who chose at least one of the options. */
  readonly count: number;
  readonly share: number;
  readonly ci: Interval | null;
}

/**
 * The "any of these options" share of a survey indicator, over the respondents who answered.
 *
 * Adding up the options' own shares is not the same number: a select_multiple respondent who
 * ticks two of the options would count twice, and the sum can pass 100 %. With `weights` (one per
 * answer) it is the weighted share with its interval on Kish's effective n, as the option shares
 * of `aggregateResponses` are; `n` and `count` stay respondent counts.
 */
export function shareChoosingAny(
  answers: readonly (AnswerValue | null | undefined)[],
  options: readonly string[],
  weights?: readonly number[],
  confidence = 0.95,
): AnyOfShare | null {
  const wanted = new Set(options);
  let n = 0;
  let count = 0;
  let weight = 0;
  let weightSquared = 0;
  let hitWeight = 0;
  answers.forEach((answer, i) => {
    if (!isAnswered(answer)) return;
    const w = weights ? weights[i] : 1;
    const hit = Array.isArray(answer)
      ? answer.some((option) => wanted.has(option))
      : wanted.has(String(answer));
    n += 1;
    weight += w;
    weightSquared += w * w;
    if (hit) {
      count += 1;
      hitWeight += w;
    }
  });
  if (n === 0 || !(weight > 0)) return null;
  const share = hitWeight / weight;
  return { n, count, share, ci: wilsonInterval(share, (weight * weight) / weightSquared, confidence) };
}
