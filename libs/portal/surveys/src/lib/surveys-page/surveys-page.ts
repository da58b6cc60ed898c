import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { SURVEY_K } from '@quartier/contracts/browser';
import { RegistryApi, Session } from '@quartier/portal-data-access';
import {
  CreateSection,
  districtAreas,
  featureTexts,
  Loaded,
  PageHeading,
  Submission,
} from '@quartier/portal-ui';
import { SurveyApi } from '../survey-api';
import { SurveyTexts } from '../texts';
import { SURVEY_K_TEXTS_DE, SURVEY_K_TEXTS_EN, surveyK } from './survey-k';

/** `/surveys`: the surveys within the caller's scope, and creating one (editors). */
@Component({
  selector: 'q-surveys-page',
  imports: [PageHeading, Loaded, CreateSection, RouterLink, FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-page-heading [heading]="t('heading')" [intro]="t('intro')" />
    <ng-container *qLoaded="surveys; problem: texts.problem; empty: t('none'); let list">
      <table class="table" data-testid="survey-list">
        <thead>
          <tr>
            <th scope="col">{{ t('title') }}</th>
            <th scope="col">{{ t('type') }}</th>
            <th scope="col">{{ t('status') }}</th>
            <th scope="col">k</th>
            <th scope="col">{{ t('updated') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (survey of list.items; track survey.id) {
            <tr>
              <th scope="row">
                <a [routerLink]="[survey.id]">{{ survey.title }}</a>
              </th>
              <td>{{ texts.tk('type', survey.type) }}</td>
              <td>
                <span class="status" [class]="'status status--' + survey.status">{{
                  texts.tk('status', survey.status)
                }}</span>
              </td>
              <td>{{ survey.k }}</td>
              <td>{{ texts.date(survey.updatedAt) }}</td>
            </tr>
          }
        </tbody>
      </table>
    </ng-container>

    @if (canCreate()) {
      <section qCreateSection [heading]="t('create')" [error]="submission.error()">
        <form (ngSubmit)="create()" class="create-form">
          <label for="survey-title">{{ t('title') }}</label>
          <input id="survey-title" name="title" [(ngModel)]="title" required maxlength="200" />
          <label for="survey-type">{{ t('type') }}</label>
          <select id="survey-type" name="type" [(ngModel)]="type">
            <option value="resident">{{ t('type.resident') }}</option>
            <option value="network">{{ t('type.network') }}</option>
          </select>
          <label for="survey-scope">{{ t('scopeArea') }}</label>
          <select id="survey-scope" name="scope" [(ngModel)]="scopeAreaId" required>
            <option value="" disabled>–</option>
            @for (area of scopeAreas.value() ?? []; track area.id) {
              <option [value]="area.id">{{ area.code }} {{ area.name }}</option>
            }
          </select>
          <label for="survey-k">{{ t('k') }}</label>
          <input
            id="survey-k"
            name="k"
            type="number"
            step="1"
            [attr.min]="kBounds.min"
            [attr.max]="kBounds.max"
            [(ngModel)]="k"
          />
          <button type="submit" [disabled]="submission.busy() || !title.trim() || !scopeAreaId">
            {{ t('createSubmit') }}
          </button>
        </form>
      </section>
    }
  `,
  styles: `
    .table {
      border-collapse: collapse;
      width: 100%;
      margin: 1rem 0;
    }
    .table th,
    .table td {
      text-align: left;
      padding: 0.5rem;
      border-bottom: 1px solid #d0d7de;
    }
    .status {
      padding: 0.125rem 0.5rem;
      border-radius: 999px;
      background: #eef1f4;
      color: #1b1f24;
    }
    .status--open {
      background: #e3f4e8;
      color: #0f3d1a;
    }
    .status--closed {
      background: #f3e8e8;
      color: #5c1410;
    }
    .create {
      margin-top: 2rem;
      max-width: 32rem;
    }
    .create-form {
      display: grid;
      gap: 0.375rem;
    }
    .create-form label {
      font-weight: 600;
      margin-top: 0.5rem;
    }
    .create-form input,
    .create-form select {
      min-height: 2.5rem;
      font: inherit;
      padding: 0.25rem 0.5rem;
    }
    .create-form button {
      margin-top: 1rem;
      justify-self: start;
      min-height: 2.75rem;
      padding: 0 1.25rem;
      font: inherit;
      font-weight: 600;
    }
  `,
})
export class SurveysPage {
  private readonly api = inject(SurveyApi);
  private readonly registry = inject(RegistryApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly texts = inject(SurveyTexts);
  protected readonly t = this.texts.t;

  protected readonly surveys = resource({ loader: () => this.api.surveys() });
  protected readonly canCreate = computed(() =>
    this.session.hasRole('tenant-admin', 'planner', 'platform-admin'),
  );
  /** Areas the caller may own a survey for: the editable ones of the two top levels. */
  protected readonly scopeAreas = districtAreas(
    this.session.levels,
    (level) => this.registry.areas({ level, limit: 500 }),
    (area) => area.editable,
  );

  protected title = '';
  protected type: 'resident' | 'network' = 'resident';
  protected scopeAreaId = '';
  protected readonly kBounds = SURVEY_K;
  protected k: number | null = SURVEY_K.default;
  protected readonly submission = new Submission(this.texts.problem);
  private readonly kText = featureTexts(SURVEY_K_TEXTS_DE, SURVEY_K_TEXTS_EN);

  protected async create(): Promise<void> {
    const k = surveyK(this.k);
    if (k === null) return this.submission.error.set(this.kText('k.invalid'));
    await this.submission.run(async () => {
      const survey = await this.api.create({
        title: this.title.trim(),
        type: this.type,
        scopeAreaId: this.scopeAreaId,
        k,
      });
      await this.router.navigate(['/surveys', survey.id]);
    });
  }
}
