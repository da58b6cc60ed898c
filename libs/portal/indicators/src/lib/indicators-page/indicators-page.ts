import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import { PageHeading, TabList, TabPanel, tabFromQuery } from '@quartier/portal-ui';
import { Catalogue } from '../catalogue/catalogue';
import { Explorer } from '../explorer/explorer';
import { ImportWizard } from '../import-wizard/import-wizard';
import { IndexView } from '../index-view/index-view';
import { IndicatorTexts, type IndicatorTextKey } from '../texts';

const TABS = ['explorer', 'index', 'catalogue', 'import'] as const;
type Tab = (typeof TABS)[number];
const LABELS: Record<Tab, IndicatorTextKey> = {
  explorer: 'tabExplorer',
  index: 'tabIndex',
  catalogue: 'tabCatalogue',
  import: 'tabImport',
};

/** `/indicators?tab=…`: explorer, social index, catalogue and import; the tab is in the URL. */
@Component({
  selector: 'q-indicators-page',
  imports: [PageHeading, TabList, TabPanel, Explorer, IndexView, Catalogue, ImportWizard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-page-heading [heading]="t('heading')" [intro]="t('intro')" />
    <div
      qTabList
      [label]="t('heading')"
      [tabs]="tabItems()"
      [selected]="current()"
      (selectedChange)="choose($event)"
    ></div>
    <div [qTabPanel]="current()" class="panel">
      @switch (current()) {
        @case ('explorer') {
          <q-indicator-explorer />
        }
        @case ('index') {
          <q-index-view />
        }
        @case ('catalogue') {
          <q-indicator-catalogue />
        }
        @case ('import') {
          <q-import-wizard />
        }
      }
    </div>
  `,
  styles: [
    `
      :host {
        display: block;
      }
      /* The tab bar keeps 1rem below it. */
      .panel {
        padding: 0 0 1rem;
      }
    `,
  ],
})
export class IndicatorsPage {
  private readonly router = inject(Router);
  protected readonly t = inject(IndicatorTexts).t;
  readonly tab = input<string>();
  /*
   * The URL is the source of the tab: a URL without `?tab=` (back to plain /indicators) shows the
   * explorer again rather than keeping the tab shown before.
   */
  protected readonly current = tabFromQuery(
    TABS,
    computed(() => this.tab() ?? TABS[0]),
  );
  protected readonly tabItems = computed(() => TABS.map((key) => ({ key, label: this.t(LABELS[key]) })));

  protected choose(tab: Tab): void {
    void this.router.navigate([], { queryParams: { tab }, queryParamsHandling: 'merge' });
  }
}
