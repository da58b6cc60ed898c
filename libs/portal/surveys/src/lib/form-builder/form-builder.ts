import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { saveBlob } from '@quartier/portal-ui';
import {
  insertNode,
  LIST_TYPES,
  moveNode,
  newGroup,
  newQuestion,
  nodeAt,
  problemsOf,
  QUESTION_TYPES,
  removeNode,
  replaceNode,
  upsertList,
  type NodePath,
} from '../form-model';
import {
  SurveyApi,
  type ChoiceList,
  type FormModel,
  type FormNode,
  type FormProblem,
  type GroupNode,
  type QuestionNode,
  type QuestionType,
  type SurveyDetail,
} from '../survey-api';
import { FileButton } from '../file-button';
import { type SurveyMessage, SurveyMessageNotice } from '../survey-message';
import { SurveyWorkspace } from '../survey-workspace';
import { SurveyTexts, type SurveyTextKey } from '../texts';
import { BuilderTexts } from './builder-texts';
import type { SheetIssueView } from './form-issue-texts';

/** A problem of the service's check, or with `text` the portal's own sentence (the check failed). */
type ShownProblem = Pick<FormProblem, 'target' | 'field' | 'reason'> &
  Partial<FormProblem> & { text?: string };

type ChoiceField = 'name' | 'de' | 'en';

/** The choice table's editable columns, in order: the value, then its text in German and English. */
const CHOICE_COLUMNS: readonly { field: ChoiceField; label: SurveyTextKey }[] = [
  { field: 'name', label: 'choiceName' },
  { field: 'de', label: 'labelDe' },
  { field: 'en', label: 'labelEn' },
];

interface Row {
  node: FormNode;
  path: NodePath;
  depth: number;
}

/**
 * A structured editor of the questionnaire model (the same model XLSForm imports into): the
 * outline on the left (select, reorder, nest, delete), the selected item's fields on the right,
 * the choice lists below, a preview. Every change is checked by the survey service with the
 * core's rules (debounced), and problems appear at the field they concern.
 */
