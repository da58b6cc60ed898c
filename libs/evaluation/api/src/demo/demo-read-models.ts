import { pollUntil } from '@quartier/service-kit';
import type { DataSource } from 'typeorm';

/** An index run whose "very low status" areas a demo evaluates. */
export interface DemoRun {
  definitionKey: string;
  period: string;
  /** The status class evaluated (MSS: 4 = sehr niedrig). */
  statusClass: string;
  /** Only areas below this area code (Mitte: 01); null = the whole city. */
  within: string | null;
}

/** What a demo evaluation needs to have arrived in the read models before it can be computed. */
export interface DemoEvidence {
  tenant: string;
  run: DemoRun;
  /** Indicators and periods whose values must be there (the last import of the demo data). */
  indicators: readonly string[];
  periods: readonly string[];
}

/**
 * Waits until the index run's results and the indicator values of every period have reached this
 * service's read models (they arrive by events after the indicator service's seed), and stop
 * growing; throws after `timeoutMs` naming what is missing.
 */
export async function waitForEvidence(
  db: DataSource,
  evidence: DemoEvidence,
  timeoutMs: number,
): Promise<void> {
  const series = evidence.indicators.length * evidence.periods.length;
  let state: { results: number; series: number; values: number } = { results: 0, series: 0, values: 0 };
  let previous = '';
  const arrived = await pollUntil(
    async () => {
      [state] = await db.query(
        `SELECT
           (SELECT count(*)::int FROM index_result_ref r JOIN index_run_ref run ON run.id = r.run_id
             WHERE run.tenant_id = $1 AND run.definition_key = $2 AND run.period = $3) AS results,
           (SELECT count(DISTINCT (indicator_code, period))::int FROM indicator_value_ref
             WHERE tenant_id = $1 AND indicator_code = ANY($4::text[]) AND period = ANY($5::text[])) AS series,
           (SELECT count(*)::int FROM indicator_value_ref
             WHERE tenant_id = $1 AND indicator_code = ANY($4::text[]) AND period = ANY($5::text[])) AS "values"`,
        [
          evidence.tenant,
          evidence.run.definitionKey,
          evidence.run.period,
          evidence.indicators,
          evidence.periods,
        ],
      );
      const complete = state.results > 0 && state.series === series;
      const now = JSON.stringify(state);
      if (complete && now === previous) return true;
      previous = now;
      return null;
    },
    { timeoutMs, intervalMs: 1000 },
  );
  if (arrived === null)
    throw new Error(
      `demo: the evaluation read models of ${evidence.tenant} lack evidence after ${timeoutMs / 1000} s ` +
        `(${state.results} results of index run ${evidence.run.definitionKey} ${evidence.run.period}, ` +
        `${state.series} of ${series} indicator × period series)`,
    );
}

/** The valid areas of the run's latest result in the status class, below `within`, by code. */
export async function statusClassAreas(db: DataSource, tenant: string, run: DemoRun): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `WITH latest AS (
       SELECT id FROM index_run_ref WHERE tenant_id = $1 AND definition_key = $2 AND period = $3
        ORDER BY received_at DESC LIMIT 1)
     SELECT a.id FROM index_result_ref r JOIN latest ON latest.id = r.run_id JOIN area_ref a ON a.id = r.area_id
      WHERE r.valid AND r.classes->>'status' = $4 AND a.tenant_id = $1
        AND ($5::text IS NULL OR EXISTS (
              SELECT 1 FROM area_ref w WHERE w.tenant_id = $1 AND w.code = $5 AND w.id = ANY(a.path)))
      ORDER BY a.code`,
    [tenant, run.definitionKey, run.period, run.statusClass, run.within],
  );
  return rows.map((r) => r.id);
}

/**
 * The demo programme, when the programme service has published it with areas, waiting up to
 * `graceMs` for its event (it is seeded just before this service, and its events may still be
 * on their way); null when there is none.
 */
export async function demoProgramme(
  db: DataSource,
  tenant: string,
  name: string,
  graceMs: number,
): Promise<{ id: string; areaIds: string[] } | null> {
  return pollUntil(
    async () => {
      const rows: { id: string; areaIds: string[] }[] = await db.query(
        `SELECT id, area_ids AS "areaIds" FROM programme_ref WHERE tenant_id = $1 AND name = $2`,
        [tenant, name],
      );
      return rows[0] && rows[0].areaIds.length > 0 ? rows[0] : null;
    },
    { timeoutMs: graceMs, intervalMs: 500 },
  );
}

/** Whether every one of the areas has a value of the indicator in the period. */
export async function allHaveValues(
  db: DataSource,
  tenant: string,
  areaIds: readonly string[],
  indicator: string,
  period: string,
): Promise<boolean> {
  const [{ n }] = await db.query(
    `SELECT count(DISTINCT area_id)::int AS n FROM indicator_value_ref
      WHERE tenant_id = $1 AND indicator_code = $2 AND period = $3 AND status = 'value' AND area_id = ANY($4::uuid[])`,
    [tenant, indicator, period, areaIds],
  );
  return n === new Set(areaIds).size;
}
