/// <reference lib="dom" />
// The public form's only script. It runs in the respondent's browser, bundled with the core's
// expression engine and submission validation (see form-runtime-bundle.ts), so skip logic and
// error messages are exactly what the server will enforce. Served pages carry the form as JSON
// (#q-definition) and every field already in the HTML; this script:
//  - shows and hides questions, groups and options as `relevant` and `choice_filter` say,
//  - keeps repeat instances (added by the respondent or fixed by repeat_count),
//  - keeps a draft in localStorage (this device only) and offers to start again,
//  - validates with `validateSubmission` before sending, announces errors in a live region,
//    links them to their fields (aria-describedby, aria-invalid) and moves focus to the first,
//  - posts the answers as JSON and thanks the respondent.
import {
  type AnswerIssue,
  type AnswerValue,
  type CompiledForm,
  type CompiledQuestion,
  type Form,
  type FormNode,
  type Value,
  answerToValue,
  coerceAnswer,
  compileForm,
  evaluate,
  parseGeopoint,
  parseIsoDate,
  toBoolean,
  toStringValue,
  validateSubmission,
} from '@quartier/survey-core';

interface Definition {
  surveyId: string;
  waveId: string;
  language: string;
  today: string;
  submitUrl: string;
  form: Form;
  texts: Record<string, string>;
  network?: NetworkDefinition;
}

interface NetworkDefinition {
  maxAlters: number;
  interpreters: { name: string; kind: string; min?: number; max?: number; required: boolean }[];
}

type FieldIssue = { id: string; message: string };

interface NetworkAnswer {
  respondentActorId: string;
  alters: { actorId?: string; newActor?: { name: string }; answers: Record<string, string | number> }[];
}

type Raw = Record<string, unknown>;

/** Answers of one scope (the submission or a repeat instance), as the core's validator sees them. */
interface Scope {
  readonly prefix: string;
  readonly raw: Raw;
  readonly values: Map<string, AnswerValue>;
  readonly children: Map<string, Scope[]>;
  readonly parent?: Scope;
  readonly depth: number;
}

const byId = <T extends HTMLElement>(id: string): T | null => document.getElementById(id) as T | null;

export class FormRuntime {
  private readonly compiled: CompiledForm;
  private readonly today;
  private readonly draftKey: string;
  private readonly network: NetworkSection | undefined;
  private attempted = false;
  private saveTimer: number | undefined;
  private relevantMemo = new Map<string, boolean>();
  private calcMemo = new Map<string, Value>();
  private evaluating = new Set<string>();

  constructor(
    private readonly def: Definition,
    private readonly formEl: HTMLFormElement,
  ) {
    this.compiled = compileForm(def.form);
    this.today = parseIsoDate(def.today) ?? parseIsoDate(new Date().toISOString().slice(0, 10))!;
    this.draftKey = `quartier-survey:${def.surveyId}:${def.waveId}`;
    const section = formEl.querySelector<HTMLElement>('[data-network]');
    this.network = def.network && section ? new NetworkSection(def.network, def.texts, section) : undefined;
  }

  start(): void {
    this.restoreDraft();
    this.syncFixedRepeats();
    this.formEl.hidden = false;
    this.refresh();
    this.formEl.addEventListener('input', () => this.changed());
    this.formEl.addEventListener('change', () => this.changed());
    this.formEl.addEventListener('click', (event) => this.click(event));
    this.formEl.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    byId('q-discard')?.addEventListener('click', () => this.discardDraft());
    this.network?.start(() => this.changed());
    // "Use my location" only where the device can tell; the two fields work without it.
    if ('geolocation' in navigator)
      this.formEl.querySelectorAll<HTMLElement>('[data-locate]').forEach((b) => (b.hidden = false));
  }

