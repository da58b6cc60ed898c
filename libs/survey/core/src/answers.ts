// What a submission's answers are: one typed value per question name, and per repeat a list of
// instances of the same shape. Validation (submission.ts) produces them; skip logic, aggregation
// and the public form's script read them.

export type AnswerValue = string | number | readonly string[];
export interface RepeatInstance {
  readonly [name: string]: AnswerValue | readonly RepeatInstance[];
}
export type Answers = Readonly<Record<string, AnswerValue | readonly RepeatInstance[]>>;

/**
 * Most instances one repeat holds in one scope (the submission or one enclosing instance). The
 * server accepts no more, the public form offers no more, and a repeat_count above it sizes the
 * repeat to it: defined once here, so the page can never ask for what the server refuses.
 */
export const MAX_REPEAT_INSTANCES = 50;
