import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  resource,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { problemFrom } from '@quartier/portal-data-access';
import {
  ConfirmedSubmission,
  featureTexts,
  I18n,
  Notice,
  saveBlob,
  SubmissionNotices,
} from '@quartier/portal-ui';
import {
  bindsEvidence,
  layoutGraph,
  NODE_TYPES,
  nextId,
  STEPS_BY_TYPE,
  stepFor,
  wrapTitle,
  type NodeType,
} from '../impact-graph';
import { type BindingForm, emptyBinding, type ModelForm, modelFromForm, modelToForm } from '../impact-form';
import { type BindingField, sourceFields, TARGET_FIELDS } from './binding-fields';
import {
  IMPACT_ISSUE_TEXTS_DE,
  IMPACT_ISSUE_TEXTS_EN,
  impactIssuesOf,
  impactIssueText,
} from './impact-issues';
import { type Programme, ProgrammeWorkspace } from '../programme-workspace';
import { ProgrammeTexts } from '../texts';

/**
 * The programme's impact model: a drawn graph (columns by node type, Wirkungstreppe steps) next
 * to an editable list that does the same for keyboard and screen-reader users — nodes with type,
 * step, title, assumptions, risks; links; evidence on outcomes and impacts. Saves with the
 * version it started from (409: changed meanwhile), copies templates, downloads JSON and SVG.
 */
