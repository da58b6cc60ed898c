// Why a network survey's name generator answer is refused, as a code: the public form words each
// in the respondent's language (its English message is for API clients and logs). Browser-safe:
// the public form's script bundles the list.

/** The kinds of a refused name generator answer. */
export const NETWORK_ISSUE_CODES = [
  /** The responding organisation is not (any more) in the actor list. */
  'respondent-unknown',
  /** More partners than the generator's maxAlters. */
  'too-many-alters',
  /** A partner names both a listed actor and a new one, or neither. */
  'alter-ambiguous',
  /** A partner's listed actor is not (any more) in the actor list. */
  'actor-unknown',
  /** A new partner's name is empty or longer than 200 characters. */
  'actor-name-invalid',
  /** A new partner, where the survey takes only actors from the list. */
  'new-actor-refused',
  'self-named',
  'named-twice',
  /** A required name interpreter question is unanswered. */
  'answer-required',
  'answer-not-option',
  'answer-out-of-range',
  /** An answer to a name interpreter question the survey does not have. */
  'question-unknown',
] as const;

export type NetworkIssueCode = (typeof NETWORK_ISSUE_CODES)[number];

export interface NetworkIssue {
  /** Where, as the name generator is answered: `respondent`, `alters`, `alters[2]`, `alters[2].art`. */
  readonly path: string;
  readonly code: NetworkIssueCode;
  /** The same in English, its path first (`alters[2].art: "x" is not an option`). */
  readonly message: string;
}
