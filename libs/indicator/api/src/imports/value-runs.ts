import type { CheckedObservation } from '@quartier/indicator-core';
import type { IndicatorRef } from '../catalogue/catalogue.service';
import { MAX_LISTED_AREAS } from '../events/changed-areas';
import { uuidBytes, ValueRowWriter } from './copy-binary';

// The fast path's rows on their way into `indicator_value`: buffered in columns (≈ 33 bytes a
// row) and written to COPY in the order of the value key (indicator, period, area), one run of
// up to `rowsPerRun` rows at a time. Files come area by area; in key order the index grows at
// a few places and each indicator-period is laid out together, and the order costs two
// counting sorts here instead of a sort of the whole file in PostgreSQL (measured for 1.5 M
// rows: 2.8 s of server CPU for a sorted COPY against 11.1 s for COPY into a temporary table
// plus `INSERT … SELECT … ORDER BY`, which also could not start before the file was read).

/** Rows per run at most: a run is written while the next one is read (two runs ≈ 35 MB at most). */
export const ROWS_PER_RUN = 500_000;
/**
 * Rows per run at least (a file read in batches of ~2,000 rows cuts a run after a batch or two
 * where the runs are smallest, at its end).
 */
export const MIN_ROWS_PER_RUN = 2_000;
/**
 * A file goes to PostgreSQL in about this many runs, and then a few smaller ones at its end. Only
 * the last run is inserted after the file has been read; everything before overlaps with reading.
 * In one run (every file under 500,000 rows before) PostgreSQL waited for the whole file and then
 * inserted it all while nothing else happened: 30,000 rows were read in ~0.12 s and then inserted
 * in ~0.15 s. More runs cost the index a little (3 runs of 500,000: 3.45 s of server CPU against
 * 3.29 s for one).
 */
export const RUNS_PER_FILE = 6;
const CHUNK_BYTES = 1 << 20;

/**
 * Rows per run for a file expected to hold `rows` observations of which `read` have been read: a
 * sixth of the file, and towards its end at most half of what is left, so the last run — the one
 * PostgreSQL inserts after the whole file has been read — is a batch or two, not a sixth.
 */
export function rowsPerRun(rows: number, read = 0): number {
  const sixth = Math.ceil(rows / RUNS_PER_FILE);
  const halfOfRest = Math.ceil((rows - read) / 2);
  return Math.min(ROWS_PER_RUN, Math.max(MIN_ROWS_PER_RUN, Math.min(sixth, halfOfRest)));
}

/** An area as the loader keys it: its id and its position in the order of ids. */
export interface AreaKey {
  id: string;
  rank: number;
}

/**
 * The tenant's area codes with their keys. Ranks follow PostgreSQL's uuid order (bytewise, i.e.
 * the order of the lowercase canonical text); each area's id is encoded once, for all its rows.
 */
export class AreaKeys {
  readonly byCode = new Map<string, AreaKey>();
  readonly bytes: Buffer[];

  constructor(codes: Iterable<readonly [string, string]>) {
    const entries = [...codes].map(([code, id]) => [code, id.toLowerCase()] as const);
    const ids = [...new Set(entries.map(([, id]) => id))].sort();
    const rankOf = new Map(ids.map((id, rank) => [id, rank]));
    for (const [code, id] of entries) this.byCode.set(code, { id, rank: rankOf.get(id) as number });
    this.bytes = ids.map(uuidBytes);
  }

  get size(): number {
    return this.bytes.length;
  }
}

type Checked = CheckedObservation<AreaKey, IndicatorRef>;

const STATUS = ['value', 'suppressed', 'missing'] as const;
const STATUS_BYTES = STATUS.map((s) => Buffer.from(s));
const STATUS_INDEX = { value: 0, suppressed: 1, missing: 2 } as const;
const NULL_VALUE = 4;
const NULL_NUMERATOR = 8;
const NULL_DENOMINATOR = 16;

