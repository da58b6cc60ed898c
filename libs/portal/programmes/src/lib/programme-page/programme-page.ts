import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CreateReportLink, Notice, PageHeading } from '@quartier/portal-ui';
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

const TABS = ['overview', 'areas', 'budget', 'allocation', 'measures', 'impact', 'attainment'] as const;
type Tab = (typeof TABS)[number];

/** `/programmes/:id`: one programme as tabs — overview, areas, budget, allocation, measures, impact model, attainment. */
@Component({
  selector: 'q-programme-page',
  imports: [
    PageHeading,
    Notice,
    RouterLink,
    OverviewPanel,
    AreasPanel,
    BudgetPanel,
    AllocationPanel,
    MeasuresPanel,
    ImpactPanel,
    AttainmentPanel,
    IatiLink,
    CreateReportLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ProgrammeWorkspace],
  template: `
    <p>
      <a routerLink="/programmes">← {{ t('back') }}</a>
    </p>
    @if (workspace.programme.error()) {
      <q-notice kind="error">{{ workspace.problem(workspace.programme.error()) }}</q-notice>
    } @else if (workspace.programme.value(); as p) {
      <q-page-heading [heading]="p.name" [intro]="intro(p.funder, p.legalBasis, p.status)" />
      <div class="documents">
        <q-create-report-link [subject]="{ type: 'programme', programmeId: p.id }" />
        <q-iati-link [programmeId]="p.id" [name]="p.name" />
      </div>
      <p>
        <a routerLink="/evaluation" [queryParams]="{ programme: p.id }">{{ t('evaluations') }}</a>
      </p>
      <div role="tablist" class="tabs" [attr.aria-label]="p.name">
        @for (item of tabs; track item) {
          <button
            type="button"
            role="tab"
            [id]="'tab-' + item"
            [attr.aria-selected]="tab() === item"
            [attr.aria-controls]="'panel-' + item"
            [tabindex]="tab() === item ? 0 : -1"
            (click)="tab.set(item)"
            (keydown)="keyNav($event)"
          >
            {{ t(tabLabel(item)) }}
          </button>
        }
      </div>
      <div role="tabpanel" [id]="'panel-' + tab()" [attr.aria-labelledby]="'tab-' + tab()">
        @switch (tab()) {
          @case ('overview') {
            <q-overview-panel [programme]="p" />
          }
          @case ('areas') {
            <q-areas-panel [programme]="p" />
          }
          @case ('budget') {
            <q-budget-panel [programme]="p" />
          }
          @case ('allocation') {
            <q-allocation-panel [programme]="p" />
          }
          @case ('measures') {
            <q-measures-panel [programme]="p" />
          }
          @case ('impact') {
            <q-impact-panel [programme]="p" />
          }
          @case ('attainment') {
            <q-attainment-panel [programme]="p" />
          }
        }
      </div>
    } @else {
      <p role="status">{{ t('loading') }}</p>
    }
  `,
  styles: `
    .documents {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      align-items: center;
    }
    .tabs {
      display: flex;
      flex-wrap: wrap;
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
      color: #13294b;
      border-bottom-color: #13294b;
    }
    .tabs button:focus-visible {
      outline: 3px solid #1f5fa8;
      outline-offset: 2px;
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
  protected readonly tabs = TABS;
  protected readonly tab = signal<Tab>('overview');

  constructor() {
    effect(() => this.workspace.id.set(this.id()));
    effect(() => {
      const wanted = this.initialTab();
      if (wanted && (TABS as readonly string[]).includes(wanted)) this.tab.set(wanted as Tab);
    });
  }

  protected tabLabel(tab: Tab): ProgrammeTextKey {
    return `tab.${tab}` as ProgrammeTextKey;
  }

  protected intro(funder: string, legalBasis: string, status: string): string {
    return [funder, legalBasis, this.texts.tk('status', status)].filter(Boolean).join(' · ');
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
