/// <reference lib="dom" />
// The public form's only script. It runs in the respondent's browser, bundled with the core's
// expression engine and submission validation (@quartier/survey-core/browser), so skip logic and
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
  type CompiledForm,
  type CompiledQuestion,
  type FormNode,
  SkipLogic,
  compileForm,
  compiledQuestion,
  parseGeopoint,
  questionAtPath,
  toStringValue,
  validateSubmission,
} from '@quartier/survey-core/browser';
import type { Definition, Raw } from './definition';
import { announce, byId } from './dom';
import { Drafts } from './drafts';
import { formToday } from './form-today';
import { IssueView } from './issues';
import { NetworkSection } from './network-section';
import { refusalText } from './refusal-text';
import { Repeats } from './repeats';
import { type Scope, buildScope, readField } from './scope';

export class FormRuntime {
  private readonly compiled: CompiledForm;
  private readonly logic: SkipLogic;
  private readonly repeats: Repeats;
  private readonly issues: IssueView;
  private readonly drafts: Drafts;
  private readonly network: NetworkSection | undefined;
  private attempted = false;
  private saveTimer: number | undefined;

  constructor(
    private readonly def: Definition,
    private readonly formEl: HTMLFormElement,
  ) {
    this.compiled = compileForm(def.form);
    // The server's skip logic, tolerant: the respondent may be halfway through typing an answer.
    this.logic = new SkipLogic(this.compiled, formToday(def, new Date()), { tolerant: true });
    this.repeats = new Repeats(formEl, def.form, this.compiled, this.logic);
    this.issues = new IssueView(formEl, this.compiled, def.texts, def.issueTexts);
    this.drafts = new Drafts(formEl, `quartier-survey:${def.surveyId}:${def.waveId}`);
    const section = formEl.querySelector<HTMLElement>('[data-network]');
    this.network = def.network && section ? new NetworkSection(def.network, def.texts, section) : undefined;
  }

  start(): void {
    this.drafts.restore(this.def.texts, (pid) => this.repeats.add(pid));
    this.repeats.syncFixed();
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
    this.repeats.syncFixed();
    this.refresh();
    if (this.attempted) this.issues.show(this.validate().issues, false, this.network?.read().issues ?? []);
    window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.drafts.save(), 300);
  }

  private click(event: Event): void {
    const target = event.target as HTMLElement;
    const add = target.closest<HTMLElement>('[data-add]');
    if (add) {
      const instance = this.repeats.add(add.dataset['add'] as string);
      this.refresh();
      instance.querySelector<HTMLElement>('input,select,textarea')?.focus();
      this.drafts.save();
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
      this.repeats.renumber(pid);
      this.refresh();
      byId(`r-${pid}`)?.querySelector<HTMLElement>('[data-add]')?.focus();
      this.drafts.save();
    }
  }

  /** Fills latitude and longitude from the Geolocation API (asked only on the respondent's click). */
  private locate(button: HTMLButtonElement): void {
    const pid = button.dataset['locate'] as string;
    const t = this.def.texts;
    button.disabled = true;
    announce(t['locating']);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        button.disabled = false;
        // Five decimals ≈ 1 m: more precision than the area needs is not worth reading back.
        byId<HTMLInputElement>(`f-${pid}-lat`)!.value = position.coords.latitude.toFixed(5);
        byId<HTMLInputElement>(`f-${pid}-lon`)!.value = position.coords.longitude.toFixed(5);
        this.changed();
        announce(t['located']);
      },
      () => {
        button.disabled = false;
        announce(t['locationFailed'], true);
        byId(`f-${pid}-lat`)?.focus();
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  }

  // ---- skip logic applied to the page ------------------------------------------------------

  /** Applies relevance, choice filters, note texts; returns the answers to send (relevant only). */
  private refresh(): Raw {
    this.repeats.limitAdds();
    this.logic.reset();
    const root = buildScope(this.formEl, this.compiled, this.def.form.children, '', 0);
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
          const relevant = this.logic.isRepeatRelevant(scope, repeat);
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
        const cq = compiledQuestion(this.compiled, node);
        const wrapper = byId(`q-${scope.prefix}${node.name}`);
        const relevant = this.logic.isRelevant(scope, cq);
        if (wrapper) wrapper.hidden = !relevant;
        if (!relevant || !wrapper) continue;
        anyVisible = true;
        if (cq.choiceFilter && cq.list) this.filterChoices(wrapper, scope, cq);
        if (node.type === 'note') this.fillTemplate(wrapper, scope);
        const value = readField(this.formEl, node, scope.prefix);
        if (value !== undefined) out[node.name] = value;
      }
      return anyVisible;
    };
    visit(nodes);
    return out;
  }

  private filterChoices(wrapper: HTMLElement, scope: Scope, cq: CompiledQuestion): void {
    for (const choice of cq.list!.choices) {
      const allowed = this.logic.allowsChoice(scope, cq, choice);
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
      toStringValue(this.logic.fieldValue(scope, name.trim())),
    );
  }

  // ---- validation and submission -----------------------------------------------------------

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
    const q = questionAtPath(this.compiled, path)?.question;
    return q?.type === 'area' && q.method === 'point';
  }

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
      this.issues.show(issues, true, extra);
      return;
    }
    this.issues.show([], false);
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
      await this.refused(response, code !== null);
    } catch {
      announce(this.def.texts['failed'], true);
    } finally {
      button.disabled = false;
      button.textContent = this.def.texts['submit'];
    }
  }

  /**
   * The server's refusal: its answer issues on their fields (422), a refused invitation code on
   * its field, anything else announced — each worded by its code in the page's language.
   */
  private async refused(response: Response, withCode: boolean): Promise<void> {
    const body = (await response.json().catch(() => ({}))) as {
      code?: string;
      details?: { issues?: AnswerIssue[] };
    };
    if (response.status === 422 && body.details?.issues) {
      const fromNetwork = body.details.issues.filter((issue) => issue.path.startsWith('network'));
      this.issues.show(
        body.details.issues.filter((issue) => !fromNetwork.includes(issue)),
        true,
        this.network ? fromNetwork.map((issue) => this.network!.serverIssue(issue)) : [],
      );
      return;
    }
    const refusal = refusalText(response.status, body.code, this.def.refusalTexts, this.def.texts['failed']);
    if (refusal.onInvitation && withCode)
      this.issues.show([], true, [{ id: '__invitation', message: refusal.text }]);
    else announce(refusal.text, true);
  }

  private thank(): void {
    this.drafts.clear();
    const main = byId('main')!;
    const heading = document.createElement('h1');
    heading.textContent = this.def.texts['thanksTitle'];
    heading.tabIndex = -1;
    const text = document.createElement('p');
    text.textContent = this.def.texts['thanks'];
    main.replaceChildren(heading, text);
    heading.focus();
  }

  private discardDraft(): void {
    this.drafts.clear();
    this.formEl.reset();
    this.formEl.querySelectorAll<HTMLElement>('.instances').forEach((c) => c.replaceChildren());
    this.repeats.syncFixed();
    this.refresh();
    byId('q-draft')!.hidden = true;
    announce(this.def.texts['draftDiscarded']);
    this.formEl.querySelector<HTMLElement>('input:not([tabindex="-1"]),select,textarea')?.focus();
  }
}

/** Starts the form on a page that carries one (#q-definition and #q-form); does nothing elsewhere. */
export function bootFormRuntime(): void {
  const data = document.getElementById('q-definition');
  const form = document.getElementById('q-form') as HTMLFormElement | null;
  if (!data || !form) return;
  new FormRuntime(JSON.parse(data.textContent ?? '{}') as Definition, form).start();
}
