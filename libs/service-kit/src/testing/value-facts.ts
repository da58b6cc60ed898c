import { PUBLISHED_VALUES_PER_PART, type EventPayload } from '@quartier/contracts';

type ValuesPublished = EventPayload<'indicator.values.published'>;

/** What a part says about its indicator (everything but the numbering and the cells). */
export type PublishedIndicator = Omit<
  ValuesPublished,
  'part' | 'parts' | 'period' | 'areaIds' | 'status' | 'value' | 'numerator' | 'denominator'
>;

/** One stored cell, as tests and benchmarks write them. */
export interface PublishedCell {
  areaId: string;
  period: string;
  status: ValuesPublished['status'][number];
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/**
 * Cells as the indicator service publishes them: a part per period (and per 5,000 areas), in
 * columns, numbered across the periods in the order they first appear.
 */
export function valueFacts(
  indicator: PublishedIndicator,
  cells: readonly PublishedCell[],
): ValuesPublished[] {
  const byPeriod = new Map<string, PublishedCell[]>();
  for (const cell of cells) {
    const list = byPeriod.get(cell.period);
    if (list) list.push(cell);
    else byPeriod.set(cell.period, [cell]);
  }
  const slices = [...byPeriod].flatMap(([period, list]) => {
    const out: { period: string; cells: PublishedCell[] }[] = [];
    for (let i = 0; i < list.length; i += PUBLISHED_VALUES_PER_PART)
      out.push({ period, cells: list.slice(i, i + PUBLISHED_VALUES_PER_PART) });
    return out;
  });
  return slices.map(({ period, cells: part }, i) => ({
    ...indicator,
    part: i + 1,
    parts: slices.length,
    period,
    areaIds: part.map((c) => c.areaId),
    status: part.map((c) => c.status),
    value: part.map((c) => c.value),
    numerator: part.map((c) => c.numerator),
    denominator: part.map((c) => c.denominator),
  }));
}
