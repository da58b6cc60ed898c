/// <reference lib="dom" />
// Repeat instances: added by the respondent from a template, removed and renumbered, or sized by
// repeat_count.
import {
  type CompiledForm,
  type Form,
  MAX_REPEAT_INSTANCES,
  type SkipLogic,
} from '@quartier/survey-core/browser';
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

  /**
   * The respondent adds instances up to the most the server accepts: there the add button stops
   * and the note beside it says why, as the network section does with its organisations.
   */
  limitAdds(): void {
    for (const button of this.formEl.querySelectorAll<HTMLButtonElement>('button[data-add]')) {
      const pid = button.dataset['add'] as string;
      const full = (byId(`i-${pid}`)?.children.length ?? 0) >= MAX_REPEAT_INSTANCES;
      button.disabled = full;
      const note = byId(`l-${pid}`);
      if (note) note.hidden = !full;
    }
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
      // The core sizes the count to what the server accepts; without a number there are no blocks
      // (a sized repeat has no add button), and the server then takes whatever count is sent.
      const wanted = this.logic.repeatCount(owner, repeat) ?? 0;
      const container = byId(`i-${prefix}${name}`)!;
      while (container.children.length < wanted) this.add(`${prefix}${name}`);
      while (container.children.length > wanted) container.lastElementChild!.remove();
    }
  }
}
