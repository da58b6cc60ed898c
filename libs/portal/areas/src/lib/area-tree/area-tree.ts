import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  type AreaLevel,
  type AreaSummary,
  RegistryApi,
  byAreaCode,
  finestLevelOf,
  levelName,
  problemFrom,
} from '@quartier/portal-data-access';
import { I18n, KEEP_FOCUS_STATE, describeProblem } from '@quartier/portal-ui';

type Children =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly areas: readonly AreaSummary[] }
  | { readonly state: 'error'; readonly message: string };

const ROOT = 'root';

/**
 * The area hierarchy as nested lists of links with disclosure buttons: every level loads its
 * children on first expansion (`?parent=`), and everything works with Tab/Enter/Space and is
 * read correctly by screen readers (aria-expanded, aria-current) without a custom key model.
 */
@Component({
  selector: 'q-area-tree',
  imports: [NgTemplateOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './area-tree.html',
  styleUrl: './area-tree.scss',
})
export class AreaTree {
  private readonly api = inject(RegistryApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly formatNumber = this.i18n.formatNumber;
  protected readonly keepFocus = KEEP_FOCUS_STATE;

  readonly levels = input.required<readonly AreaLevel[]>();
  readonly selectedId = input<string | null>(null);
  /** Ancestors of the selected area (root first): expanded so the selection is visible in the tree. */
  readonly revealPath = input<readonly string[]>([]);
  readonly mapLevel = input<string | null>(null);

  private readonly children = signal<ReadonlyMap<string, Children>>(new Map());
  private readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly roots = computed(() => this.children().get(ROOT) ?? { state: 'loading' as const });
  private readonly finestLevel = computed(() => finestLevelOf(this.levels()));

  constructor() {
    void this.load(ROOT);
    effect(() => {
      const path = this.revealPath();
      untracked(() => path.forEach((id) => this.expand(id)));
    });
  }

  protected childrenOf(id: string): Children | undefined {
    return this.children().get(id);
  }

  protected isExpanded(id: string): boolean {
    return this.expanded().has(id);
  }

  protected hasChildren(area: AreaSummary): boolean {
    return area.level !== this.finestLevel();
  }

  protected levelName(key: string): string {
    return levelName(this.levels(), key);
  }

  protected toggle(area: AreaSummary): void {
    if (this.isExpanded(area.id)) {
      this.expanded.update((set) => {
        const next = new Set(set);
        next.delete(area.id);
        return next;
      });
    } else {
      this.expand(area.id);
    }
  }

  /** The summary of an area the tree has loaded (reactive: reading it tracks the tree's data). */
  summaryOf(id: string): AreaSummary | null {
    for (const entry of this.children().values()) {
      const area = entry.state === 'loaded' ? entry.areas.find((a) => a.id === id) : undefined;
      if (area) return area;
    }
    return null;
  }

  /** Replaces an area after an edit, wherever the tree shows it. */
  updateArea(updated: AreaSummary): void {
    this.children.update((map) => {
      const next = new Map(map);
      for (const [parent, entry] of map) {
        if (entry.state === 'loaded' && entry.areas.some((a) => a.id === updated.id)) {
          next.set(parent, {
            state: 'loaded',
            areas: entry.areas.map((a) => (a.id === updated.id ? { ...a, ...updated } : a)),
          });
        }
      }
      return next;
    });
  }

  private expand(id: string): void {
    this.expanded.update((set) => new Set(set).add(id));
    const current = this.children().get(id);
    if (!current || current.state === 'error') void this.load(id);
  }

  private async load(parent: string): Promise<void> {
    this.setChildren(parent, { state: 'loading' });
    try {
      // 1000 is the API's page maximum; no level of a city has more children under one parent.
      const page = await this.api.areas({ parent, limit: 1000 });
      const areas = [...page.items].sort(byAreaCode);
      this.setChildren(parent, { state: 'loaded', areas });
    } catch (error) {
      this.setChildren(parent, { state: 'error', message: describeProblem(problemFrom(error), this.t) });
    }
  }

  protected retry(parent: string): void {
    void this.load(parent);
  }

  private setChildren(parent: string, value: Children): void {
    this.children.update((map) => new Map(map).set(parent, value));
  }
}
