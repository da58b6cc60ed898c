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
import { Session } from '@quartier/portal-data-access';
import { labelledTabs, Notice, PageHeading, TabList, TabPanel } from '@quartier/portal-ui';
import { FormBuilder } from '../form-builder/form-builder';
import { IndicatorsPanel } from '../indicators-panel/indicators-panel';
import { PublishPanel } from '../publish-panel/publish-panel';
import { ResultsPanel } from '../results-panel/results-panel';
import { SurveyWorkspace } from '../survey-workspace';
import { SurveyTexts } from '../texts';

type Tab = 'form' | 'publish' | 'indicators' | 'results';
type TabLabel = 'tabForm' | 'tabPublish' | 'tabIndicators' | 'tabResults';

/**
 * `/surveys/:id`: one survey — questionnaire, publishing, indicators, results — as tabs. A viewer reads the
 * published, k-anonymous results only (the questionnaire and the links are refused to them), so
 * they see that tab alone instead of a questionnaire tab that stays empty.
 */
@Component({
  selector: 'q-survey-page',
  imports: [
    PageHeading,
    Notice,
    RouterLink,
    TabList,
    TabPanel,
    FormBuilder,
    PublishPanel,
    IndicatorsPanel,
    ResultsPanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [SurveyWorkspace],
  template: `
    <p>
      <a routerLink="/surveys">← {{ t('back') }}</a>
    </p>
    @if (survey.error()) {
      <q-notice kind="error">{{ texts.problem(survey.error()) }}</q-notice>
    } @else if ((session.me() || session.failed()) && survey.value(); as s) {
      <q-page-heading
        [heading]="s.title"
        [intro]="texts.tk('type', s.type) + ' · ' + texts.tk('status', s.status) + ' · k = ' + s.k"
      />
      <div qTabList [label]="s.title" [tabs]="tabItems()" [(selected)]="tab"></div>
      <div [qTabPanel]="tab()">
        @switch (tab()) {
          @case ('form') {
            @if (loadedForm(); as f) {
              <q-form-builder [survey]="s" [initial]="f" />
            }
          }
          @case ('publish') {
            <q-publish-panel [survey]="s" />
          }
          @case ('indicators') {
            <q-indicators-panel [survey]="s" />
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
})
export class SurveyPage {
  private readonly workspace = inject(SurveyWorkspace);
  protected readonly texts = inject(SurveyTexts);
  protected readonly t = this.texts.t;

  protected readonly session = inject(Session);
  readonly id = input.required<string>();
  /** Questionnaire and links are read by editors and analysts (docs/permissions.md). */
  private readonly designer = computed(
    () => this.session.me() !== null && this.session.hasRole('tenant-admin', 'planner', 'analyst'),
  );
  protected readonly tabs = computed<readonly { key: Tab; label: TabLabel }[]>(() =>
    this.designer()
      ? [
          { key: 'form', label: 'tabForm' },
          { key: 'publish', label: 'tabPublish' },
          { key: 'indicators', label: 'tabIndicators' },
          { key: 'results', label: 'tabResults' },
        ]
      : [{ key: 'results', label: 'tabResults' }],
  );
  /**
   * The chosen tab, kept when the list is worked out again (a new session object); the first one
   * where the chosen tab is not offered. Until the session is known the page waits (below):
   * a planner's page must not offer a viewer's one tab and then swap the list under their click.
   */
  protected readonly tab = linkedSignal<readonly { key: Tab }[], Tab>({
    source: this.tabs,
    computation: (tabs, previous) =>
      previous && tabs.some((tab) => tab.key === previous.value) ? previous.value : tabs[0].key,
  });
  protected readonly tabItems = labelledTabs(this.tabs, this.t);
  protected readonly survey = this.workspace.survey;
  protected readonly loadedForm = this.workspace.loadedForm;

  constructor() {
    effect(() => this.workspace.open(this.id()));
    effect(() => this.workspace.formReadable.set(this.designer()));
  }
}
