/// <reference lib="dom" />
// Errors on the page: each on its field (aria-invalid, the error slot), all in a summary with
// links, the count announced, focus on the first invalid field — in the respondent's words.
import { type AnswerIssue, type CompiledForm, questionAtPath } from '@quartier/survey-core/browser';
import type { FieldIssue, IssueTexts, Texts } from './definition';
import { announce, byId } from './dom';
import { issueText } from './issue-text';

/** `personen[2].alter` → `personen-2-alter`, the DOM id scheme of repeat instances. */
export function domId(path: string): string {
  return path.replace(/\[(\d+)\]\./g, '-$1-');
}

export class IssueView {
  constructor(
    private readonly formEl: HTMLFormElement,
    private readonly compiled: CompiledForm,
    private readonly texts: Texts,
    private readonly issueTexts: IssueTexts,
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

  private issueText(issue: AnswerIssue): string {
    const question = questionAtPath(this.compiled, issue.path)?.question;
    return issueText(issue, question, this.texts, this.issueTexts);
  }
}