  private changed(): void {
    this.syncFixedRepeats();
    this.refresh();
    if (this.attempted) this.showIssues(this.validate().issues, false, this.network?.read().issues ?? []);
    window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.saveDraft(), 300);
  }

  private click(event: Event): void {
    const target = event.target as HTMLElement;
    const add = target.closest<HTMLElement>('[data-add]');
    if (add) {
      const instance = this.addInstance(add.dataset['add'] as string);
      this.refresh();
      instance.querySelector<HTMLElement>('input,select,textarea')?.focus();
      this.saveDraft();
      return;
    }
    const locate = target.closest<HTMLButtonElement>('[data-locate]');
    if (locate) {
      this.locate(locate);
      return;
    }
    const remove = target.closest<HTMLElement>('[data-remove]');
    if (remove) {
      const instance = remove.closest<HTMLElement>('.instance');
      const pid = remove.dataset['remove'] as string;
      instance?.remove();
      this.renumber(pid);
      this.refresh();
      byId(`r-${pid}`)?.querySelector<HTMLElement>('[data-add]')?.focus();
      this.saveDraft();
    }
  }

  /** Fills latitude and longitude from the Geolocation API (asked only on the respondent's click). */
  private locate(button: HTMLButtonElement): void {
    const pid = button.dataset['locate'] as string;
    const t = this.def.texts;
    button.disabled = true;
    this.announce(t['locating']);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        button.disabled = false;
        // Five decimals ≈ 1 m: more precision than the area needs is not worth reading back.
        byId<HTMLInputElement>(`f-${pid}-lat`)!.value = position.coords.latitude.toFixed(5);
        byId<HTMLInputElement>(`f-${pid}-lon`)!.value = position.coords.longitude.toFixed(5);
        this.changed();
        this.announce(t['located']);
      },
      () => {
        button.disabled = false;
        this.announce(t['locationFailed'], true);
        byId(`f-${pid}-lat`)?.focus();
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  }

  // ---- reading the DOM -------------------------------------------------------------------

  private readField(q: FormNode & { kind: 'question' }, prefix: string): unknown {
    const pid = `${prefix}${q.name}`;
    if (q.type === 'rank') {
      const selects = [
        ...this.formEl.querySelectorAll<HTMLSelectElement>(`select[data-rank="${CSS.escape(pid)}"]`),
      ];
      const ranked = selects.filter(
        (s) => s.value !== '' && !s.closest<HTMLElement>('[data-choice]')?.hidden,
      );
      if (ranked.length === 0) return undefined;
      return ranked
        .sort((a, b) => Number(a.value) - Number(b.value))
        .map((s) => s.dataset['option'] as string);
    }
    if (q.type === 'area' && q.method === 'point') {
      // German keyboards type decimal commas; the geopoint text wants points.
      const read = (axis: string) =>
        (byId<HTMLInputElement>(`f-${pid}-${axis}`)?.value ?? '').trim().replace(',', '.');
      const [lat, lon] = [read('lat'), read('lon')];
      return lat === '' && lon === '' ? undefined : `${lat} ${lon}`;
    }
    const single = byId<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`f-${pid}`);
    if (single) return single.value === '' ? undefined : single.value;
    const boxes = [...this.formEl.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(pid)}"]`)];
    if (boxes.length === 0) return undefined;
    if (q.type === 'select_multiple') {
      const checked = boxes
        .filter((b) => b.checked && !b.closest<HTMLElement>('[data-choice]')?.hidden)
        .map((b) => b.value);
      return checked.length > 0 ? checked : undefined;
    }
    return boxes.find((b) => b.checked)?.value;
  }

  private buildScope(nodes: readonly FormNode[], prefix: string, depth: number, parent?: Scope): Scope {
    const scope: Scope = {
      prefix,
      raw: {},
      values: new Map(),
      children: new Map(),
      depth,
      ...(parent ? { parent } : {}),
    };
    const visit = (list: readonly FormNode[]): void => {
      for (const node of list) {
        if (node.kind === 'group' && !node.repeat) visit(node.children);
        else if (node.kind === 'group') {
          const pid = `${prefix}${node.name}`;
          const instances = [...(byId(`i-${pid}`)?.children ?? [])] as HTMLElement[];
          scope.children.set(
            node.name,
            instances.map((el) =>
              this.buildScope(node.children, el.dataset['instance'] as string, depth + 1, scope),
            ),
          );
        } else {
          const raw = this.readField(node, prefix);
          if (raw === undefined) continue;
          scope.raw[node.name] = raw;
          const coerced = coerceAnswer(this.compiled.questions.get(node.name)!, raw);
          if ('value' in coerced) scope.values.set(node.name, coerced.value);
        }
      }
    };
    visit(nodes);
    return scope;
  }

  // ---- skip logic with the core's evaluator -----------------------------------------------

  private scopeAt(scope: Scope, depth: number): Scope {
    return scope.depth > depth && scope.parent ? this.scopeAt(scope.parent, depth) : scope;
  }

  private guarded<T>(key: string, fallback: T, fn: () => T): T {
    if (this.evaluating.has(key)) return fallback;
    this.evaluating.add(key);
    try {
      return fn();
    } catch {
      // An expression failing on half-typed input hides nothing and shows nothing new.
      return fallback;
    } finally {
      this.evaluating.delete(key);
    }
  }

  private context(scope: Scope, choice?: Record<string, string>) {
    return {
      field: (name: string) => this.fieldValue(scope, name),
      today: this.today,
      ...(choice ? { choice } : {}),
    };
  }

  private fieldValue(from: Scope, name: string): Value {
    const cq = this.compiled.questions.get(name);
    if (!cq) return '';
    const scope = this.scopeAt(from, cq.repeats.length);
    if (!this.isRelevant(scope, cq)) return '';
    const q = cq.question;
    if (q.type === 'calculate') {
      const key = `${scope.prefix}${name}`;
      const memo = this.calcMemo.get(key);
      if (memo !== undefined) return memo;
      const value = cq.calculation
        ? this.guarded(`c:${key}`, '' as Value, () => evaluate(cq.calculation!, this.context(scope)))
        : '';
      this.calcMemo.set(key, value);
      return value;
    }
    if (q.type === 'today' || q.type === 'start' || q.type === 'end') return this.today;
    return answerToValue(q, scope.values.get(name));
  }

  private isRelevant(scope: Scope, cq: CompiledQuestion): boolean {
    const key = `${scope.prefix}${cq.question.name}`;
    const memo = this.relevantMemo.get(key);
    if (memo !== undefined) return memo;
    const relevant = this.guarded(`r:${key}`, false, () =>
      cq.relevance.every((e) => toBoolean(evaluate(e, this.context(scope)))),
    );
    this.relevantMemo.set(key, relevant);
    return relevant;
  }

  /** Applies relevance, choice filters, note texts; returns the answers to send (relevant only). */
  private refresh(): Raw {
    this.relevantMemo = new Map();
    this.calcMemo = new Map();
    const root = this.buildScope(this.def.form.children, '', 0);
    return this.applyScope(this.def.form.children, root);
  }

  private applyScope(nodes: readonly FormNode[], scope: Scope): Raw {
    const out: Raw = {};
    const visit = (list: readonly FormNode[]): boolean => {
      let anyVisible = false;
      for (const node of list) {
        if (node.kind === 'group' && !node.repeat) {
          const visible = visit(node.children);
          const section = byId(`g-${scope.prefix}${node.name}`);
          if (section) section.hidden = !visible;
          anyVisible ||= visible;
          continue;
        }
        if (node.kind === 'group') {
          const repeat = this.compiled.repeats.get(node.name)!;
          const relevant = this.guarded(`g:${scope.prefix}${node.name}`, false, () =>
            repeat.relevance.every((e) => toBoolean(evaluate(e, this.context(scope)))),
          );
          const fieldset = byId(`r-${scope.prefix}${node.name}`);
          if (fieldset) fieldset.hidden = !relevant;
          if (relevant) {
            out[node.name] = (scope.children.get(node.name) ?? []).map((child) =>
              this.applyScope(node.children, child),
            );
            anyVisible = true;
          }
          continue;
        }
        const cq = this.compiled.questions.get(node.name)!;
        const wrapper = byId(`q-${scope.prefix}${node.name}`);
        const relevant = this.isRelevant(scope, cq);
        if (wrapper) wrapper.hidden = !relevant;
        if (!relevant || !wrapper) continue;
        anyVisible = true;
        if (cq.choiceFilter && cq.list) this.filterChoices(wrapper, scope, cq);
        if (node.type === 'note') this.fillTemplate(wrapper, scope);
        const value = this.readField(node, scope.prefix);
        if (value !== undefined) out[node.name] = value;
      }
      return anyVisible;
    };
    visit(nodes);
    return out;
  }

  private filterChoices(wrapper: HTMLElement, scope: Scope, cq: CompiledQuestion): void {
    for (const choice of cq.list!.choices) {
      const allowed = this.guarded(`f:${scope.prefix}${cq.question.name}:${choice.name}`, true, () =>
        toBoolean(
          evaluate(cq.choiceFilter!, this.context(scope, { ...choice.properties, name: choice.name })),
        ),
      );
      for (const el of wrapper.querySelectorAll<HTMLElement>(`[data-choice="${CSS.escape(choice.name)}"]`)) {
        el.hidden = !allowed;
        if (!allowed) {
          el.querySelectorAll<HTMLInputElement>('input').forEach((input) => (input.checked = false));
          if (el instanceof HTMLOptionElement && el.selected)
            (el.parentElement as HTMLSelectElement).value = '';
        }
      }
    }
  }

  private fillTemplate(wrapper: HTMLElement, scope: Scope): void {
    const p = wrapper.querySelector<HTMLElement>('[data-template]');
    const template = p?.dataset['template'];
    if (!p || !template || !template.includes('${')) return;
    p.textContent = template.replace(/\$\{([^}]+)\}/g, (_m, name: string) =>
      toStringValue(this.fieldValue(scope, name.trim())),
    );
  }

  // ---- repeats ------------------------------------------------------------------------------

  private addInstance(pid: string): HTMLElement {
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
  private renumber(pid: string): void {
    const container = byId(`i-${pid}`);
    if (!container) return;
    const values = [...container.children].map((el) => snapshot(el as HTMLElement));
    container.replaceChildren();
    values.forEach((state) => restoreInto(this.addInstance(pid), state));
  }

  /** Repeats sized by repeat_count follow their expression (e.g. one block per household member). */
  private syncFixedRepeats(): void {
    for (const fieldset of this.formEl.querySelectorAll<HTMLElement>('fieldset[data-fixed]')) {
      const name = fieldset.dataset['repeat'] as string;
      const prefix = fieldset.dataset['prefix'] as string;
      const repeat = this.compiled.repeats.get(name);
      if (!repeat?.repeatCount) continue;
      this.relevantMemo = new Map();
      this.calcMemo = new Map();
      const scope = this.buildScope(this.def.form.children, '', 0);
      const owner = this.findScope(scope, prefix) ?? scope;
      const wanted = this.guarded(`n:${prefix}${name}`, 0, () =>
        Math.max(
          0,
          Math.min(50, Math.trunc(Number(evaluate(repeat.repeatCount!, this.context(owner)))) || 0),
        ),
      );
      const container = byId(`i-${prefix}${name}`)!;
      while (container.children.length < wanted) this.addInstance(`${prefix}${name}`);
      while (container.children.length > wanted) container.lastElementChild!.remove();
    }
  }

  private findScope(scope: Scope, prefix: string): Scope | undefined {
    if (scope.prefix === prefix) return scope;
    for (const children of scope.children.values()) {
      for (const child of children) {
        const found = this.findScope(child, prefix);
        if (found) return found;
      }
    }
    return undefined;
  }

  // ---- validation and errors ---------------------------------------------------------------

  private validate(): { answers: Raw; issues: readonly AnswerIssue[] } {
    const answers = this.refresh();
    const result = validateSubmission(this.compiled, answers, {
      today: this.def.today,
      language: this.def.language,
    });
    // The area boundaries stay on the server: a well-formed point is placed (or refused) there.
    const issues = result.ok
      ? []
      : result.issues.filter(
          (issue) =>
            !(
              issue.code === 'unresolved_area' &&
              this.isPoint(issue.path) &&
              parseGeopoint(String(answers[issue.path] ?? '')) !== undefined
            ),
        );
    return { answers, issues };
  }

  private isPoint(path: string): boolean {
    const q = this.compiled.questions.get(path)?.question;
    return q?.type === 'area' && q.method === 'point';
  }

  /** `personen[2].alter` → `personen-2-alter`, the DOM id scheme of repeat instances. */
  private domId(path: string): string {
    return path.replace(/\[(\d+)\]\./g, '-$1-');
  }

  private showIssues(
    issues: readonly AnswerIssue[],
    focus: boolean,
    extra: { id: string; message: string }[] = [],
  ): void {
    this.formEl.querySelectorAll<HTMLElement>('.q.invalid').forEach((q) => q.classList.remove('invalid'));
    this.formEl.querySelectorAll<HTMLElement>('.err').forEach((e) => (e.textContent = ''));
    this.formEl
      .querySelectorAll<HTMLElement>('[aria-invalid]')
      .forEach((e) => e.removeAttribute('aria-invalid'));
    const shown: { id: string; message: string }[] = [...extra];
    for (const issue of issues) {
      const id = this.domId(issue.path);
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
      list.appendChild(item);
    }
    summary.hidden = shown.length === 0;
    if (!focus) return;
    if (shown.length > 0) {
      // Screen readers hear the count at once (alert); sighted keyboard users land on the first field.
      this.announce(this.def.texts['errorsCount'].replace('{n}', String(shown.length)), true);
      (firstField ?? summary).focus();
    }
  }

  /**
   * The core's own messages are technical English; the form's constraint and required messages
   * (already in the respondent's language) are kept, everything else is said in plain words.
   */
  private issueText(issue: AnswerIssue): string {
    const t = this.def.texts;
    const name = issue.path.replace(/^.*\./, '');
    const q = this.compiled.questions.get(name)?.question;
    switch (issue.code) {
      case 'required':
        return issue.message === 'an answer is required' ? t['errRequired'] : issue.message;
      case 'constraint':
        return issue.message.startsWith('the answer does not meet the constraint')
          ? t['errConstraint']
          : issue.message;
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
      case 'unresolved_area':
        if (q?.type === 'area' && q.method === 'point')
          return issue.message.includes('outside') ? t['errPointOutside'] : t['geopointHint'];
        return t['errArea'];
      default:
        return issue.message;
    }
  }

  private announce(message: string, assertive = false): void {
    const region = byId(assertive ? 'q-alert' : 'q-live')!;
    region.textContent = '';
    window.setTimeout(() => (region.textContent = message), 50);
  }

  // ---- submission ---------------------------------------------------------------------------

  private async submit(): Promise<void> {
    this.attempted = true;
    const { answers, issues } = this.validate();
    const code = byId<HTMLInputElement>('f-__invitation');
    const network = this.network?.read();
    const extra = [
      ...(network?.issues ?? []),
      ...(code && code.value.trim() === ''
        ? [{ id: '__invitation', message: this.def.texts['invitationLabel'] }]
        : []),
    ];
    if (issues.length > 0 || extra.length > 0) {
      this.showIssues(issues, true, extra);
      return;
    }
    this.showIssues([], false);
    const button = byId<HTMLButtonElement>('q-submit')!;
    button.disabled = true;
    button.textContent = this.def.texts['sending'];
    try {
      const response = await fetch(this.def.submitUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'omit',
        body: JSON.stringify({
          answers,
          language: this.def.language,
          website: byId<HTMLInputElement>('f-website')?.value ?? '',
          ...(code ? { invitationCode: code.value.trim() } : {}),
          ...(network ? { network: network.answer } : {}),
        }),
      });
      if (response.status === 201) return this.thank();
      const body = (await response.json().catch(() => ({}))) as {
        code?: string;
        message?: string;
        details?: { issues?: AnswerIssue[] };
      };
      if (response.status === 422 && body.details?.issues) {
        const fromNetwork = body.details.issues.filter((issue) => issue.path.startsWith('network'));
        this.showIssues(
          body.details.issues.filter((issue) => !fromNetwork.includes(issue)),
          true,
          this.network ? fromNetwork.map((issue) => this.network!.serverIssue(issue.message)) : [],
        );
      } else if (response.status === 403 && code)
        this.showIssues([], true, [
          { id: '__invitation', message: body.message ?? this.def.texts['failed'] },
        ]);
      else
        this.announce(
          response.status === 429
            ? this.def.texts['tooMany']
            : response.status === 409
              ? this.def.texts['closed']
              : this.def.texts['failed'],
          true,
        );
    } catch {
      this.announce(this.def.texts['failed'], true);
    } finally {
      button.disabled = false;
      button.textContent = this.def.texts['submit'];
    }
  }

  private thank(): void {
    localStorage.removeItem(this.draftKey);
    const main = byId('main')!;
    const heading = document.createElement('h1');
    heading.textContent = this.def.texts['thanksTitle'];
    heading.tabIndex = -1;
    const text = document.createElement('p');
    text.textContent = this.def.texts['thanks'];
    main.replaceChildren(heading, text);
    heading.focus();
  }

  // ---- drafts (this device only) ----------------------------------------------------------

  private saveDraft(): void {
    try {
      const state = snapshot(this.formEl);
      delete state['f-website'];
      const repeats: Record<string, number> = {};
      this.formEl
        .querySelectorAll<HTMLElement>('.instances')
        .forEach((c) => (repeats[c.id] = c.children.length));
      localStorage.setItem(this.draftKey, JSON.stringify({ state, repeats }));
    } catch {
      // Private browsing or a full storage: the form still works, only without a draft.
    }
  }

  private restoreDraft(): void {
    let saved: { state: Record<string, string | boolean>; repeats: Record<string, number> } | null = null;
    try {
      saved = JSON.parse(localStorage.getItem(this.draftKey) ?? 'null');
    } catch {
      saved = null;
    }
    if (!saved || Object.keys(saved.state).length === 0) return;
    // Outer repeats first: their instances contain the containers of inner ones.
    const ids = Object.keys(saved.repeats).sort((a, b) => a.length - b.length);
    for (const id of ids) {
      const pid = id.slice(2);
      const container = byId(id);
      while (container && container.children.length < saved.repeats[id]) this.addInstance(pid);
    }
    restoreInto(this.formEl, saved.state);
    const notice = byId('q-draft');
    const text = byId('q-draft-text');
    if (notice && text) {
      text.textContent = this.def.texts['draftRestored'];
      notice.hidden = false;
    }
  }

  private discardDraft(): void {
    localStorage.removeItem(this.draftKey);
    this.formEl.reset();
    this.formEl.querySelectorAll<HTMLElement>('.instances').forEach((c) => c.replaceChildren());
    this.syncFixedRepeats();
    this.refresh();
    byId('q-draft')!.hidden = true;
    this.announce(this.def.texts['draftDiscarded']);
    this.formEl.querySelector<HTMLElement>('input:not([tabindex="-1"]),select,textarea')?.focus();
  }
}

