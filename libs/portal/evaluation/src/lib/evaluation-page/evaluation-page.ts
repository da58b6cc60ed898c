import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CreateReportLink, Notice, PageHeading } from '@quartier/portal-ui';
import { DesignPanel } from '../design/design-panel';
import { EvaluationWorkspace } from '../evaluation-workspace';
import { FindingsPanel } from '../findings/findings-panel';
import { OverviewPanel } from '../overview/overview-panel';
import { RatingsPanel } from '../ratings/ratings-panel';
import { ResultsPanel } from '../results/results-panel';
import { SnapshotPanel } from '../snapshot/snapshot-panel';
import { EvaluationTexts, type EvaluationTextKey } from '../texts';

const TABS = ['overview', 'design', 'results', 'ratings', 'findings', 'snapshot'] as const;
type Tab = (typeof TABS)[number];

/** `/evaluation/:id`: one evaluation as tabs — overview and workflow, design, results, DAC ratings, findings, evidence. */
@Component({
  selector: 'q-evaluation-page',
  imports: [
    PageHeading,
    Notice,
    RouterLink,
    OverviewPanel,
    DesignPanel,
    ResultsPanel,
    RatingsPanel,
    FindingsPanel,
    SnapshotPanel,
    CreateReportLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [EvaluationWorkspace],
  templateUrl: './evaluation-page.html',
  styleUrl: './evaluation-page.scss',
})
export class EvaluationPage {
  protected readonly workspace = inject(EvaluationWorkspace);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly id = input.required<string>();
  /** `?tab=results` opens that tab. */
  readonly initialTab = input<string | undefined>(undefined, { alias: 'tab' });
  protected readonly tabs = TABS;
  protected readonly tab = signal<Tab>('overview');

  constructor() {
    effect(() => this.workspace.id.set(this.id()));
    effect(() => {
      const wanted = this.initialTab();
      if (wanted && (TABS as readonly string[]).includes(wanted)) this.tab.set(wanted as Tab);
    });
  }

  protected tabLabel(tab: Tab): EvaluationTextKey {
    return `tab.${tab}` as EvaluationTextKey;
  }

  protected intro(e: {
    object: { kind: string; programmeName: string | null; measureTitle: string | null };
    startPeriod: string;
  }): string {
    const object =
      e.object.kind === 'programme'
        ? e.object.programmeName
        : e.object.kind === 'measure'
          ? e.object.measureTitle
          : this.texts.tk('kind', 'areas');
    return [
      `${this.texts.tk('kind', e.object.kind)}: ${object ?? '–'}`,
      `${this.t('startShort')} ${e.startPeriod}`,
    ].join(' · ');
  }

  /** Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern). */
  protected keyNav(event: KeyboardEvent): void {
    const index = TABS.indexOf(this.tab());
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.tab.set(TABS[next]);
    document.getElementById(`tab-${TABS[next]}`)?.focus();
  }
}
