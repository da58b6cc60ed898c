import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  resource,
  signal,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { FormsModule } from '@angular/forms';
import {
  EvaluationClient,
  finestLevelOf,
  IndicatorClient,
  ProgrammeClient,
  RegistryApi,
  Session,
} from '@quartier/portal-data-access';
import { ChoiceSelect, keyChoices, Notice, RadioGroup } from '@quartier/portal-ui';
import {
  PERIODS,
  REPORT_TYPES,
  emptyReportForm,
  reportRequestOf,
  type ReportForm as ReportFormState,
  type ReportFormField,
  type ReportLanguage,
  type ReportRequest,
} from '../report-request';
import { ReportOutput } from '../report-output/report-output';
import { ReportsTexts, type ReportsTextKey } from '../texts';

const SCOPES = ['area', 'level'] as const;

/** Areas offered at once; a longer level is narrowed by the search. */
const AREA_CHOICES = 100;

/** Element id of each form field, to focus the one a check found missing. */
const FIELD_IDS: Record<ReportFormField, string> = {
  areaId: 'r-area',
  level: 'r-level',
  periods: 'r-periods',
  indexRunId: 'r-run',
  programmeId: 'r-programme',
  evaluationId: 'r-evaluation',
};

/**
 * The lists a monitoring, programme or evaluation report's subject is chosen from: the form field
 * and the texts of the label, the empty option and the hint when there is nothing to choose.
 */
const SUBJECT_LISTS = {
  monitoring: { field: 'indexRunId', texts: ['indexRun', 'chooseIndexRun', 'noIndexRuns'] },
  programme: { field: 'programmeId', texts: ['programme', 'chooseProgramme', 'noProgrammes'] },
  evaluation: { field: 'evaluationId', texts: ['evaluation', 'chooseEvaluation', 'noEvaluations'] },
} as const satisfies Record<string, { field: ReportFormField; texts: readonly ReportsTextKey[] }>;
type SubjectKind = keyof typeof SUBJECT_LISTS;

