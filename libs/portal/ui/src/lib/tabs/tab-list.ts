import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  ElementRef,
  computed,
  inject,
  input,
  linkedSignal,
  model,
  type Signal,
  type Type,
  type WritableSignal,
} from '@angular/core';
import { tabIndexAfterKey } from './tab-keys';

export interface TabItem<K extends string = string> {
  readonly key: K;
  /** The tab's text, already translated. */
  readonly label: string;
}

/**
 * The tab bar of a page shown as tabs (WAI-ARIA tabs pattern). The host element is the
 * `role="tablist"`; each tab is a button `tab-<key>` that controls the panel `panel-<key>`, which
 * the page renders with `qTabPanel`. Only the selected tab is in the tab order; the arrow keys,
 * Home and End move between the tabs.
 */
@Component({
  selector: 'div[qTabList]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'tablist', class: 'tabs', '[attr.aria-label]': 'label()' },
  template: `
    @for (item of tabs(); track item.key) {
      <button
        type="button"
        role="tab"
        [id]="'tab-' + item.key"
        [attr.aria-selected]="selected() === item.key"
        [attr.aria-controls]="'panel-' + item.key"
        [tabindex]="selected() === item.key ? 0 : -1"
        (click)="selected.set(item.key)"
        (keydown)="keyNav($event)"
      >
        {{ item.label }}
      </button>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      border-bottom: 2px solid #d0d7de;
      margin: 1rem 0;
    }
    button {
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
    button[aria-selected='true'] {
      color: #13294b;
      border-bottom-color: #13294b;
    }
    button:focus-visible {
      outline: 3px solid #1f5fa8;
      outline-offset: 2px;
    }
  `,
})
export class TabList<K extends string> {
  readonly tabs = input.required<readonly TabItem<K>[]>();
  readonly selected = model.required<K>();
  /** The accessible name of the tab list (usually the page's heading). */
  readonly label = input.required<string>();
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected keyNav(event: KeyboardEvent): void {
    const tabs = this.tabs();
    const index = tabs.findIndex((tab) => tab.key === this.selected());
    const next = tabIndexAfterKey(event.key, index, tabs.length);
    if (next === null) return;
    event.preventDefault();
    this.selected.set(tabs[next].key);
    this.host.nativeElement.querySelector<HTMLElement>(`#tab-${tabs[next].key}`)?.focus();
  }
}

/** The panel of the selected tab of a `qTabList`: `panel-<key>`, named by its tab. */
@Directive({
  selector: 'div[qTabPanel]',
  host: {
    role: 'tabpanel',
    '[id]': '"panel-" + qTabPanel()',
    '[attr.aria-labelledby]': '"tab-" + qTabPanel()',
  },
})
export class TabPanel {
  /** The selected tab's key. */
  readonly qTabPanel = input.required<string>();
}

/**
 * The selected tab of a page whose URL may name one (`?tab=results`): the first tab, or the one
 * the query parameter names once it names one of the page's tabs.
 */
export function tabFromQuery<K extends string>(
  keys: readonly K[],
  wanted: Signal<string | undefined>,
): WritableSignal<K> {
  return linkedSignal<string | undefined, K>({
    source: wanted,
    computation: (tab, previous) =>
      tab !== undefined && (keys as readonly string[]).includes(tab)
        ? (tab as K)
        : (previous?.value ?? keys[0]),
  });
}

/** A page's tabs, each key with the text key of its label, as the tab bar's items in the reader's language. */
export function labelledTabs<K extends string, L extends string>(
  tabs: () => readonly { readonly key: K; readonly label: L }[],
  t: (label: L) => string,
): Signal<TabItem<K>[]> {
  return computed(() => tabs().map(({ key, label }) => ({ key, label: t(label) })));
}

/**
 * The tabs of a page that shows one panel component per tab, in the panels' order: the selected
 * tab (`?tab=` may name the first one shown), the tab bar's items and each tab's panel.
 */
export function panelTabs<K extends string>(
  panels: Readonly<Record<K, Type<unknown>>>,
  wanted: Signal<string | undefined>,
  label: (key: K) => string,
) {
  const keys = Object.keys(panels) as K[];
  return {
    selected: tabFromQuery(keys, wanted),
    items: computed((): TabItem<K>[] => keys.map((key) => ({ key, label: label(key) }))),
    panels,
  };
}
