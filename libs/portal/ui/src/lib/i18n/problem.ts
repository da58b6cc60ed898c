import type { TranslationKey, TranslationParams } from './translations';

/** Structurally an `ApiProblem` (data-access); ui may not import data-access, so it is restated. */
export interface DescribableProblem {
  readonly status: number;
  readonly message: string | null;
  readonly details: readonly string[];
}

type Translate = (key: TranslationKey, params?: TranslationParams) => string;

/** One sentence for the user: the server's own message when it sent one, else the cause. */
export function describeProblem(problem: DescribableProblem, t: Translate): string {
  if (problem.status === 0) return t('error.network');
  const base = problem.message ?? t('error.unknown', { status: problem.status });
  return problem.details.length > 0 ? `${base} (${problem.details.join('; ')})` : base;
}
