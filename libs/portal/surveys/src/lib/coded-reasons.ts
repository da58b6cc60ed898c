// The reasons a survey service answer names by code (a refused publication's issues, a refused
// form change's changes, a form refused for the survey's settings, a refused import's rows), as
// keys of the feature's dictionary with the values they name. A code the portal does not know, or a value left out, gets the general
// sentence: the service's English is never shown.
import { codedTextKey, type TranslationParams } from '@quartier/portal-ui/texts';

export interface CodedReason<K extends string> {
  readonly key: K;
  readonly params: TranslationParams;
}

/** `details[name]` of an error body when it is a non-empty list, else undefined. */
export function detailsList(details: unknown, name: string): unknown[] | undefined {
  const list =
    typeof details === 'object' && details !== null ? (details as Record<string, unknown>)[name] : [];
  return Array.isArray(list) && list.length > 0 ? list : undefined;
}

/** The values a reason names: its `params`, keeping only what a sentence can show. */
function scalarParams(params: unknown): Record<string, string | number> {
  if (typeof params !== 'object' || params === null) return {};
  return Object.fromEntries(
    Object.entries(params).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
  ) as Record<string, string | number>;
}

/** One reason (`{ code, params }`) as `<prefix>.<code>` of the dictionary, or `fallback`. */
export function codedReason<K extends string>(
  reason: unknown,
  dictionary: Readonly<Record<K, string>>,
  prefix: string,
  fallback: K,
): CodedReason<K> {
  const { code, params } = (typeof reason === 'object' && reason !== null ? reason : {}) as {
    code?: unknown;
    params?: unknown;
  };
  const values = scalarParams(params);
  const key = codedTextKey(dictionary, `${prefix}.${typeof code === 'string' ? code : ''}`, values, fallback);
  return { key, params: values };
}

/** A refusal said as the dictionary's heading, then one sentence per reason the service names. */
export interface CodedRefusal<K extends string> {
  readonly heading: CodedReason<K>;
  readonly lines: CodedReason<K>[];
}

/** The prefix of a dictionary (keys K) that has both `<prefix>.refused` and `<prefix>.other`. */
type RefusalPrefix<K extends string, Key extends string = K> = Key extends `${infer P}.refused`
  ? `${P}.other` extends K
    ? P
    : never
  : never;

/**
 * An error whose body is the refusal `code`, listing its reasons by code in `details[list]`: the
 * heading `<prefix>.refused`, then one sentence per reason (`<prefix>.other` for an unknown code,
 * a missing value or no list). Undefined for any other error, which keeps its own text.
 */
export function codedRefusal<K extends string>(
  error: unknown,
  code: string,
  list: string,
  dictionary: Readonly<Record<K, string>>,
  prefix: NoInfer<RefusalPrefix<K>>,
): CodedRefusal<K> | undefined {
  const body = (error as { error?: { code?: unknown; details?: unknown } } | null)?.error;
  if (body?.code !== code) return undefined;
  const reasons = detailsList(body.details, list) ?? [{}];
  const fallback = `${prefix}.other` as K;
  return {
    heading: { key: `${prefix}.refused` as K, params: {} },
    lines: reasons.map((reason) => codedReason(reason, dictionary, prefix, fallback)),
  };
}
