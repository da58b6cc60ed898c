import type { Type } from '@nestjs/common';
import type { EventPayload, ServiceName } from '@quartier/contracts';
import type { DeliveredEvent } from '@quartier/messaging';
import type { EntityManager } from 'typeorm';
import { createReadModelHandler } from './read-model-handler';
import { copyNewValueRefs } from './value-ref-copy';

type EvidenceFact =
  | 'indicator.values.published'
  | 'indicator.index.results'
  | 'survey.results.published'
  | 'network.metrics.computed';

/**
 * One area's value of an indicator in a period, as the services that hold the evidence read
 * models select it from `indicator_value_ref` (this handler writes it from
 * `indicator.values.published`).
 */
export interface IndicatorValueRefRow {
  period: string;
  areaId: string;
  status: 'value' | 'suppressed' | 'missing';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export const EVIDENCE_FACTS: readonly EvidenceFact[] = [
  'indicator.values.published',
  'indicator.index.results',
  'survey.results.published',
  'network.metrics.computed',
];

/**
 * Keeps a service's evidence read models (see `evidenceReadModelMigration`) in step with the
 * indicator, survey and network services, in batches as `createReadModelHandler` applies them;
 * every part is stored as an upsert stores it (parts whose keys are all new by COPY, see
 * value-ref-copy.ts), so parts of one change may arrive in any order. A value import of 50,000
 * areas publishes 300 parts of 5,000 values: a few dozen transactions instead of 300. The batch
 * is bounded by bytes (messaging's 4 MiB), about nine such parts.
 */
export function createEvidenceReadModelHandler(service: ServiceName, connectionName: string): Type<unknown> {
  return createReadModelHandler(service, connectionName, {
    handlerName: 'EvidenceReadModelHandler',
    consumer: 'evidence-read-model',
    facts: EVIDENCE_FACTS,
    maxBatch: 100,
    async apply(manager, events) {
      for (const event of events) await applyEvidenceFact(manager, event);
    },
  });
}

export async function applyEvidenceFact(
  manager: EntityManager,
  event: DeliveredEvent<EvidenceFact>,
): Promise<void> {
  switch (event.type) {
    case 'indicator.values.published':
      return applyValues(manager, event.payload as EventPayload<'indicator.values.published'>);
    case 'indicator.index.results':
      return applyIndexResults(manager, event.payload as EventPayload<'indicator.index.results'>);
    case 'survey.results.published':
      return applySurveyResults(manager, event.payload as EventPayload<'survey.results.published'>);
    case 'network.metrics.computed':
      return applyNetworkMetrics(manager, event.payload as EventPayload<'network.metrics.computed'>);
  }
}

async function applyValues(
  manager: EntityManager,
  p: EventPayload<'indicator.values.published'>,
): Promise<void> {
  await manager.query(
    `INSERT INTO indicator_ref (tenant_id, code, name, unit, polarity, scale, min_numerator, definition_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (tenant_id, code) DO UPDATE SET name = EXCLUDED.name, unit = EXCLUDED.unit,
       polarity = EXCLUDED.polarity, scale = EXCLUDED.scale, min_numerator = EXCLUDED.min_numerator,
       definition_version = EXCLUDED.definition_version
     WHERE indicator_ref.definition_version <= EXCLUDED.definition_version`,
    [p.tenantId, p.indicatorCode, p.name, p.unit, p.polarity, p.scale, p.minNumerator, p.definitionVersion],
  );
  if (p.areaIds.length === 0) return;
  if (await copyNewValueRefs(manager, p)) return;
  // The columns as JSON arrays, zipped by ROWS FROM: PostgreSQL parses them in C, where node-pg
  // would escape five arrays of 5,000 elements element by element.
  await manager.query(
    `INSERT INTO indicator_value_ref (tenant_id, indicator_code, period, area_id, status, value, numerator, denominator)
     SELECT $1, $2, $3, v.area_id::uuid, v.status, v.value::float8, v.numerator::float8, v.denominator::float8
       FROM ROWS FROM (json_array_elements_text($4::json), json_array_elements_text($5::json),
                       json_array_elements_text($6::json), json_array_elements_text($7::json),
                       json_array_elements_text($8::json))
         AS v(area_id, status, value, numerator, denominator)
     ON CONFLICT (tenant_id, indicator_code, period, area_id) DO UPDATE SET status = EXCLUDED.status,
       value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator`,
    [
      p.tenantId,
      p.indicatorCode,
      p.period,
      JSON.stringify(p.areaIds),
      JSON.stringify(p.status),
      JSON.stringify(p.value),
      JSON.stringify(p.numerator),
      JSON.stringify(p.denominator),
    ],
  );
}

async function applyIndexResults(
  manager: EntityManager,
  p: EventPayload<'indicator.index.results'>,
): Promise<void> {
  await manager.query(
    `INSERT INTO index_run_ref (id, tenant_id, definition_key, label, period, level, classes)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
    [p.runId, p.tenantId, p.definitionKey, p.label, p.period, p.level, JSON.stringify(p.classes)],
  );
  if (p.areas.length === 0) return;
  await manager.query(
    `INSERT INTO index_result_ref (run_id, area_id, valid, index_values, classes)
     SELECT $1, a."areaId", a.valid, a."values", a.classes
       FROM jsonb_to_recordset($2::jsonb) AS a("areaId" uuid, valid boolean, "values" jsonb, classes jsonb)
     ON CONFLICT (run_id, area_id) DO NOTHING`,
    [p.runId, JSON.stringify(p.areas)],
  );
}

async function applySurveyResults(
  manager: EntityManager,
  p: EventPayload<'survey.results.published'>,
): Promise<void> {
  for (const item of p.items) {
    const rows = [
      ...item.values.map((v) => ({ areaId: v.areaId, suppressed: false, value: v.value, n: v.n })),
      ...item.suppressedAreaIds.map((areaId) => ({ areaId, suppressed: true, value: null, n: null })),
    ];
    if (rows.length === 0) continue;
    await manager.query(
      `INSERT INTO survey_result_ref (tenant_id, survey_id, wave_id, indicator_code, name, question, measure, period, area_id, suppressed, value, n)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, * FROM unnest($9::uuid[], $10::boolean[], $11::float8[], $12::int[])
       ON CONFLICT (tenant_id, wave_id, indicator_code, area_id) DO UPDATE SET suppressed = EXCLUDED.suppressed,
         value = EXCLUDED.value, n = EXCLUDED.n, period = EXCLUDED.period, name = EXCLUDED.name`,
      [
        p.tenantId,
        p.surveyId,
        p.waveId,
        item.indicatorCode,
        item.name,
        item.question,
        item.measure,
        p.period,
        rows.map((r) => r.areaId),
        rows.map((r) => r.suppressed),
        rows.map((r) => r.value),
        rows.map((r) => r.n),
      ],
    );
  }
}

async function applyNetworkMetrics(
  manager: EntityManager,
  p: EventPayload<'network.metrics.computed'>,
): Promise<void> {
  await manager.query(
    `INSERT INTO network_metric_ref (tenant_id, network_id, wave_id, area_key, scope, period, metrics)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, network_id, wave_id, area_key) DO UPDATE SET period = EXCLUDED.period,
       scope = EXCLUDED.scope, metrics = EXCLUDED.metrics`,
    [
      p.tenantId,
      p.networkId,
      p.waveId,
      p.areaId ?? '',
      p.scope ?? 'area',
      p.period,
      JSON.stringify(p.metrics),
    ],
  );
}