@Component({
  selector: 'q-form-builder',
  imports: [SurveyMessageNotice, FileButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './form-builder.html',
  styleUrl: './form-builder.scss',
})
export class FormBuilder {
  private readonly api = inject(SurveyApi);
  protected readonly texts = inject(SurveyTexts);
  protected readonly t = this.texts.t;
  protected readonly choiceColumns = CHOICE_COLUMNS;
  protected readonly bt = inject(BuilderTexts);
  protected readonly types = QUESTION_TYPES;
  /** Imported questions of a type the builder does not offer (time, uploads, …) keep it, named. */
  protected readonly offered = (type: string): boolean =>
    (QUESTION_TYPES as readonly string[]).includes(type);

  readonly survey = input.required<SurveyDetail>();
  readonly initial = input.required<FormModel>();
  private readonly workspace = inject(SurveyWorkspace);

  protected readonly form = signal<FormModel>({
    settings: { formId: '', defaultLanguage: 'de', extra: {} },
    children: [],
    choiceLists: [],
  });
  protected readonly selected = signal<NodePath | null>(null);
  protected readonly selectedList = signal<string | null>(null);
  protected readonly problems = signal<ShownProblem[]>([]);
  /** Warnings leave the form valid (it can be saved and its survey opened); errors do not. */
  protected readonly errors = computed(() => this.problems().filter((p) => p.severity !== 'warning'));
  protected readonly warnings = computed(() => this.problems().filter((p) => p.severity === 'warning'));
  protected readonly checking = signal(false);
  protected readonly message = signal<SurveyMessage | null>(null);
  protected readonly showPreview = signal(false);
  private checkTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly rows = computed(() => {
    const rows: Row[] = [];
    const walk = (nodes: readonly FormNode[], prefix: NodePath, depth: number) =>
      nodes.forEach((node, i) => {
        const path = [...prefix, i];
        rows.push({ node, path, depth });
        if (node.kind === 'group') walk(node.children, path, depth + 1);
      });
    walk(this.form().children, [], 0);
    return rows;
  });
  protected readonly node = computed(() => {
    const path = this.selected();
    return path ? nodeAt(this.form(), path) : undefined;
  });
  protected readonly question = computed(() => {
    const node = this.node();
    return node?.kind === 'question' ? node : undefined;
  });
  protected readonly group = computed(() => {
    const node = this.node();
    return node?.kind === 'group' ? node : undefined;
  });
  protected readonly nodeProblems = computed(() => problemsOf(this.problems(), this.node()));
  protected readonly list = computed(
    () => this.form().choiceLists.find((l) => l.name === this.selectedList()) ?? null,
  );

  constructor() {
    effect(() => {
      const initial = this.initial();
      untracked(() => {
        // The version just saved from here comes back as the new initial form: keep the selection.
        if (JSON.stringify(initial) === JSON.stringify(this.form())) return;
        this.form.set(structuredClone(initial));
        this.selected.set(initial.children.length > 0 ? [0] : null);
        this.selectedList.set(initial.choiceLists[0]?.name ?? null);
        this.scheduleCheck();
      });
    });
  }

  protected problemFor(field: string): string | null {
    const found = this.nodeProblems().filter((p) => p.field === field);
    return found.length > 0 ? found.map((p) => this.problemText(p)).join(' ') : null;
  }

  /** A problem in the reader's language: by the service's code, never its English reason. */
  protected problemText(problem: ShownProblem): string {
    return problem.text ?? this.bt.problem(problem);
  }

  /** The two answers top-2 counts for a Likert question, as the builder shows it before saving. */
  protected topTwoOf(q: QuestionNode): string {
    const choices = this.choicesOf(q.listName);
    const labels = choices.map((c) => c.label['de'] || c.name);
    const top = q.scaleDirection === 'descending' ? labels.slice(0, 2) : labels.slice(-2).reverse();
    return top.join(', ');
  }

  protected setLikert(likert: boolean): void {
    // A scale's direction is stated, not guessed: ticking Likert states the usual one, shown
    // right below with what it means for top-2.
    const node = this.question();
    this.updateQuestion({
      likert,
      scaleDirection: likert ? (node?.scaleDirection ?? 'ascending') : undefined,
    });
  }

  protected isSelected(path: NodePath): boolean {
    const current = this.selected();
    return current !== null && current.length === path.length && current.every((v, i) => v === path[i]);
  }

  protected hasProblems(node: FormNode): boolean {
    return problemsOf(this.problems(), node).length > 0;
  }

  protected label(node: FormNode): string {
    return node.label['de'] || node.label[Object.keys(node.label)[0] ?? ''] || node.name;
  }

  private apply(next: FormModel): void {
    this.form.set(next);
    this.scheduleCheck();
  }

  private scheduleCheck(): void {
    clearTimeout(this.checkTimer);
    this.checking.set(true);
    this.checkTimer = setTimeout(async () => {
      try {
        const result = await this.api.checkForm(this.form());
        this.problems.set(result.issues);
      } catch (error) {
        const text = this.texts.problem(error);
        this.problems.set([{ target: 'settings', field: 'form', reason: text, text }]);
      } finally {
        this.checking.set(false);
      }
    }, 400);
  }

  protected updateQuestion(patch: Partial<QuestionNode>): void {
    const path = this.selected();
    const node = this.question();
    if (!path || !node) return;
    this.apply(replaceNode(this.form(), path, { ...node, ...patch }));
  }

  protected updateGroup(patch: Partial<GroupNode>): void {
    const path = this.selected();
    const node = this.group();
    if (!path || !node) return;
    this.apply(replaceNode(this.form(), path, { ...node, ...patch }));
  }

  protected setLabel(language: string, text: string): void {
    const node = this.node();
    if (!node) return;
    const label = { ...node.label, [language]: text };
    if (text === '' && language !== 'de') delete label[language];
    if (node.kind === 'question') this.updateQuestion({ label });
    else this.updateGroup({ label });
  }

  protected setText(field: 'hint' | 'constraintMessage', text: string): void {
    const node = this.question();
    if (!node) return;
    this.updateQuestion({ [field]: { ...node[field], de: text } });
  }

  protected renameList(listName: string, name: string): void {
    const list = this.currentList(listName);
    if (list) this.updateList({ ...list, name }, list.name);
  }

  protected setOptional(
    field: 'relevant' | 'constraint' | 'calculation' | 'choiceFilter',
    value: string,
  ): void {
    const node = this.node();
    if (!node) return;
    if (node.kind === 'group' && field === 'relevant')
      this.updateGroup({ relevant: value.trim() === '' ? undefined : value });
    else this.updateQuestion({ [field]: value.trim() === '' ? undefined : value });
  }

  protected setType(type: QuestionType): void {
    const node = this.question();
    if (!node) return;
    const fresh = newQuestion(this.form(), type);
    this.updateQuestion({
      type,
      listName: LIST_TYPES.has(type) ? (node.listName ?? fresh.listName) : undefined,
      likert: type === 'select_one' ? (node.likert ?? false) : undefined,
      scaleDirection: type === 'select_one' ? node.scaleDirection : undefined,
      method: type === 'area' ? 'choice' : undefined,
      calculation: type === 'calculate' ? (node.calculation ?? '') : node.calculation,
    });
  }

  protected add(kind: 'question' | 'group' | 'repeat', into = false): void {
    const node =
      kind === 'question' ? newQuestion(this.form(), 'text') : newGroup(this.form(), kind === 'repeat');
    const { form, path } = insertNode(this.form(), node, this.selected(), into);
    this.apply(form);
    this.selected.set(path);
  }

  /** The buttons beside each item of the outline, in this order. */
  protected readonly rowActions = [
    { label: 'moveUp', icon: '↑', run: (path: NodePath) => this.move(path, -1) },
    { label: 'moveDown', icon: '↓', run: (path: NodePath) => this.move(path, 1) },
    { label: 'remove', icon: '✕', run: (path: NodePath) => this.remove(path) },
  ] as const;

  protected move(path: NodePath, delta: -1 | 1): void {
    const moved = moveNode(this.form(), path, delta);
    this.apply(moved.form);
    this.selected.set(moved.path);
  }

  protected remove(path: NodePath): void {
    this.apply(removeNode(this.form(), path));
    this.selected.set(null);
  }

  protected addList(): void {
    let i = 1;
    while (this.form().choiceLists.some((l) => l.name === `liste_${i}`)) i++;
    const list: ChoiceList = {
      name: `liste_${i}`,
      choices: [{ name: '1', label: { de: '' }, properties: {} }],
    };
    this.apply(upsertList(this.form(), list));
    this.selectedList.set(list.name);
  }

  protected updateList(list: ChoiceList, previousName: string): void {
    let next = upsertList(this.form(), list, previousName);
    if (list.name !== previousName) {
      // Questions follow their list when it is renamed.
      const rename = (nodes: FormNode[]): FormNode[] =>
        nodes.map((n) =>
          n.kind === 'group'
            ? { ...n, children: rename(n.children) }
            : n.listName === previousName
              ? { ...n, listName: list.name }
              : n,
        );
      next = { ...next, children: rename(next.children) };
      this.selectedList.set(list.name);
    }
    this.apply(next);
  }

  /**
   * List edits read the list from the current model by name: the template's list object may be
   * stale when a change event and a click arrive in the same turn (blur, then click).
   */
  private currentList(name: string): ChoiceList | undefined {
    return this.form().choiceLists.find((l) => l.name === name);
  }

  protected choiceText(choice: ChoiceList['choices'][number], field: ChoiceField): string {
    return field === 'name' ? choice.name : (choice.label[field] ?? '');
  }

  protected setChoice(listName: string, index: number, field: ChoiceField, value: string): void {
    const list = this.currentList(listName);
    if (!list) return;
    const choices = list.choices.map((c, i) =>
      i !== index
        ? c
        : field === 'name'
          ? { ...c, name: value }
          : { ...c, label: { ...c.label, [field]: value } },
    );
    this.updateList({ ...list, choices }, list.name);
  }

  protected addChoice(listName: string): void {
    const list = this.currentList(listName);
    if (!list) return;
    this.updateList(
      {
        ...list,
        choices: [
          ...list.choices,
          { name: String(list.choices.length + 1), label: { de: '' }, properties: {} },
        ],
      },
      list.name,
    );
  }

  protected removeChoice(listName: string, index: number): void {
    const list = this.currentList(listName);
    if (!list) return;
    this.updateList({ ...list, choices: list.choices.filter((_, i) => i !== index) }, list.name);
  }

  protected choicesOf(listName: string | undefined): ChoiceList['choices'] {
    return this.form().choiceLists.find((l) => l.name === listName)?.choices ?? [];
  }

  protected async save(): Promise<void> {
    this.message.set(null);
    try {
      const survey = await this.api.saveForm(this.survey().id, this.form());
      this.message.set({ kind: 'success', text: this.t('saved', { version: survey.formVersion }) });
      this.workspace.updated(survey);
    } catch (error) {
      this.message.set({ kind: 'error', ...this.texts.failure(error) });
    }
  }

  protected async importFile(file: File): Promise<void> {
    this.message.set(null);
    try {
      const survey = await this.api.uploadXlsForm(this.survey().id, file);
      const { form } = await this.api.form(survey.id);
      this.form.set(form);
      this.selected.set(form.children.length > 0 ? [0] : null);
      this.selectedList.set(form.choiceLists[0]?.name ?? null);
      this.scheduleCheck();
      this.message.set({ kind: 'success', text: this.t('imported', { version: survey.formVersion }) });
      this.workspace.updated(survey);
    } catch (error) {
      // Each error located in the workbook and worded by its code (details.lines is English).
      const body = (error as { error?: { details?: { issues?: SheetIssueView[] } } }).error;
      const issues = body?.details?.issues;
      this.message.set(
        issues && issues.length > 0
          ? { kind: 'error', text: this.t('importErrors'), lines: issues.map(this.bt.sheetIssue) }
          : { kind: 'error', ...this.texts.failure(error) },
      );
    }
  }

  protected async exportFile(): Promise<void> {
    const blob = await this.api.downloadXlsForm(this.survey().id);
    saveBlob(blob, `${this.form().settings.formId || 'fragebogen'}.xlsx`);
  }
}
