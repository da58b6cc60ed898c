import {
  PINNED_DATA_VERSION,
  type AreaGeometry,
  type MonitoringDataset,
  type PinnedRunIndex,
  type ProgrammeDataset,
} from '@quartier/reporting-core';
import { subjectRefusal } from '../upstream/service-client';
import {
  attainmentSchema,
  classMapSchema,
  dashboardSchema,
  impactModelSchema,
  indexRunListSchema,
  indexRunSchema,
  indicatorListSchema,
  measureListSchema,
  moversSchema,
  programmeSchema,
} from '../upstream/upstream.schemas';
import { inParallel, type Gathering } from './gathering';
import { programmeBindings } from './programme-topics';

/** Catches the subject's own refusal (another tenant's or an unknown id: 404; no right: 403). */
async function subject<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    return subjectRefusal(error, what);
  }
}

/**
 * The monitoring report of one index run: the run, its class maps per index as the reader may
 * see them, movers since the previous run of the same level, area master data and geometries.
 */
export async function gatherMonitoring(g: Gathering, indexRunId: string): Promise<MonitoringDataset> {
  const run = await subject(`index run ${indexRunId}`, () =>
    g.client.get('indicator', `/api/indicator/index-runs/${indexRunId}`, indexRunSchema),
  );
  const tenant = await g.tenant();
  const [runs, catalogue, areas] = await Promise.all([
    g.client.get('indicator', '/api/indicator/index-runs', indexRunListSchema),
    g.client.get('indicator', '/api/indicator/indicators', indicatorListSchema),
    g.areas(tenant.levels.map((l) => l.key)),
  ]);
  const ids = new Set(run.definition.indices.map((i) => i.id));
  const previous =
    runs
      .filter(
        (r) =>
          r.level === run.level && r.period < run.period && r.definition.indices.some((i) => ids.has(i.id)),
      )
      .sort((a, b) => (a.period < b.period ? -1 : 1))
      .at(-1) ?? null;
  const indices = await inParallel(
    run.definition.indices.map((index) => async (): Promise<PinnedRunIndex> => {
      const base = '/api/indicator/index-runs';
      const map = await g.client.get('indicator', `${base}/${run.id}/classes`, classMapSchema, {
        index: index.id,
      });
      const movers =
        previous && previous.definition.indices.some((i) => i.id === index.id)
          ? await g.client.get('indicator', `${base}/movers`, moversSchema, {
              from: previous.id,
              to: run.id,
              index: index.id,
            })
          : null;
      return {
        id: index.id,
        classes: Object.fromEntries(
          map.items.map((i) => [
            i.areaId,
            i.class === null ? null : { code: i.class, label: i.label ?? i.class },
          ]),
        ),
        values: Object.fromEntries(map.items.map((i) => [i.areaId, i.value])),
        movers: movers?.items ?? null,
      };
    }),
  );
  const topLevel = tenant.levels[0]?.key ?? run.level;
  const geometries = await inParallel(
    [...new Set([run.level, topLevel])].map((level) => () => g.geometry(level)),
  );
  const codes = new Set(run.definition.indices.flatMap((i) => i.indicators));
  return {
    version: PINNED_DATA_VERSION,
    kind: 'monitoring-report',
    tenant,
    areas,
    geometry: Object.assign({}, ...geometries) as Record<string, AreaGeometry>,
    run: {
      id: run.id,
      label: run.label,
      period: run.period,
      level: run.level,
      definition: run.definition,
      areaCount: run.areaCount,
      validAreaCount: run.validAreaCount,
    },
    previousRun: previous ? { id: previous.id, label: previous.label, period: previous.period } : null,
    indices,
    indicatorNames: Object.fromEntries(
      catalogue.filter((i) => codes.has(i.code)).map((i) => [i.code, i.name]),
    ),
  };
}

/** The programme report: programme, dashboard, measures, impact model and live attainment. */
export async function gatherProgramme(g: Gathering, programmeId: string): Promise<ProgrammeDataset> {
  const base = `/api/programme/programmes/${programmeId}`;
  const programme = await subject(`programme ${programmeId}`, () =>
    g.client.get('programme', base, programmeSchema),
  );
  const [tenant, dashboard, measures, model, attainment, catalogue] = await Promise.all([
    g.tenant(),
    g.client.get('programme', `${base}/dashboard`, dashboardSchema),
    g.client.get('programme', `${base}/measures`, measureListSchema, { limit: 1000 }),
    g.client.get('programme', `${base}/impact-model`, impactModelSchema),
    g.client.get('programme', `${base}/attainment`, attainmentSchema),
    g.client.get('indicator', '/api/indicator/indicators', indicatorListSchema),
  ]);
  const unitOf = (code: string | undefined) => catalogue.find((i) => i.code === code)?.unit ?? '';
  return {
    version: PINNED_DATA_VERSION,
    kind: 'programme-report',
    tenant,
    programme,
    budget: dashboard.budget.cells,
    measuresByField: dashboard.measuresByField,
    areas: dashboard.areas,
    measures: measures.items.map((m) => ({
      title: m.title,
      fieldOfAction: m.fieldOfAction,
      areas: m.areas.map((a) => ({ code: a.code, name: a.name })),
      status: m.status,
      budgetCents: m.budgetCents,
      spentCents: m.spentCents,
    })),
    impactModel: model.model.nodes.length > 0 ? { title: model.model.title, nodes: model.model.nodes } : null,
    attainment: programmeBindings(attainment, unitOf).filter((n) => n.bindings.length > 0),
  };
}
