import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import { PageHeading } from '@quartier/portal-ui';
import { Catalogue } from '../catalogue/catalogue';
import { Explorer } from '../explorer/explorer';
import { ImportWizard } from '../import-wizard/import-wizard';
import { IndexView } from '../index-view/index-view';
import { IndicatorTexts, type IndicatorTextKey } from '../texts';

type Tab = 'explorer' | 'index' | 'catalogue' | 'import';

/** `/indicators?tab=…`: explorer, social index, catalogue and import; the tab is in the URL. */
@Component({
  selector: 'q-indicators-page',
  imports: [PageHeading, Explorer, IndexView, Catalogue, ImportWizard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-page-heading [heading]="t('heading')" [intro]="t('intro')" />
    <div role="tablist" class="tabs" [attr.aria-label]="t('heading')">
      @for (item of tabs; track item.key) {
        <button
          type="button"
          role="tab"
          [id]="'tab-' + item.key"
          [attr.aria-selected]="current() === item.key"
          [attr.aria-controls]="'panel-' + item.key"
          [class.active]="current() === item.key"
          (click)="choose(item.key)"
        >
          {{ t(item.label) }}
        </button>
      }
    </div>
    <section
      role="tabpanel"
      class="panel"
      [id]="'panel-' + current()"
      [attr.aria-labelledby]="'tab-' + current()"
    >
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
    </section>
  `,
  styles: [
    `
      :host {
        display: block;
      }
      .tabs {
        display: flex;
        gap: 0.25rem;
        border-bottom: 1px solid #c4c4c4;
      }
      .tabs button {
        border: 1px solid transparent;
        background: none;
        padding: 0.5rem 1rem;
        font: inherit;
        cursor: pointer;
        color: inherit;
      }
      .tabs button.active {
        border-color: #c4c4c4 #c4c4c4 #fff;
        background: #fff;
        font-weight: 600;
        margin-bottom: -1px;
      }
      .panel {
        padding: 1rem 0;
      }
    `,
  ],
})
export class IndicatorsPage {
  private readonly router = inject(Router);
  protected readonly t = inject(IndicatorTexts).t;
  readonly tab = input<string>();
  protected readonly tabs: readonly { key: Tab; label: IndicatorTextKey }[] = [
    { key: 'explorer', label: 'tabExplorer' },
    { key: 'index', label: 'tabIndex' },
    { key: 'catalogue', label: 'tabCatalogue' },
    { key: 'import', label: 'tabImport' },
  ];

  protected current(): Tab {
    const requested = this.tab();
    return this.tabs.some((t) => t.key === requested) ? (requested as Tab) : 'explorer';
  }

  protected choose(tab: Tab): void {
    void this.router.navigate([], { queryParams: { tab }, queryParamsHandling: 'merge' });
  }
}