/**
 * The name generator of a network survey: partners are added from a template (each with a stable
 * number for its ids, shown renumbered), a listed organisation or — where allowed — a new name,
 * and the name interpreters of each. The server builds the event payload with the core and
 * answers 422 naming the partner and question; those messages are placed on the same fields.
 */
class NetworkSection {
  private next = 1;

  constructor(
    private readonly def: NetworkDefinition,
    private readonly texts: Record<string, string>,
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

  /** A server message (`alters[2].frequency: …`, `respondent: …`) placed on its field, in plain words. */
  serverIssue(message: string): FieldIssue {
    const t = this.texts;
    const text = message.includes('required')
      ? t['errRequired']
      : message.includes('named twice')
        ? t['errNamedTwice']
        : message.includes('cannot name itself')
          ? t['errSelf']
          : message.includes('not an option')
            ? t['errChoice']
            : message.includes('whole number')
              ? t['errInteger']
              : message.includes('at most')
                ? t['errTooMany'].replace('{n}', String(this.def.maxAlters))
                : message.replace(/^[^:]*:\s*/, '');
    const alter = /^alters\[(\d+)\](?:\.([^:]+))?:/.exec(message);
    if (alter) {
      const k = this.instances()[Number(alter[1]) - 1]?.dataset['alter'];
      if (k) return { id: `n-a${k}-${alter[2] ?? 'actor'}`, message: text };
    }
    return { id: message.startsWith('respondent') ? 'n-respondent' : 'n-alters', message: text };
  }
}

function snapshot(root: HTMLElement): Record<string, string | boolean> {
  const state: Record<string, string | boolean> = {};
  root
    .querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input,select,textarea')
    .forEach((el) => {
      if (!el.id) return;
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
        if (el.checked) state[el.id] = true;
      } else if (el.value !== '') state[el.id] = el.value;
    });
  return state;
}

