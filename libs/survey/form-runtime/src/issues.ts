/// <reference lib="dom" />
// Errors on the page: each on its field (aria-invalid, the error slot), all in a summary with
// links, the count announced, focus on the first invalid field — in the respondent's words.
import {
  type AnswerCause,
  type AnswerIssue,
  type CompiledForm,
  questionAtPath,
} from '@quartier/survey-core/browser';
import type { FieldIssue, Texts } from './definition';
import { announce, byId } from './dom';

/** `personen[2].alter` → `personen-2-alter`, the DOM id scheme of repeat instances. */
export function domId(path: string): string {
  return path.replace(/\[(\d+)\]\./g, '-$1-');
}

export class IssueView {
  constructor(
    private readonly formEl: HTMLFormElement,
    private readonly compiled: CompiledForm,
    private readonly texts: Texts,
  ) {}

  /** Shows `issues` and `extra` (already placed) instead of what was shown; `focus` moves to the first. */
  show(issues: readonly AnswerIssue[], focus: boolean, extra: FieldIssue[] = []): void {
    this.clear();
    const shown: FieldIssue[] = [...extra];
    for (const issue of issues) {
      const id = domId(issue.path);
      if (!shown.some((s) => s.id === id)) shown.push({ id, message: this.issueText(issue) });
    }
    const summary = byId('q-summary')!;
    const list = byId('q-summary-list')!;
    list.replaceChildren();
    let firstField: HTMLElement | null = null;
    for (const { id, message } of shown) {
      const wrapper = byId(`q-${id}`) ?? byId(`r-${id}`);
      const error = byId(`e-${id}`);
      if (error) error.textContent = message;
      wrapper?.classList.add('invalid');
      const field = wrapper?.querySelector<HTMLElement>('input:not([type=hidden]),select,textarea') ?? null;
      wrapper
        ?.querySelectorAll<HTMLElement>('input,select,textarea')
        .forEach((el) => el.setAttribute('aria-invalid', 'true'));
      firstField ??= field;
      list.appendChild(this.summaryItem(id, message, wrapper, field));
    }
    summary.hidden = shown.length === 0;
    if (!focus) return;
    if (shown.length > 0) {
      // Screen readers hear the count at once (alert); sighted keyboard users land on the first field.
      announce(this.texts['errorsCount'].replace('{n}', String(shown.length)), true);
      (firstField ?? summary).focus();
    }
  }

  private clear(): void {
    this.formEl.querySelectorAll<HTMLElement>('.q.invalid').forEach((q) => q.classList.remove('invalid'));
    this.formEl.querySelectorAll<HTMLElement>('.err').forEach((e) => (e.textContent = ''));
    this.formEl
      .querySelectorAll<HTMLElement>('[aria-invalid]')
      .forEach((e) => e.removeAttribute('aria-invalid'));
  }

  /** The summary's entry: the question's label and the message, a link that focuses the field. */
  private summaryItem(
    id: string,
    message: string,
    wrapper: HTMLElement | null,
    field: HTMLElement | null,
  ): HTMLLIElement {
    const label =
      wrapper
        ?.querySelector('legend,label')
        ?.textContent?.replace(/\s*\*\s*$/, '')
        .trim() ?? id;
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `#${field?.id ?? `q-${id}`}`;
    link.textContent = `${label}: ${message}`;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      (field ?? wrapper)?.focus();
    });
    item.appendChild(link);
    return item;
  }

  /**
   * The core's own messages are technical English; the form's constraint and required messages
   * (already in the respondent's language) are kept, everything else is said in plain words —
   * chosen by the issue's cause, never by its English text. A server that answers issues without
   * causes (one not yet updated, in a rolling deployment) gets the plain words.
   */
  private issueText(issue: Pick<AnswerIssue, 'path' | 'code' | 'message'> & { cause?: AnswerCause }): string {
    const t = this.texts;
    const q = questionAtPath(this.compiled, issue.path)?.question;
    const cause = issue.cause?.code;
    switch (issue.code) {
      case 'required':
        return cause === 'form-message' ? issue.message : t['errRequired'];
      case 'constraint':
        return cause === 'form-message' ? issue.message : t['errConstraint'];
      case 'invalid_type':
        return q?.type === 'integer'
          ? t['errInteger']
          : q?.type === 'decimal'
            ? t['errDecimal']
            : q?.type === 'date'
              ? t['errDate']
              : t['errFormat'];
      case 'invalid_choice':
        return q?.type === 'rank' ? t['errRank'] : t['errChoice'];
      case 'filtered_choice':
        return t['errChoice'];
      case 'invalid_repeat':
        // Only a page out of step with the server (an old draft, a sent count) gets here.
        return cause === 'repeat-too-many'
          ? t['repeatLimit'].replace('{n}', String(issue.cause?.params['max'] ?? ''))
          : t['errFormat'];
      case 'unresolved_area':
        if (q?.type === 'area' && q.method === 'point')
          return cause === 'point-outside' ? t['errPointOutside'] : t['geopointHint'];
        return t['errArea'];
      default:
        return issue.message;
    }
  }
}
