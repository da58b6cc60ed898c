import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { NgComponentOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { CreateReportLink, Loaded, PageHeading, TabList, TabPanel, panelTabs } from '@quartier/portal-ui';
import { DesignPanel } from '../design/design-panel';
import { EvaluationWorkspace } from '../evaluation-workspace';
import { FindingsPanel } from '../findings/findings-panel';
import { OverviewPanel } from '../overview/overview-panel';
import { RatingsPanel } from '../ratings/ratings-panel';
import { ResultsPanel } from '../results/results-panel';
import { SnapshotPanel } from '../snapshot/snapshot-panel';
import { EvaluationTexts, type EvaluationTextKey } from '../texts';

/** Each tab's panel, in the tabs' order; every panel shows the evaluation it is given. */
const PANELS = {
  overview: OverviewPanel,
  design: DesignPanel,
  results: ResultsPanel,
  ratings: RatingsPanel,
  findings: FindingsPanel,
  snapshot: SnapshotPanel,
} as const;

/** `/evaluation/:id`: one evaluation as tabs — overview and workflow, design, results, DAC ratings, findings, evidence. */
@Component({
  selector: 'q-evaluation-page',
  imports: [PageHeading, Loaded, RouterLink, NgComponentOutlet, CreateReportLink, TabList, TabPanel],
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
  protected readonly tabs = panelTabs(PANELS, this.initialTab, (key) =>
    this.t(`tab.${key}` as EvaluationTextKey),
  );

  constructor() {
    effect(() => this.workspace.id.set(this.id()));
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
}
