import { ChangeDetectionStrategy, Component, effect, inject, input, resource, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import {
  EvaluationClient,
  finestLevelOf,
  RegistryApi,
  Session,
  type EvaluationSchemas,
} from '@quartier/portal-data-access';
import { EVALUATED_AREAS_MAX } from '@quartier/contracts/browser';
import { CreateSection, keyChoices, RadioGroup, Submission } from '@quartier/portal-ui';
import { toParagraphs } from '../paragraphs';
import { startPeriodValid } from '../periods';
import { EvaluationTexts } from '../texts';
import { chosenAreasProblem } from './chosen-areas';

type ProgrammeRef = EvaluationSchemas['ProgrammeRefListDto_Output']['items'][number];
const KINDS = ['programme', 'measure', 'areas'] as const;
type Kind = (typeof KINDS)[number];
type CreateBody = EvaluationSchemas['CreateEvaluationDto'];

/** The form that starts an evaluation of a programme, one of its measures, or chosen areas. */
@Component({
  selector: 'q-create-evaluation',
  imports: [FormsModule, CreateSection, RadioGroup],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section qCreateSection [heading]="t('create')" [error]="submission.error()">
      <form (ngSubmit)="create()" class="form" data-testid="create-evaluation">
        <label for="e-title">{{ t('title') }}</label>
        <input id="e-title" name="title" [(ngModel)]="title" required maxlength="200" />
        <fieldset
          qRadioGroup
          [legend]="t('objectKind')"
          name="kind"
          [choices]="kindChoices()"
          [(value)]="kind"
        ></fieldset>
        @if (kind() !== 'areas') {
          <label for="e-programme">{{ t('programme') }}</label>
          <select
            id="e-programme"
            name="programme"
            [ngModel]="programmeId()"
            (ngModelChange)="programmeId.set($event)"
            required
          >
            <option value="">{{ t('chooseProgramme') }}</option>
            @for (p of programmes(); track p.id) {
              <option [value]="p.id">{{ p.name }}</option>
            }
          </select>
        }
        @if (kind() === 'measure' && programmeId()) {
          <label for="e-measure">{{ t('measure') }}</label>
          <select id="e-measure" name="measure" [(ngModel)]="measureId" required>
            <option value="">{{ t('chooseMeasure') }}</option>
            @for (m of measures.value()?.items ?? []; track m.id) {
              <option [value]="m.id">{{ m.title }}</option>
            }
          </select>
          @if (measures.value()?.items?.length === 0) {
            <p class="hint">{{ t('noMeasures') }}</p>
          }
        }
        @if (kind() === 'areas') {
          <label for="e-level">{{ t('level') }}</label>
          <select id="e-level" name="level" [ngModel]="level()" (ngModelChange)="level.set($event)">
            @for (l of session.levels(); track l.key) {
              <option [value]="l.key">{{ l.name }}</option>
            }
          </select>
          <label for="e-areas">{{ t('areasPick') }}</label>
          <select id="e-areas" name="areas" multiple size="8" [(ngModel)]="areaIds">
            @for (a of areas.value()?.items ?? []; track a.id) {
              <option [value]="a.id">{{ a.code }} {{ a.name }}</option>
            }
          </select>
        }
        <label for="e-start">{{ t('startPeriod') }}</label>
        <input
          id="e-start"
          name="start"
          [(ngModel)]="startPeriod"
          aria-describedby="e-start-hint"
          maxlength="20"
        />
        <p class="hint" id="e-start-hint">{{ t('startHint') }}</p>
        <label for="e-questions">{{ t('questions') }}</label>
        <textarea id="e-questions" name="questions" rows="4" [(ngModel)]="questions"></textarea>
        <button type="submit" [disabled]="submission.busy() || !title.trim()">{{ t('createSubmit') }}</button>
      </form>
    </section>
  `,
  styleUrl: '../evaluation.scss',
})
export class CreateEvaluation {
  private readonly api = inject(EvaluationClient);
  private readonly registry = inject(RegistryApi);
  private readonly router = inject(Router);
  protected readonly session = inject(Session);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly programmes = input.required<readonly ProgrammeRef[]>();
  readonly preselected = input('');

  protected readonly kindChoices = keyChoices(KINDS, 'kind', this.texts.tk);
  protected readonly kind = signal<Kind>('programme');
  protected readonly programmeId = signal('');
  protected readonly level = signal('');
  protected title = '';
  protected measureId = '';
  protected areaIds: string[] = [];
  protected startPeriod = '';
  protected questions = '';
  protected readonly submission = new Submission(this.texts.problem);

  protected readonly measures = resource({
    params: () => (this.kind() === 'measure' && this.programmeId() ? this.programmeId() : undefined),
    loader: ({ params }) =>
      this.api.get('/api/evaluation/programmes/{programmeId}/measures', {
        path: { programmeId: params },
        query: { limit: 500 },
      }),
  });
  protected readonly areas = resource({
    params: () => (this.kind() === 'areas' && this.level() ? this.level() : undefined),
    loader: ({ params }) => this.registry.areas({ level: params, limit: 1000 }),
  });

  constructor() {
    effect(() => {
      if (this.preselected()) this.programmeId.set(this.preselected());
    });
    effect(() => {
      const finest = finestLevelOf(this.session.levels());
      if (!this.level() && finest) this.level.set(finest);
    });
  }

  private body(): CreateBody | string {
    const base = {
      title: this.title.trim(),
      questions: toParagraphs(this.questions),
      ...(this.startPeriod.trim() ? { startPeriod: this.startPeriod.trim() } : {}),
    };
    if (!startPeriodValid(this.startPeriod, true))
      return this.t('startInvalid', { start: this.startPeriod.trim() });
    if (this.kind() === 'programme')
      return this.programmeId()
        ? { ...base, object: { kind: 'programme', programmeId: this.programmeId() } }
        : this.t('chooseProgramme');
    if (this.kind() === 'measure')
      return this.measureId
        ? { ...base, object: { kind: 'measure', measureId: this.measureId } }
        : this.t('chooseMeasure');
    if (!base.startPeriod) return this.t('startRequired');
    const problem = chosenAreasProblem(this.areaIds);
    if (problem === 'none') return this.t('chooseArea');
    if (problem === 'too-many')
      return this.t('tooManyAreas', {
        count: this.texts.count(this.areaIds.length),
        max: this.texts.count(EVALUATED_AREAS_MAX),
      });
    return { ...base, object: { kind: 'areas', areaIds: this.areaIds } };
  }

  protected async create(): Promise<void> {
    const body = this.body();
    if (typeof body === 'string') return this.submission.error.set(body);
    await this.submission.run(async () => {
      const created = await this.api.post('/api/evaluation/evaluations', { body });
      await this.router.navigate(['/evaluation', created.id]);
    });
  }
}
