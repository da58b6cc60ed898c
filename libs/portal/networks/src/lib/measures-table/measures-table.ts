import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { TableDownload, type TableRows } from '@quartier/portal-ui';
import type { MeasuredActor } from '../network-api';
import { ACTOR_MEASURES, type ActorMeasure } from '../omitted-measures';
import { NetworkTexts, type NetworkTextKey } from '../texts';

type Column = 'name' | 'sector' | ActorMeasure | 'community';
const NUMERIC: readonly Column[] = [...ACTOR_MEASURES, 'community'];

/** A measure the service left out, with the reason in the reader's words. */
export interface OmittedNote {
  measure: string;
  text: string;
}

/** The measures of every actor of a wave: sortable by each column, downloadable as CSV or Excel. */
@Component({
  selector: 'q-measures-table',
  imports: [TableDownload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './measures-table.html',
  styleUrl: './measures-table.scss',
})
export class MeasuresTable {
  protected readonly texts = inject(NetworkTexts);
  readonly actors = input.required<MeasuredActor[]>();
  readonly fileName = input.required<string>();
  /** Measures not computed for this wave and why: shown above the table and on its cells. */
  readonly omitted = input<readonly OmittedNote[]>([]);
  private readonly omittedText = computed(() => new Map(this.omitted().map((n) => [n.measure, n.text])));

  protected readonly columns: readonly Column[] = ['name', 'sector', ...NUMERIC];
  protected readonly sortColumn = signal<Column>('betweenness');
  protected readonly descending = signal(true);

  protected readonly rows = computed(() => {
    const column = this.sortColumn();
    const direction = this.descending() ? -1 : 1;
    return [...this.actors()].sort((a, b) => {
      const x = this.value(a, column);
      const y = this.value(b, column);
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * direction;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return String(x).localeCompare(String(y), 'de') * direction;
    });
  });

  protected heading(column: Column): string {
    return column === 'name'
      ? this.texts.t('name')
      : column === 'sector'
        ? this.texts.t('sector')
        : column === 'community'
          ? this.texts.t('community')
          : this.texts.t(column as NetworkTextKey);
  }

  protected sort(column: Column): void {
    if (this.sortColumn() === column) this.descending.update((d) => !d);
    else {
      this.sortColumn.set(column);
      this.descending.set(NUMERIC.includes(column));
    }
  }

  protected ariaSort(column: Column): 'ascending' | 'descending' | 'none' {
    return this.sortColumn() === column ? (this.descending() ? 'descending' : 'ascending') : 'none';
  }

  protected cell(actor: MeasuredActor, column: Column): string {
    const value = this.value(actor, column);
    if (column === 'sector') return this.texts.sector(actor.sector);
    if (typeof value === 'number')
      return column === 'community' ? String(value + 1) : this.texts.number(value);
    return value ?? '–';
  }

  private value(actor: MeasuredActor, column: Column): string | number | null | undefined {
    return column === 'name' ? actor.name : column === 'sector' ? actor.sector : actor[column];
  }

  /** Why a cell is empty: the measure was left out for the whole wave. */
  protected note(column: Column): string | null {
    return this.omittedText().get(column) ?? null;
  }

  /** The table as shown (sorted, translated sectors, groups counted from 1) for the downloads. */
  protected readonly table = computed<TableRows>(() => {
    const header = this.columns.map((c) => this.heading(c));
    const body = this.rows().map((a) =>
      this.columns.map((c) =>
        c === 'sector'
          ? this.texts.sector(a.sector)
          : c === 'community' && a.community !== undefined
            ? a.community + 1
            : (this.value(a, c) ?? null),
      ),
    );
    return [header, ...body];
  });
}
