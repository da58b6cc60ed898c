// What a respondent reads for a name generator answer the server refuses, and where: the issue's
// code (in its cause) chooses the sentence, its path the field — never its English message,
// which names actor ids and interpreter names ("alters[2]: unknown actor a9").
import type { NetworkIssueCode } from '@quartier/survey-core/browser';
import type { Texts } from './definition';

/** A refused answer of the server's 422 whose path is in the name generator (`network…`). */
export interface ServerNetworkIssue {
  readonly path: string;
  readonly message: string;
  readonly cause?: { readonly code: string; readonly params?: Readonly<Record<string, string | number>> };
}

/** Where the issue belongs: a partner's field (its 1-based position as sent), or the section's. */
export type NetworkIssueTarget =
  { readonly alter: number; readonly field: string } | { readonly id: 'n-respondent' | 'n-alters' };

export function networkIssueTarget(path: string): NetworkIssueTarget {
  const inner = path.replace(/^network\.?/, '');
  const alter = /^alters\[(\d+)\](?:\.(.+))?$/.exec(inner);
  if (alter) return { alter: Number(alter[1]), field: alter[2] ?? 'actor' };
  // The name generator not answered at all: the first thing to answer is the respondent.
  return { id: inner === 'alters' ? 'n-alters' : 'n-respondent' };
}

export function networkIssueText(
  issue: ServerNetworkIssue,
  issueTexts: Readonly<Record<NetworkIssueCode, string>>,
  texts: Texts,
  maxAlters: number,
): string {
  const cause = issue.cause;
  const code = cause?.code === 'network-invalid' ? cause.params?.['code'] : undefined;
  const text =
    cause?.code === 'network-missing'
      ? texts['errRequired']
      : typeof code === 'string' && Object.hasOwn(issueTexts, code)
        ? issueTexts[code as NetworkIssueCode]
        : // A code this page does not know yet (a newer server): plain words, not the English.
          texts['errFormat'];
  return text.replace('{n}', String(maxAlters));
}