/** The form that requests a report: type, subject (area or level, index run, programme), format, language. */
@Component({
  selector: 'q-report-form',
  imports: [ChoiceSelect, FormsModule, NgTemplateOutlet, Notice, RadioGroup, ReportOutput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="form" data-testid="report-form" (ngSubmit)="submit()" novalidate>
      <fieldset
        qRadioGroup
        [legend]="t('type')"
        name="type"
        [choices]="typeChoices()"
        [value]="form().type"
        (valueChange)="set('type', $event)"
      >
        <p class="hint">{{ texts.tk('typeHint', form().type) }}</p>
      </fieldset>

      @switch (form().type) {
        @case ('area-profile') {
          <fieldset
            qRadioGroup
            [legend]="t('scope')"
            name="scope"
            [choices]="scopeChoices()"
            [value]="form().scope"
            (valueChange)="set('scope', $event)"
          ></fieldset>
          <label for="r-level">{{ t('level') }}</label>
          <select
            id="r-level"
            name="level"
            [ngModel]="form().level"
            (ngModelChange)="set('level', $event); set('areaId', '')"
          >
            @for (l of session.levels(); track l.key) {
              <option [value]="l.key">{{ l.name }}</option>
            }
          </select>
          @if (form().scope === 'area') {
            <label for="r-area-search">{{ t('areaSearch') }}</label>
            <input
              id="r-area-search"
              name="areaSearch"
              type="search"
              autocomplete="off"
              [ngModel]="search()"
              (ngModelChange)="searchChanged($event)"
            />
            <label for="r-area">{{ t('area') }}</label>
            <select
              id="r-area"
              name="area"
              [ngModel]="form().areaId"
              (ngModelChange)="set('areaId', $event)"
              required
            >
              <option value="">{{ t('chooseArea') }}</option>
              @for (a of areas.value()?.items ?? []; track a.id) {
                <option [value]="a.id">{{ a.code }} {{ a.name }}</option>
              }
            </select>
            @if (areas.value(); as found) {
              @if (found.items.length === 0) {
                <p class="hint">{{ t('noAreas') }}</p>
              } @else if (found.total > found.items.length) {
                <p class="hint">
                  {{
                    t('moreAreas', {
                      shown: texts.count(found.items.length),
                      total: texts.count(found.total),
                    })
                  }}
                </p>
              }
            }
            @if (areas.error()) {
              <q-notice kind="error">{{ texts.problem(areas.error()) }}</q-notice>
            }
          }
          <label for="r-periods">{{ t('periods') }}</label>
          <input
            id="r-periods"
            name="periods"
            type="number"
            inputmode="numeric"
            [min]="periods.min"
            [max]="periods.max"
            aria-describedby="r-periods-hint"
            [ngModel]="form().periods"
            (ngModelChange)="set('periods', $event === null ? '' : String($event))"
          />
          <p class="hint" id="r-periods-hint">{{ t('periodsHint') }}</p>
        }
        @case ('monitoring') {
          <ng-container *ngTemplateOutlet="subjectList; context: { $implicit: subject('monitoring') }" />
        }
        @case ('programme') {
          <ng-container *ngTemplateOutlet="subjectList; context: { $implicit: subject('programme') }" />
        }
        @case ('evaluation') {
          <ng-container *ngTemplateOutlet="subjectList; context: { $implicit: subject('evaluation') }" />
        }
      }

      <div class="row">
        <q-report-output
          idPrefix="r"
          [format]="form().format"
          (formatChange)="set('format', $event)"
          [language]="form().language"
          (languageChange)="set('language', $event)"
        />
      </div>
      @if (missing(); as field) {
        <q-notice kind="error">{{ t(missingKey(field)) }}</q-notice>
      }
      <button type="submit" class="primary" [disabled]="busy()">
        {{ busy() ? t('creating') : t('createSubmit') }}
      </button>

      <!-- The subject of a report chosen from a list the form loads (index run, programme, evaluation). -->
      <ng-template #subjectList let-list>
        <label [for]="list.id">{{ list.label }}</label>
        <select
          [id]="list.id"
          [name]="list.name"
          [qChoices]="list.choices ?? []"
          [chosen]="list.value"
          (chosenChange)="set(list.field, $event)"
          required
        >
          <option value="">{{ list.choose }}</option>
        </select>
        @if (list.error) {
          <q-notice kind="error">{{ texts.problem(list.error) }}</q-notice>
        } @else if (list.choices?.length === 0) {
          <p class="hint">{{ list.none }}</p>
        }
      </ng-template>
    </form>
  `,
  styleUrl: '../reports.scss',
})
export class ReportForm {
  private readonly registry = inject(RegistryApi);
  private readonly indicators = inject(IndicatorClient);
  private readonly programmeApi = inject(ProgrammeClient);
  private readonly evaluationApi = inject(EvaluationClient);
  protected readonly session = inject(Session);
  protected readonly texts = inject(ReportsTexts);
  protected readonly t = this.texts.t;
  protected readonly String = String;
  readonly busy = input(false);
  readonly requested = output<ReportRequest>();

  protected readonly typeChoices = keyChoices(REPORT_TYPES, 'type', this.texts.tk);
  protected readonly scopeChoices = keyChoices(SCOPES, 'scope', this.texts.tk);
  protected readonly periods = PERIODS;

  /**
   * The form starts in the portal's language and at the finest level (area profiles are mostly
   * wanted for planning areas); once the session's levels are known they fill an empty level,
   * and nothing chosen here is reset by them.
   */
  protected readonly form = linkedSignal<{ language: ReportLanguage; level: string }, ReportFormState>({
    source: () => ({ language: this.texts.language(), level: finestLevelOf(this.session.levels()) ?? '' }),
    computation: (source, previous) =>
      previous
        ? { ...previous.value, level: previous.value.level || source.level }
        : { ...emptyReportForm(source.language), level: source.level },
  });
  protected readonly missing = signal<ReportFormField | null>(null);
  protected readonly search = signal('');
  private readonly query = signal('');
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  protected readonly areas = resource({
    params: () => {
      const { type, scope, level } = this.form();
      return type === 'area-profile' && scope === 'area' && level ? { level, q: this.query() } : undefined;
    },
    loader: ({ params }) => this.registry.areas({ level: params.level, q: params.q, limit: AREA_CHOICES }),
  });
  protected readonly indexRuns = this.subjectList('monitoring', () =>
    this.indicators.get('/api/indicator/index-runs'),
  );
  /** Newest first: the run a monitoring report is usually wanted for. */
  protected readonly runs = computed(() => [...(this.indexRuns.value() ?? [])].reverse());
  protected readonly programmes = this.subjectList('programme', () =>
    this.programmeApi.get('/api/programme/programmes', { query: { limit: 500 } }),
  );
  protected readonly evaluations = this.subjectList('evaluation', () =>
    this.evaluationApi.get('/api/evaluation/evaluations', { query: { limit: 200 } }),
  );

  /** Each subject list's choices once loaded (null before) and why it could not be loaded. */
  private readonly subjectChoices = computed(() => ({
    monitoring: {
      choices: this.indexRuns.value()
        ? this.runs().map((run) => ({ value: run.id, label: `${run.label} (${run.period})` }))
        : null,
      error: this.indexRuns.error(),
    },
    programme: {
      choices: this.programmes.value()?.items.map((p) => ({ value: p.id, label: p.name })) ?? null,
      error: this.programmes.error(),
    },
    evaluation: {
      choices: this.evaluations.value()?.items.map((e) => ({ value: e.id, label: e.title })) ?? null,
      error: this.evaluations.error(),
    },
  }));

  constructor() {
    // The newest run is preselected once the runs are known.
    effect(() => {
      const newest = this.runs()[0];
      if (newest && !this.form().indexRunId) this.set('indexRunId', newest.id);
    });
  }

  /** The subjects of a report type, loaded once that type is chosen (not for every form shown). */
  private subjectList<T>(type: ReportFormState['type'], loader: () => Promise<T>) {
    return resource({ params: () => (this.form().type === type ? true : undefined), loader });
  }

  protected set<K extends keyof ReportFormState>(field: K, value: ReportFormState[K]): void {
    this.form.update((form) => ({ ...form, [field]: value }));
    this.missing.set(null);
  }

  /** The area list follows the search a moment after typing stops (not one request per key). */
  protected searchChanged(value: string): void {
    this.search.set(value);
    if (this.searchTimer !== null) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.query.set(value.trim()), 250);
  }

  /** What the subject list of a report type shows (the template `subjectList` draws it). */
  protected subject(kind: SubjectKind) {
    const { field, texts } = SUBJECT_LISTS[kind];
    const [label, choose, none] = texts.map((key) => this.t(key));
    const id = FIELD_IDS[field];
    return {
      field,
      value: this.form()[field],
      id,
      name: id.slice('r-'.length),
      label,
      choose,
      none,
      ...this.subjectChoices()[kind],
    };
  }

  protected missingKey(field: ReportFormField): ReportsTextKey {
    return `missing.${field}`;
  }

  protected submit(): void {
    const result = reportRequestOf(this.form());
    if (!result.ok) {
      this.missing.set(result.field);
      document.getElementById(FIELD_IDS[result.field])?.focus();
      return;
    }
    this.requested.emit(result.request);
  }
}
