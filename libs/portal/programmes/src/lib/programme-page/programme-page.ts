import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { NgComponentOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { CreateReportLink, Loaded, PageHeading, TabList, TabPanel, panelTabs } from '@quartier/portal-ui';
import { AllocationPanel } from '../allocation/allocation-panel';
import { AreasPanel } from '../areas/areas-panel';
import { AttainmentPanel } from '../attainment/attainment-panel';
import { BudgetPanel } from '../budget/budget-panel';
import { ImpactPanel } from '../impact/impact-panel';
import { MeasuresPanel } from '../measures/measures-panel';
import { OverviewPanel } from '../overview/overview-panel';
import { ProgrammeWorkspace } from '../programme-workspace';
import { ProgrammeTexts, type ProgrammeTextKey } from '../texts';
import { IatiLink } from './iati-link';

/** Each tab's panel, in the tabs' order; every panel shows the programme it is given. */
const PANELS = {
  overview: OverviewPanel,
  areas: AreasPanel,
  budget: BudgetPanel,
  allocation: AllocationPanel,
  measures: MeasuresPanel,
  impact: ImpactPanel,
  attainment: AttainmentPanel,
} as const;

/** `/programmes/:id`: one programme as tabs — overview, areas, budget, allocation, measures, impact model, attainment. */
@Component({
  selector: 'q-programme-page',
  imports: [
    PageHeading,
    Loaded,
    RouterLink,
    NgComponentOutlet,
    IatiLink,
    CreateReportLink,
    TabList,
    TabPanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ProgrammeWorkspace],
  template: `
    <p>
      <a routerLink="/programmes">← {{ t('back') }}</a>
    </p>
    <ng-container *qLoaded="workspace.programme; problem: workspace.problem; let p">
      <q-page-heading [heading]="p.name" [intro]="intro(p.funder, p.legalBasis, p.status)" />
      <div class="documents">
        <q-create-report-link [subject]="{ type: 'programme', programmeId: p.id }" />
        <q-iati-link [programmeId]="p.id" [name]="p.name" />
      </div>
      <p>
        <a routerLink="/evaluation" [queryParams]="{ programme: p.id }">{{ t('evaluations') }}</a>
      </p>
      <div qTabList [label]="p.name" [tabs]="tabs.items()" [(selected)]="tabs.selected"></div>
      <div [qTabPanel]="tabs.selected()">
        <ng-container *ngComponentOutlet="tabs.panels[tabs.selected()]; inputs: { programme: p }" />
      </div>
    </ng-container>
  `,
  styles: `
    .documents {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      align-items: center;
    }
  `,
})
export class ProgrammePage {
  protected readonly workspace = inject(ProgrammeWorkspace);
  protected readonly texts = inject(ProgrammeTexts);
  protected readonly t = this.texts.t;
  readonly id = input.required<string>();
  /** `?tab=measures` opens that tab (links back from a measure). */
  readonly initialTab = input<string | undefined>(undefined, { alias: 'tab' });
  protected readonly tabs = panelTabs(PANELS, this.initialTab, (key) =>
    this.t(`tab.${key}` as ProgrammeTextKey),
  );

  constructor() {
    effect(() => this.workspace.id.set(this.id()));
  }

  protected intro(funder: string, legalBasis: string, status: string): string {
    return [funder, legalBasis, this.texts.tk('status', status)].filter(Boolean).join(' · ');
  }
}
