/// <reference lib="dom" />
import type { FieldIssue, NetworkAnswer, NetworkDefinition, Texts } from './definition';
import { byId, replacePlaceholder } from './dom';
import { type ServerNetworkIssue, networkIssueTarget, networkIssueText } from './network-issue-text';

/**
 * The name generator of a network survey: partners are added from a template (each with a stable
 * number for its ids, shown renumbered), a listed organisation or — where allowed — a new name,
 * and the name interpreters of each. The server builds the event payload with the core and
 * answers 422 naming the partner and question; those messages are placed on the same fields.
 */
export class NetworkSection {
  private next = 1;

  constructor(
    private readonly def: NetworkDefinition,
    private readonly texts: Texts,
    private readonly root: HTMLElement,
  ) {}

  start(onChange: () => void): void {
    byId('n-add-alter')?.addEventListener('click', () => {
      const added = this.add();
      onChange();
      added.querySelector<HTMLElement>('select')?.focus();
    });
    this.root.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLElement>('[data-remove-alter]');
      if (!button) return;
      button.closest('[data-alter]')?.remove();
      this.renumber();
      onChange();
      byId('n-add-alter')?.focus();
    });
    this.root.addEventListener('change', (event) => {
      const select = event.target as HTMLElement;
      if (!(select instanceof HTMLSelectElement) || !select.id.endsWith('-actor')) return;
      const name = byId(select.id.replace(/-actor$/, '').replace(/^f-/, 'q-') + '-name');
      if (name) name.hidden = select.value !== '__new';
    });
    this.renumber();
  }

  private instances(): HTMLElement[] {
    return [...(byId('i-n-alters')?.children ?? [])] as HTMLElement[];
  }

  private add(): HTMLElement {
    const k = String(this.next++);
    const fragment = byId<HTMLTemplateElement>('t-n-alters')!.content.cloneNode(true) as DocumentFragment;
    replacePlaceholder(fragment, '__k__', k);
    const instance = fragment.firstElementChild as HTMLElement;
    instance.dataset['alter'] = k;
    byId('i-n-alters')!.appendChild(fragment);
    this.renumber();
    return instance;
  }

  /** Visible numbers and the remove buttons' names follow the order; the add button stops at the maximum. */
  private renumber(): void {
    const instances = this.instances();
    instances.forEach((el, i) => {
      const number = el.querySelector<HTMLElement>('[data-number]');
      if (number) number.textContent = String(i + 1);
      el.querySelector<HTMLElement>('[data-remove-alter]')!.textContent = this.texts['removePartner'].replace(
        '{n}',
        String(i + 1),
      );
    });
    const add = byId<HTMLButtonElement>('n-add-alter');
    if (add) add.disabled = instances.length >= this.def.maxAlters;
  }

  read(): { answer: NetworkAnswer; issues: FieldIssue[] } {
    const t = this.texts;
    const issues: FieldIssue[] = [];
    const respondent = byId<HTMLSelectElement>('f-n-respondent')?.value ?? '';
    if (respondent === '') issues.push({ id: 'n-respondent', message: t['errRequired'] });
    const seen = new Set<string>();
    const alters: NetworkAnswer['alters'] = [];
    const instances = this.instances();
    if (instances.length > this.def.maxAlters)
      issues.push({ id: 'n-alters', message: t['errTooMany'].replace('{n}', String(this.def.maxAlters)) });
    for (const el of instances) {
      const p = `n-a${el.dataset['alter'] as string}`;
      const choice = byId<HTMLSelectElement>(`f-${p}-actor`)?.value ?? '';
      let alter: NetworkAnswer['alters'][number] | undefined;
      if (choice === '') issues.push({ id: `${p}-actor`, message: t['errRequired'] });
      else if (choice === '__new') {
        const name = (byId<HTMLInputElement>(`f-${p}-name`)?.value ?? '').trim();
        if (name === '') issues.push({ id: `${p}-name`, message: t['errRequired'] });
        else alter = { newActor: { name }, answers: {} };
      } else alter = { actorId: choice, answers: {} };
      const key = choice === '__new' ? `new:${(alter?.newActor?.name ?? '').toLocaleLowerCase()}` : choice;
      if (alter && choice === respondent) issues.push({ id: `${p}-actor`, message: t['errSelf'] });
      else if (alter && seen.has(key))
        issues.push({ id: `${p}-${choice === '__new' ? 'name' : 'actor'}`, message: t['errNamedTwice'] });
      seen.add(key);
      const answers: Record<string, string | number> = {};
      for (const x of this.def.interpreters) {
        const id = `${p}-${x.name}`;
        const raw =
          x.kind === 'select_one'
            ? (this.root.querySelector<HTMLInputElement>(`input[name="${CSS.escape(id)}"]:checked`)?.value ??
              '')
            : (byId<HTMLInputElement>(`f-${id}`)?.value ?? '').trim();
        if (raw === '') {
          if (x.required) issues.push({ id, message: t['errRequired'] });
          continue;
        }
        if (x.kind === 'integer') {
          const n = /^[+-]?\d+$/.test(raw) ? Number(raw) : NaN;
          if (!Number.isInteger(n) || n < (x.min ?? -Infinity) || n > (x.max ?? Infinity))
            issues.push({ id, message: t['errInteger'] });
          else answers[x.name] = n;
        } else answers[x.name] = raw;
      }
      if (alter) alters.push({ ...alter, answers });
    }
    return { answer: { respondentActorId: respondent, alters }, issues };
  }

  /** A refused answer of the server's 422 placed on its field, worded by its code. */
  serverIssue(issue: ServerNetworkIssue): FieldIssue {
    const message = networkIssueText(issue, this.def.issueTexts, this.texts, this.def.maxAlters);
    const target = networkIssueTarget(issue.path);
    if ('id' in target) return { id: target.id, message };
    const k = this.instances()[target.alter - 1]?.dataset['alter'];
    if (!k) return { id: 'n-alters', message };
    // A partner by a new name: its name field, not the list.
    const field =
      target.field === 'actor' && byId<HTMLSelectElement>(`f-n-a${k}-actor`)?.value === '__new'
        ? 'name'
        : target.field;
    return { id: `n-a${k}-${field}`, message };
  }
}
