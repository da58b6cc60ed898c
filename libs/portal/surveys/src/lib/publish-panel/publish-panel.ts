import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  resource,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { finestLevelOf, RegistryApi, Session } from '@quartier/portal-data-access';
import { WAVE_NAME_MAX_LENGTH } from '@quartier/contracts/browser';
import { ChoiceSelect, featureTexts } from '@quartier/portal-ui';
import { browserTimeZone } from '@quartier/portal-ui/days';
import { BuilderTexts } from '../form-builder/builder-texts';
import {
  areaMethodOf,
  geometryParts,
  syncAreaList,
  targetAreaGeometries,
  type AreaListSync,
} from '../form-model';
import { SurveyApi, type SurveyDetail } from '../survey-api';
import { SurveyWorkspace } from '../survey-workspace';
import { SurveyTexts } from '../texts';
import { ResponseImport } from '../response-import/response-import';
import { type SurveyMessage, SurveyMessageNotice } from '../survey-message';
import { publishProblemTexts } from './publish-problems';
import { proposedWaveDays, WAVE_TEXTS_DE, WAVE_TEXTS_EN, waveRequest } from './wave-days';

/** Target areas, waves, publishing, and the links and QR codes per area. */
@Component({
  selector: 'q-publish-panel',
  imports: [SurveyMessageNotice, FormsModule, ChoiceSelect, ResponseImport],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message(); as m) {
      <q-survey-message [message]="m" />
    }
    <section aria-labelledby="targets-heading">
      <h2 id="targets-heading">{{ t('targetAreas') }} ({{ texts.count(survey().targetAreas.length) }})</h2>
      <div class="row">
        <label for="target-level">{{ t('level') }}</label>
        <select id="target-level" [qChoices]="levelChoices()" [(chosen)]="level"></select>
        <button
          type="button"
          class="secondary"
          (click)="takeAll()"
          [disabled]="!survey().editable || !candidates.value()?.length"
          data-testid="take-all-areas"
        >
          {{ t('chooseAll') }}
        </button>
        <button
          type="button"
          class="secondary"
          (click)="syncList()"
          [disabled]="!survey().editable || survey().targetAreas.length === 0"
          data-testid="sync-area-list"
        >
          {{ t('syncList') }}
        </button>
      </div>
      <ul class="areas">
        @for (area of survey().targetAreas; track area.areaId) {
          <li>
            {{ area.key }} {{ area.name }}
            <span class="muted">({{ t('population') }}: {{ texts.number(area.population, 0) }})</span>
          </li>
        }
      </ul>
    </section>

    <section aria-labelledby="waves-heading">
      <h2 id="waves-heading">{{ t('waves') }}</h2>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{{ t('waveName') }}</th>
            <th scope="col">{{ t('opensOn') }}</th>
            <th scope="col">{{ t('closesOn') }}</th>
            <th scope="col">{{ t('invitationOnly') }}</th>
            <th scope="col">{{ t('responses') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (wave of survey().waves; track wave.id) {
            <tr>
              <th scope="row">{{ wave.name }}</th>
              <td>{{ texts.date(wave.opensOn) }}</td>
              <td>{{ texts.date(wave.closesOn) }}</td>
              <td>{{ wave.invitationOnly ? '✓' : '–' }}</td>
              <td>{{ texts.count(wave.responses) }}</td>
            </tr>
          }
        </tbody>
      </table>
      @if (survey().editable) {
        <form class="wave-form" (ngSubmit)="addWave()">
          <label for="wave-name">{{ t('waveName') }}</label>
          <input
            id="wave-name"
            name="waveName"
            [(ngModel)]="waveName"
            required
            [attr.maxlength]="waveNameMax"
          />
          <label for="wave-opens">{{ t('opensOn') }}</label>
          <input id="wave-opens" name="opensOn" type="date" [(ngModel)]="opensOn" required />
          <label for="wave-closes">{{ t('closesOn') }}</label>
          <input id="wave-closes" name="closesOn" type="date" [(ngModel)]="closesOn" required />
          <div class="check-row">
            <input
              id="wave-invitation"
              name="invitationOnly"
              type="checkbox"
              [(ngModel)]="invitationOnly"
            /><label for="wave-invitation">{{ t('invitationOnly') }}</label>
          </div>
          <button type="submit" class="secondary" [disabled]="!waveName.trim() || !opensOn || !closesOn">
            {{ t('addWave') }}
          </button>
        </form>
      }
      @if (survey().editable && survey().status === 'open') {
        @if (survey().type === 'network') {
          <p>{{ t('importNetwork') }}</p>
        } @else {
          <q-response-import [survey]="survey()" />
        }
      }
    </section>

    <section aria-labelledby="status-heading">
      <h2 id="status-heading">{{ t('status') }}: {{ texts.tk('status', survey().status) }}</h2>
      @if (survey().editable) {
        @if (survey().status === 'open') {
          <button type="button" (click)="setStatus('closed')">{{ t('close') }}</button>
        } @else {
          <button type="button" (click)="setStatus('open')" data-testid="publish">
            {{ survey().status === 'draft' ? t('publish') : t('reopen') }}
          </button>
        }
      }
      @if (problems().length > 0) {
        <ul class="problems" role="alert">
          @for (p of problems(); track $index) {
            <li>{{ p }}</li>
          }
        </ul>
      }
    </section>

    @if (survey().status === 'open') {
      <section aria-labelledby="links-heading">
        <h2 id="links-heading">{{ t('links') }}</h2>
        @if (links.value(); as l) {
          <ul class="links" data-testid="survey-links">
            <li>
              <a [href]="l.survey.url" target="_blank" rel="noopener">{{ t('allAreas') }}</a>
            </li>
            @for (area of l.areas; track area.areaId) {
              <li class="link">
                <img
                  [src]="area.qrSvg"
                  [alt]="t('qrOf', { name: area.name })"
                  width="96"
                  height="96"
                  loading="lazy"
                />
                <a [href]="area.url" target="_blank" rel="noopener" [attr.data-area]="area.key"
                  >{{ area.key }} {{ area.name }}</a
                >
              </li>
            }
          </ul>
        }
      </section>
    }
  `,
  styleUrls: ['../panel-controls.css', '../panel-buttons.css'],
  styles: `
    section {
      margin: 1.5rem 0;
    }
    h2 {
      font-size: 1.2rem;
    }
    .areas {
      columns: 2 18rem;
    }
    .muted {
      color: #3c4650;
    }
    .table {
      border-collapse: collapse;
    }
    .table th,
    .table td {
      padding: 0.375rem 0.75rem;
      border-bottom: 1px solid #d0d7de;
      text-align: left;
    }
    .wave-form {
      display: grid;
      grid-template-columns: max-content minmax(10rem, 16rem);
      gap: 0.375rem 0.75rem;
      align-items: center;
      margin-top: 0.75rem;
    }
    .wave-form button,
    .check-row {
      grid-column: 1 / -1;
      justify-self: start;
    }
    .check-row {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    input,
    select {
      font: inherit;
      padding: 0.25rem 0.5rem;
      min-height: 2.25rem;
    }
    .problems {
      color: #5c1410;
    }
    .links {
      list-style: none;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
      gap: 0.75rem;
    }
    .link {
      display: flex;
      gap: 0.75rem;
      align-items: center;
    }
  `,
})
export class PublishPanel {
  private readonly api = inject(SurveyApi);
  private readonly registry = inject(RegistryApi);
  private readonly session = inject(Session);
  protected readonly texts = inject(SurveyTexts);
  protected readonly t = this.texts.t;
  private readonly bt = inject(BuilderTexts);
  private readonly waveText = featureTexts(WAVE_TEXTS_DE, WAVE_TEXTS_EN);
  protected readonly waveNameMax = WAVE_NAME_MAX_LENGTH;

  readonly survey = input.required<SurveyDetail>();
  private readonly workspace = inject(SurveyWorkspace);

  protected readonly level = linkedSignal(() => finestLevelOf(this.session.levels()) ?? '');
  protected readonly levelChoices = computed(() =>
    this.session.levels().map((l) => ({ value: l.key, label: l.name })),
  );
  protected readonly candidates = resource({
    params: () => ({ id: this.survey().id, level: this.level() }),
    loader: ({ params }) => this.api.candidateAreas(params.id, params.level),
  });
  protected readonly links = resource({
    params: () =>
      this.survey().status === 'open'
        ? { id: this.survey().id, targets: this.survey().targetAreas.length }
        : undefined,
    loader: ({ params }) => this.api.links(params.id),
  });
  protected readonly problems = signal<string[]>([]);
  protected readonly message = signal<SurveyMessage | null>(null);
  protected readonly hasForm = computed(() => this.survey().formVersion > 0);

  protected waveName = '';
  // Survey days are the platform's calendar days (the service stores submissions by them), not
  // the browser's or UTC ones; the session is loaded before any survey page opens.
  private readonly proposed = proposedWaveDays(new Date(), this.session.me()?.timeZone ?? browserTimeZone());
  protected opensOn = this.proposed.opensOn;
  protected closesOn = this.proposed.closesOn;
  protected invitationOnly = false;

  private async run(action: () => Promise<SurveyDetail>): Promise<void> {
    this.message.set(null);
    this.problems.set([]);
    try {
      this.workspace.updated(await action());
    } catch (error) {
      const body = (error as { error?: { code?: string; details?: unknown } }).error;
      if (body?.code === 'NotPublishable')
        this.problems.set(publishProblemTexts(body.details).map(({ key, params }) => this.t(key, params)));
      else this.message.set({ kind: 'error', ...this.texts.failure(error) });
    }
  }

  protected takeAll(): Promise<void> {
    return this.run(() =>
      this.api.setTargetAreas(
        this.survey().id,
        (this.candidates.value() ?? []).map((a) => a.id),
      ),
    );
  }

  protected syncList(): Promise<void> {
    return this.run(async () => {
      const current = this.hasForm()
        ? (await this.api.form(this.survey().id)).form
        : {
            settings: { formId: 'fragebogen', title: this.survey().title, defaultLanguage: 'de', extra: {} },
            children: [],
            choiceLists: [],
          };
      const sync = syncAreaList(current, this.survey().targetAreas);
      const saved = await this.api.saveForm(this.survey().id, sync.form);
      this.message.set({ kind: 'success', text: this.syncReport(sync) });
      return saved;
    });
  }

  /** The button says what it did: which list it made or refilled, for which question. */
  private syncReport(sync: AreaListSync): string {
    const params = { list: sync.list, question: sync.question, n: sync.areas };
    return [
      this.bt.t(sync.listAction === 'created' ? 'sync.created' : 'sync.updated', params),
      sync.questionAdded ? this.bt.t('sync.questionAdded', params) : '',
      sync.keptList ? this.bt.t('sync.kept', { list: sync.keptList }) : '',
    ]
      .filter((part) => part !== '')
      .join(' ');
  }

  protected async addWave(): Promise<void> {
    const checked = waveRequest({
      name: this.waveName,
      opensOn: this.opensOn,
      closesOn: this.closesOn,
      invitationOnly: this.invitationOnly,
    });
    if (!checked.ok) {
      this.problems.set([]);
      return this.message.set({ kind: 'error', text: this.waveText(checked.problem) });
    }
    return this.run(async () => {
      await this.api.addWave(this.survey().id, checked.wave);
      this.waveName = '';
      return this.api.survey(this.survey().id);
    });
  }

  protected setStatus(status: 'open' | 'closed'): Promise<void> {
    return this.run(async () => {
      if (status === 'open' && !(await this.sendGeometriesIfNeeded())) return this.survey();
      return this.api.setStatus(this.survey().id, status);
    });
  }

  /**
   * A form placing respondents by map point needs the target areas' boundaries in the survey
   * service, which reads no registry tables: the portal hands them over from the registry's
   * GeoJSON right before publishing, so they match the target areas being published.
   */
  private async sendGeometriesIfNeeded(): Promise<boolean> {
    const survey = this.survey();
    if (survey.type !== 'resident' || !this.hasForm() || survey.targetAreas.length === 0) return true;
    const { form } = await this.api.form(survey.id);
    if (areaMethodOf(form) !== 'point') return true;
    const levels = [...new Set(survey.targetAreas.map((a) => a.level))];
    // The registry filters by ancestor; a target area that is the scope area itself has none such.
    const parent = survey.targetAreas.some((a) => a.areaId === survey.scopeAreaId)
      ? undefined
      : survey.scopeAreaId;
    const collections = await Promise.all(levels.map((level) => this.registry.areaGeoJson(level, parent)));
    const { collection, missing } = targetAreaGeometries(collections, survey.targetAreas);
    if (missing.length > 0) {
      this.problems.set([this.t('geometriesMissing', { codes: missing.slice(0, 20).join(', ') })]);
      return false;
    }
    let stored = { areas: 0, missing: [] as string[] };
    for (const [i, features] of geometryParts(collection.features).entries()) {
      stored = await this.api.setAreaGeometries(
        survey.id,
        { type: 'FeatureCollection', features },
        i === 0 ? 'replace' : 'append',
      );
    }
    this.message.set({
      kind: 'success',
      text: this.t('geometriesSent', { n: this.texts.count(stored.areas) }),
    });
    return true;
  }
}
