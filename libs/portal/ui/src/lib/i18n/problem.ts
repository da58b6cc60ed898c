import type { ApiErrorTextKey } from './api-error-texts';
import type { TranslationKey, TranslationParams } from './translations';

/** Structurally an `ApiProblem` (data-access); ui may not import data-access, so it is restated. */
export interface DescribableProblem {
  /** HTTP status; 0 = the server was not reached, -1 = an error in the portal itself. */
  readonly status: number;
  readonly code?: string | null;
  /** Scalar details of the service's answer, usable as placeholders of the translation. */
  readonly params?: TranslationParams;
  /** Input fields the service named (validation errors). */
  readonly fields?: readonly string[];
  readonly message: string | null;
  readonly details: readonly string[];
}

/** The portal's `t`: looks a key up in the current language; unknown keys come back as they are. */
export type ProblemTranslate = (key: TranslationKey | ApiErrorTextKey, params?: TranslationParams) => string;

const STATUS_TEXTS = new Set([400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503]);

/**
 * One sentence for the user, always from the translation tables: the text for the service's
 * error code (`apiError.<code>`), else the text for its HTTP status, plus the fields a
 * validation named. The services' own messages are English and technical and never shown.
 */
export function describeProblem(problem: DescribableProblem, t: ProblemTranslate): string {
  if (problem.status === 0) return t('error.network');
  if (problem.status < 0) return t('error.unexpected');
  const codeKey = `apiError.${problem.code ?? ''}` as ApiErrorTextKey;
  const byCode = problem.code ? t(codeKey, problem.params ?? {}) : codeKey;
  const text =
    byCode !== codeKey
      ? byCode
      : STATUS_TEXTS.has(problem.status)
        ? t(`error.status.${problem.status}` as ApiErrorTextKey)
        : problem.status >= 500
          ? t('error.status.500')
          : t('error.unknown', { status: problem.status });
  const fields = problem.fields ?? [];
  return fields.length > 0 ? `${text} ${t('error.fields', { fields: fields.join(', ') })}` : text;
}
