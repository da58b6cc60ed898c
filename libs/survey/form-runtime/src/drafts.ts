/// <reference lib="dom" />
// Drafts on this device only (localStorage): the fields' state and how many instances each
// repeat has, restored on the next visit until sent or discarded.
import type { Texts } from './definition';
import { byId, restoreInto, snapshot } from './dom';

export class Drafts {
  constructor(
    private readonly formEl: HTMLFormElement,
    private readonly key: string,
  ) {}

  save(): void {
    try {
      const state = snapshot(this.formEl);
      delete state['f-website'];
      const repeats: Record<string, number> = {};
      this.formEl
        .querySelectorAll<HTMLElement>('.instances')
        .forEach((c) => (repeats[c.id] = c.children.length));
      localStorage.setItem(this.key, JSON.stringify({ state, repeats }));
    } catch {
      // Private browsing or a full storage: the form still works, only without a draft.
    }
  }

  /** Fills the form from the saved draft (adding repeat instances first) and says so. */
  restore(texts: Texts, addInstance: (pid: string) => HTMLElement): void {
    let saved: { state: Record<string, string | boolean>; repeats: Record<string, number> } | null = null;
    try {
      saved = JSON.parse(localStorage.getItem(this.key) ?? 'null');
    } catch {
      saved = null;
    }
    if (!saved || Object.keys(saved.state).length === 0) return;
    // Outer repeats first: their instances contain the containers of inner ones.
    const ids = Object.keys(saved.repeats).sort((a, b) => a.length - b.length);
    for (const id of ids) {
      const pid = id.slice(2);
      const container = byId(id);
      while (container && container.children.length < saved.repeats[id]) addInstance(pid);
    }
    restoreInto(this.formEl, saved.state);
    const notice = byId('q-draft');
    const text = byId('q-draft-text');
    if (notice && text) {
      text.textContent = texts['draftRestored'];
      notice.hidden = false;
    }
  }

  clear(): void {
    localStorage.removeItem(this.key);
  }
}
