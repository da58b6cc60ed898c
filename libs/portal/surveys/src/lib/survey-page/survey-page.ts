import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Session, problemFrom } from '@quartier/portal-data-access';
import { describeProblem, I18n, Notice, PageHeading } from '@quartier/portal-ui';
import { FormBuilder } from '../form-builder/form-builder';
import { PublishPanel } from '../publish-panel/publish-panel';
import { ResultsPanel } from '../results-panel/results-panel';
import { SurveyWorkspace } from '../survey-workspace';
import { SurveyTexts } from '../texts';

type Tab = 'form' | 'publish' | 'results';

/**
 * `/surveys/:id`: one survey — questionnaire, publishing, results — as tabs. A viewer reads the
 * published, k-anonymous results only (the questionnaire and the links are refused to them), so
 * they see that tab alone instead of a questionnaire tab that stays empty.
 */
@Component({
  selector: 'q-survey-page',
  imports: [PageHeading, Notice, RouterLink, FormBuilder, PublishPanel, ResultsPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [SurveyWorkspace],
  template: `
    <p>
      <a routerLink="/surveys">← {{ t('back') }}</a>
    </p>
    @if (survey.error()) {
      <q-notice kind="error">{{ problem(survey.error()) }}</q-notice>
    } @else if (survey.value(); as s) {
      <q-page-heading
        [heading]="s.title"
        [intro]="t($any('type.' + s.type)) + ' · ' + t($any('status.' + s.status)) + ' · k = ' + s.k"
      />
      <div role="tablist" class="tabs" [attr.aria-label]="s.title">
        @for (item of tabs(); track item.key) {
          <button
            type="button"
            role="tab"
            [id]="'tab-' + item.key"
            [attr.aria-selected]="tab() === item.key"
            [attr.aria-controls]="'panel-' + item.key"
            [tabindex]="tab() === item.key ? 0 : -1"
            (click)="tab.set(item.key)"
            (keydown)="keyNav($event)"
          >
            {{ t(item.label) }}
          </button>
        }
      </div>
      <div role="tabpanel" [id]="'panel-' + tab()" [attr.aria-labelledby]="'tab-' + tab()">
        @switch (tab()) {
          @case ('form') {
            @if (loadedForm(); as f) {
              <q-form-builder [survey]="s" [initial]="f" />
            }
          }
          @case ('publish') {
            <q-publish-panel [survey]="s" />
          }
          @case ('results') {
            <q-results-panel [survey]="s" />
          }
        }
      </div>
    } @else {
      <p role="status">{{ t('loading') }}</p>
    }
  `,
  styles: `
    .tabs {
      display: flex;
      gap: 0.25rem;
      border-bottom: 2px solid #d0d7de;
      margin: 1rem 0;
    }
    .tabs button {
      font: inherit;
      font-weight: 600;
      padding: 0.5rem 1rem;
      min-height: 2.75rem;
      border: none;
      background: none;
      color: #1f5fa8;
      border-bottom: 3px solid transparent;
      cursor: pointer;
    }
    .tabs button[aria-selected='true'] {
      border-bottom-color: #1f5fa8;
      color: #1b1f24;
    }
  `,
})
export class SurveyPage {
  private readonly workspace = inject(SurveyWorkspace);
  private readonly i18n = inject(I18n);
  protected readonly texts = inject(SurveyTexts);
  protected readonly t = this.texts.t;

  private readonly session = inject(Session);
  readonly id = input.required<string>();
  /** Questionnaire and links are read by editors and analysts (docs/permissions.md). */
  private readonly designer = computed(
    () => this.session.me() !== null && this.session.hasRole('tenant-admin', 'planner', 'analyst'),
  );
  protected readonly tabs = computed<readonly { key: Tab; label: 'tabForm' | 'tabPublish' | 'tabResults' }[]>(
    () =>
      this.designer()
        ? [
            { key: 'form', label: 'tabForm' },
            { key: 'publish', label: 'tabPublish' },
            { key: 'results', label: 'tabResults' },
          ]
        : [{ key: 'results', label: 'tabResults' }],
  );
  protected readonly tab = linkedSignal<Tab>(() => this.tabs()[0].key);
  protected readonly survey = this.workspace.survey;
  protected readonly loadedForm = this.workspace.loadedForm;

  constructor() {
    effect(() => this.workspace.open(this.id()));
    effect(() => this.workspace.formReadable.set(this.designer()));
  }

  protected problem(error: unknown): string {
    return describeProblem(problemFrom(error), this.i18n.t);
  }

  /** Arrow keys move between tabs (WAI-ARIA tabs pattern). */
  protected keyNav(event: KeyboardEvent): void {
    const tabs = this.tabs();
    const index = tabs.findIndex((t) => t.key === this.tab());
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (delta === 0) return;
    const next = tabs[(index + delta + tabs.length) % tabs.length];
    this.tab.set(next.key);
    (event.currentTarget as HTMLElement).parentElement
      ?.querySelector<HTMLElement>(`#tab-${next.key}`)
      ?.focus();
  }
}