@Component({
  selector: 'q-impact-panel',
  imports: [FormsModule, Notice, SubmissionNotices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './impact-panel.html',
  styleUrl: '../programme.scss',
  styles: `
    .graph {
      overflow-x: auto;
      border: 1px solid #d0d7de;
      background: #fbfcfd;
    }
    .graph rect {
      stroke: #1b2733;
      stroke-width: 1;
    }
    .graph text {
      font: 12px sans-serif;
      fill: #1b1f24;
    }
    .graph .column {
      font-weight: 700;
    }
    .graph path {
      fill: none;
      stroke: #4a5560;
      stroke-width: 1.5;
    }
    .node-card {
      border: 1px solid #d0d7de;
      padding: 0.5rem 0.75rem;
      margin: 0.5rem 0;
    }
    .binding {
      border-left: 4px solid #9ec5ea;
      padding-left: 0.75rem;
      margin: 0.5rem 0;
    }
  `,
})
export class ImpactPanel {
  private readonly workspace = inject(ProgrammeWorkspace);
  private readonly i18n = inject(I18n);
  protected readonly texts = inject(ProgrammeTexts);
  protected readonly t = this.texts.t;
  readonly programme = input.required<Programme>();
  protected readonly nodeTypes = NODE_TYPES;
  protected readonly steps = STEPS_BY_TYPE;
  protected readonly wrap = wrapTitle;
  protected readonly bindsEvidence = bindsEvidence;
  protected readonly sourceFields = sourceFields;
  protected readonly targetFields = TARGET_FIELDS;
  /** A node's free texts, side by side. */
  protected readonly nodeTexts = ['assumptions', 'risks'] as const;
  protected readonly problem = inject(ProgrammeWorkspace).problem;

  private readonly path = computed(() => ({ path: { id: this.programme().id } }));
  protected readonly document = resource({
    params: () => this.programme().id,
    loader: () => this.workspace.api.get('/api/programme/programmes/{id}/impact-model', this.path()),
  });
  protected readonly measures = resource({
    params: () => this.programme().id,
    loader: ({ params }) =>
      this.workspace.api.get('/api/programme/programmes/{programmeId}/measures', {
        path: { programmeId: params },
        query: { limit: 1000 },
      }),
  });

  protected readonly form = signal<ModelForm | null>(null);
  /** Bumped on every edit so the drawing follows the list. */
  private readonly revision = signal(0);
  protected readonly layout = computed(() => {
    this.revision();
    const form = this.form();
    return form ? layoutGraph(form.nodes, form.edges) : null;
  });
  protected newEdge = { from: '', to: '' };
  /** The new link's two ends, each chosen from the nodes. */
  protected readonly edgeEnds = [
    { key: 'from', label: 'edgeFrom' },
    { key: 'to', label: 'edgeTo' },
  ] as const;
  protected copyMeasureId = '';
  protected readonly conflict = signal(false);
  private readonly issueTexts = featureTexts(IMPACT_ISSUE_TEXTS_DE, IMPACT_ISSUE_TEXTS_EN);
  /** The model a refusal's paths name, as a form: the one sent, or the stored one for a download. */
  private sent: ModelForm | null = null;
  protected readonly submission = new ConfirmedSubmission((error) => this.failure(error));
  protected readonly busy = this.submission.busy;

  constructor() {
    effect(() => {
      const doc = this.document.value();
      if (!doc) return;
      const form = modelToForm(doc.model);
      // A new model is named after its programme (the service requires a title).
      if (!form.title) form.title = untracked(this.programme).name;
      this.form.set(form);
    });
  }

  protected touch(): void {
    this.revision.update((r) => r + 1);
  }

  protected typeChanged(node: ModelForm['nodes'][number], type: NodeType): void {
    node.type = type;
    node.step = stepFor(type, node.step);
    this.touch();
  }

  protected addNode(): void {
    const form = this.form();
    if (!form) return;
    form.nodes.push({
      id: nextId(
        'n',
        form.nodes.map((n) => n.id),
      ),
      type: 'outcome',
      step: 4,
      title: '',
      description: '',
      assumptions: '',
      risks: '',
      bindings: [],
    });
    this.touch();
  }

  protected removeNode(index: number): void {
    const form = this.form();
    if (!form) return;
    const [removed] = form.nodes.splice(index, 1);
    form.edges = form.edges.filter((e) => e.from !== removed.id && e.to !== removed.id);
    this.touch();
  }

  protected addEdge(): void {
    const form = this.form();
    if (!form || !this.newEdge.from || !this.newEdge.to) return;
    form.edges.push({ ...this.newEdge });
    this.newEdge = { from: '', to: '' };
    this.touch();
  }

  protected removeEdge(index: number): void {
    this.form()?.edges.splice(index, 1);
    this.touch();
  }

  protected addBinding(node: ModelForm['nodes'][number]): void {
    const taken = (this.form()?.nodes ?? []).flatMap((n) => n.bindings.map((b) => b.id));
    node.bindings.push(emptyBinding(nextId('b', taken)));
    this.touch();
  }

  /** A binding control's new value (a select offers only values its field takes). */
  protected setField(binding: BindingForm, key: BindingField['key'], value: string): void {
    Object.assign(binding, { [key]: value });
  }

  protected removeBinding(node: ModelForm['nodes'][number], index: number): void {
    node.bindings.splice(index, 1);
    this.touch();
  }

  protected titleOf(id: string): string {
    return this.form()?.nodes.find((n) => n.id === id)?.title || id;
  }

  protected async save(): Promise<void> {
    const form = this.form();
    const doc = this.document.value();
    if (!form || !doc) return;
    this.sent = form;
    await this.submission.run(async () => {
      const saved = await this.workspace.api.put('/api/programme/programmes/{id}/impact-model', {
        ...this.path(),
        body: {
          model: modelFromForm(form, doc.model),
          baseVersion: doc.version,
        },
      });
      this.document.value.set(saved);
      this.submission.message.set(this.t('modelSaved', { version: saved.version }));
    });
  }

  protected async copy(): Promise<void> {
    if (!this.copyMeasureId) return;
    // A refused copy names the template's nodes, not this form's.
    this.sent = null;
    await this.submission.run(async () => {
      const copied = await this.workspace.api.post('/api/programme/programmes/{id}/impact-model/copy', {
        ...this.path(),
        body: { fromMeasureId: this.copyMeasureId },
      });
      this.document.value.set(copied);
      this.submission.message.set(this.t('modelSaved', { version: copied.version }));
    });
  }

  /** The stored model (an export refuses it as stored, whatever is being edited). */
  private storedForm(): ModelForm | null {
    const doc = this.document.value();
    return doc ? modelToForm(doc.model) : null;
  }

  protected reload(): void {
    this.conflict.set(false);
    this.submission.error.set(null);
    this.document.reload();
  }

  protected async downloadJson(): Promise<void> {
    this.sent = this.storedForm();
    await this.submission.run(async () => {
      const json = await this.workspace.api.get(
        '/api/programme/programmes/{id}/impact-model.json',
        this.path(),
      );
      saveBlob(
        new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: 'application/json' }),
        `wirkungsmodell-${this.programme().name}.json`,
      );
    });
  }

  protected async downloadSvg(): Promise<void> {
    this.sent = this.storedForm();
    await this.submission.run(async () => {
      const { blob } = await this.workspace.api.file('/api/programme/programmes/{id}/impact-model.svg', {
        ...this.path(),
        query: { lang: this.i18n.language() },
      });
      saveBlob(blob, `${this.t('fileImpactModel')}-${this.programme().name}.svg`);
    });
  }

  /**
   * How a failed request reads; a model someone else changed meanwhile also offers reloading it,
   * and a refused save says which evidence field is wrong (the service's reasons are English).
   */
  private failure(error: unknown): string {
    const problem = problemFrom(error);
    this.conflict.set(problem.code === 'ImpactModelChanged');
    if (problem.code === 'ImpactModelChanged') return this.t('modelChanged');
    const sent = this.sent;
    const located =
      problem.code === 'InvalidImpactModel' && sent
        ? impactIssuesOf(error).flatMap((issue) => impactIssueText(issue, sent) ?? [])
        : [];
    return [
      this.workspace.problem(error),
      ...located.map(({ key, params, field }) =>
        this.issueTexts(key, { ...params, field: field ? this.t(field) : '' }),
      ),
    ].join(' ');
  }
}
