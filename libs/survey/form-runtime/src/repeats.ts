/// <reference lib="dom" />
// Repeat instances: added by the respondent from a template, removed and renumbered, or sized by
// repeat_count.
import type { CompiledForm, Form, SkipLogic } from '@quartier/survey-core/browser';
import { byId, replacePlaceholder, restoreInto, snapshot } from './dom';
import { buildScope, findScope } from './scope';

export class Repeats {
  constructor(
    private readonly formEl: HTMLFormElement,
    private readonly form: Form,
    private readonly compiled: CompiledForm,
    private readonly logic: SkipLogic,
  ) {}

  /** A new instance of the repeat `pid` (its template cloned with the next number); returns it. */
  add(pid: string): HTMLElement {
    const template = byId<HTMLTemplateElement>(`t-${pid}`)!;
    const container = byId(`i-${pid}`)!;
    const depth = Number(byId(`r-${pid}`)?.dataset['depth'] ?? 0);
    const n = container.children.length + 1;
    const fragment = template.content.cloneNode(true) as DocumentFragment;
    replacePlaceholder(fragment, `__i${depth}__`, String(n));
    const instance = fragment.firstElementChild as HTMLElement;
    const number = instance.querySelector<HTMLElement>('[data-number]');
    if (number) number.textContent = String(n);
    container.appendChild(fragment);
    return container.lastElementChild as HTMLElement;
  }

  /** After a removal, instances are renumbered so paths stay 1..n as the server counts them. */
  renumber(pid: string): void {
    const container = byId(`i-${pid}`);
    if (!container) return;
    const values = [...container.children].map((el) => snapshot(el as HTMLElement));
    container.replaceChildren();
    values.forEach((state) => restoreInto(this.add(pid), state));
  }

  /** Repeats sized by repeat_count follow their expression (e.g. one block per household member). */
  syncFixed(): void {
    for (const fieldset of this.formEl.querySelectorAll<HTMLElement>('fieldset[data-fixed]')) {
      const name = fieldset.dataset['repeat'] as string;
      const prefix = fieldset.dataset['prefix'] as string;
      const repeat = this.compiled.repeats.get(name);
      if (!repeat?.repeatCount) continue;
      this.logic.reset();
      const scope = buildScope(this.formEl, this.compiled, this.form.children, '', 0);
      const owner = findScope(scope, prefix) ?? scope;
      // At most 50 blocks on a page; without a number the respondent sees none.
      const wanted = Math.min(50, this.logic.repeatCount(owner, repeat) ?? 0);
      const container = byId(`i-${prefix}${name}`)!;
      while (container.children.length < wanted) this.add(`${prefix}${name}`);
      while (container.children.length > wanted) container.lastElementChild!.remove();
    }
  }
}