/** What an import changed for one indicator, as its `indicator.values.changed` event says it. */
export interface ChangeSet {
  ref: IndicatorRef;
  periods: Set<string>;
  /** The changed areas, or none when there are more than the event lists. */
  areaIds: string[];
}

interface Group {
  indicator: IndicatorRef;
  period: string;
  /** The group's indicator id and period as COPY sends them. */
  indicatorBytes: Buffer;
  periodBytes: Buffer;
  /** Areas of the group's indicator so far (shared by its groups; up to one more than listed). */
  areas: Set<number>;
}

/** The rows of one run, in columns; `encode` writes them in key order. */
class Run {
  length = 0;
  group = new Int32Array(1 << 12);
  rank = new Int32Array(1 << 12);
  flags = new Uint8Array(1 << 12);
  numbers = new Float64Array(3 << 12);

  add(group: number, o: Checked): void {
    if (this.length === this.group.length) this.grow();
    const i = this.length++;
    this.group[i] = group;
    this.rank[i] = o.area.rank;
    let flags: number = STATUS_INDEX[o.status];
    if (o.value === null) flags |= NULL_VALUE;
    else this.numbers[3 * i] = o.value;
    if (o.numerator === null) flags |= NULL_NUMERATOR;
    else this.numbers[3 * i + 1] = o.numerator;
    if (o.denominator === null) flags |= NULL_DENOMINATOR;
    else this.numbers[3 * i + 2] = o.denominator;
    this.flags[i] = flags;
  }

  private grow(): void {
    const size = this.group.length * 2;
    const grown = <T extends Int32Array | Uint8Array | Float64Array>(a: T, n: number): T => {
      const next = new (a.constructor as new (n: number) => T)(n);
      next.set(a);
      return next;
    };
    this.group = grown(this.group, size);
    this.rank = grown(this.rank, size);
    this.flags = grown(this.flags, size);
    this.numbers = grown(this.numbers, 3 * size);
  }

  /**
   * Row positions in key order: by area rank, then (stable) by the group's place in key order —
   * two counting sorts. Null when a key repeats within the run.
   */
  order(groupOrder: Int32Array, groups: number, areas: number): Int32Array | null {
    const n = this.length;
    const byRank = new Int32Array(n);
    const starts = new Int32Array(areas + 1);
    for (let i = 0; i < n; i++) starts[this.rank[i] + 1]++;
    for (let r = 0; r < areas; r++) starts[r + 1] += starts[r];
    for (let i = 0; i < n; i++) byRank[starts[this.rank[i]]++] = i;
    const sorted = new Int32Array(n);
    const groupStarts = new Int32Array(groups + 1);
    for (let i = 0; i < n; i++) groupStarts[groupOrder[this.group[i]] + 1]++;
    for (let g = 0; g < groups; g++) groupStarts[g + 1] += groupStarts[g];
    for (let j = 0; j < n; j++) {
      const i = byRank[j];
      sorted[groupStarts[groupOrder[this.group[i]]]++] = i;
    }
    for (let j = 1; j < n; j++) {
      const a = sorted[j - 1];
      const b = sorted[j];
      if (this.group[a] === this.group[b] && this.rank[a] === this.rank[b]) return null;
    }
    return sorted;
  }
}

/** Thrown by `encode` when a run holds a key twice: the staging pass then names the lines. */
export class RepeatedKey extends Error {}

/** Buffers checked observations and encodes them run by run in key order for binary COPY. */
export class ValueRuns {
  private readonly groups: Group[] = [];
  private readonly groupIndex = new Map<IndicatorRef, Map<string, number>>();
  private readonly areasOf = new Map<IndicatorRef, Set<number>>();
  private run = new Run();
  /** When the buffered rows make a run (`rowsPerRun` of the rows the file is expected to hold). */
  runRows = ROWS_PER_RUN;

  constructor(private readonly areas: AreaKeys) {}