function restoreInto(root: HTMLElement, state: Record<string, string | boolean>): void {
  root
    .querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input,select,textarea')
    .forEach((el) => {
      const value = state[el.id];
      if (value === undefined) return;
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox'))
        el.checked = value === true;
      else if (typeof value === 'string') el.value = value;
    });
}

const PLACEHOLDER_ATTRIBUTES = [
  'id',
  'for',
  'name',
  'aria-describedby',
  'data-instance',
  'data-add',
  'data-remove',
  'data-rank',
  'data-prefix',
  'href',
];

/** Instance numbers into a cloned template, also inside nested repeat templates. */
function replacePlaceholder(root: DocumentFragment | Element, placeholder: string, value: string): void {
  for (const el of root.querySelectorAll('*')) {
    for (const attribute of PLACEHOLDER_ATTRIBUTES) {
      const current = el.getAttribute(attribute);
      if (current?.includes(placeholder)) el.setAttribute(attribute, current.split(placeholder).join(value));
    }
    if (el instanceof HTMLTemplateElement) replacePlaceholder(el.content, placeholder, value);
  }
}

export function bootFormRuntime(): void {
  const data = document.getElementById('q-definition');
  const form = document.getElementById('q-form') as HTMLFormElement | null;
  if (!data || !form) return;
  new FormRuntime(JSON.parse(data.textContent ?? '{}') as Definition, form).start();
}