  add(o: Checked): void {
    let periods = this.groupIndex.get(o.indicator);
    if (!periods) this.groupIndex.set(o.indicator, (periods = new Map()));
    let group = periods.get(o.period);
    if (group === undefined) {
      group = this.groups.length;
      periods.set(o.period, group);
      this.groups.push({
        indicator: o.indicator,
        period: o.period,
        indicatorBytes: uuidBytes(o.indicator.id),
        periodBytes: Buffer.from(o.period),
        areas: this.areasOf.get(o.indicator) ?? this.areasOf.set(o.indicator, new Set()).get(o.indicator)!,
      });
    }
    const areas = this.groups[group].areas;
    if (areas.size <= MAX_LISTED_AREAS) areas.add(o.area.rank);
    this.run.add(group, o);
  }

  get full(): boolean {
    return this.run.length >= this.runRows;
  }

  get pending(): number {
    return this.run.length;
  }

  /**
   * Takes the buffered rows as a run (the next rows start a new one) and yields them as binary
   * COPY rows in key order, about a megabyte at a time. Throws RepeatedKey before yielding
   * anything when the run holds a key twice.
   */
  *take(): Generator<Buffer> {
    const run = this.run;
    this.run = new Run();
    const groups = this.groups;
    const byKey = groups
      .map((_, i) => i)
      .sort(
        (a, b) =>
          Buffer.compare(groups[a].indicatorBytes, groups[b].indicatorBytes) ||
          Buffer.compare(groups[a].periodBytes, groups[b].periodBytes),
      );
    const groupOrder = new Int32Array(groups.length);
    byKey.forEach((g, place) => (groupOrder[g] = place));
    const sorted = run.order(groupOrder, groups.length, this.areas.size);
    if (!sorted) throw new RepeatedKey();
    const writer = new ValueRowWriter();
    let next = 0;
    while (next < sorted.length) {
      next = this.encode(run, sorted, next, writer);
      yield writer.take();
    }
  }

  /**
   * Writes the run's rows from `sorted[from]` on until about a megabyte is written or the run
   * ends; returns where the next chunk starts. The row loop lives here, not in the generator:
   * V8's optimising compiler took ~40 ms (on another thread, but on the same two cores as
   * PostgreSQL) to compile the generator with the loop and everything it inlines, twice per
   * process (once while the loop ran, once for the next call).
   */
  private encode(run: Run, sorted: Int32Array, from: number, writer: ValueRowWriter): number {
    const groups = this.groups;
    const areaBytes = this.areas.bytes;
    let j = from;
    for (; j < sorted.length && writer.length < CHUNK_BYTES; j++) {
      const i = sorted[j];
      const group = groups[run.group[i]];
      const flags = run.flags[i];
      writer.row(
        group.indicatorBytes,
        areaBytes[run.rank[i]],
        group.periodBytes,
        STATUS_BYTES[flags & 3],
        flags & NULL_VALUE ? null : run.numbers[3 * i],
        flags & NULL_NUMERATOR ? null : run.numbers[3 * i + 1],
        flags & NULL_DENOMINATOR ? null : run.numbers[3 * i + 2],
        group.indicator.version,
      );
    }
    return j;
  }

  /** What the rows changed, per indicator id. */
  changes(): Map<string, ChangeSet> {
    const idOfRank = new Map([...this.areas.byCode.values()].map((a) => [a.rank, a.id]));
    const changes = new Map<string, ChangeSet>();
    for (const g of this.groups) {
      let change = changes.get(g.indicator.id);
      if (!change) {
        const areaIds =
          g.areas.size > MAX_LISTED_AREAS ? [] : [...g.areas].map((r) => idOfRank.get(r) as string);
        changes.set(g.indicator.id, (change = { ref: g.indicator, periods: new Set(), areaIds }));
      }
      change.periods.add(g.period);
    }
    return changes;
  }
}
