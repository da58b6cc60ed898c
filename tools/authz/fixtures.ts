// Objects of the authorisation matrix that a body sampled from the OpenAPI document cannot make:
// uploads (GeoJSON areas, indicator values), objects built from others (index runs, ties) and
// objects made of other services' facts (a programme's measures, an evidence snapshot, a report).
// The owner (berlin-demo's platform admin) makes them through the public API — of the service
// under test or of its companions (companions.ts) — so the other tenant's callers can be checked
// against them like every other object (tenant-scope.ts).
import type { DataSource } from 'typeorm';
import { until } from './companions';
import type { Reply, Who } from './tenant-scope';

export interface FixtureApi {
  send(method: string, path: string, who: Who, body?: unknown): Promise<Reply>;
  /** A raw body (a file) with its content type. */
  upload(path: string, who: Who, contentType: string, body: string): Promise<Reply>;
}

/** A companion service's public API, and its database to wait for its read models. */
export interface CompanionApi extends FixtureApi {
  readonly db: DataSource;
}

export type Fixture = (
  api: FixtureApi,
  owner: Who,
  harvested: ReadonlyMap<string, string[]>,
  /** A planning area of the owner's tenant (not in the registry, which has its own). */
  area: string,
  companions: ReadonlyMap<string, CompanionApi>,
) => Promise<[string, string[]][]>;

function companion(companions: ReadonlyMap<string, CompanionApi>, service: string): CompanionApi {
  const api = companions.get(service);
  if (!api) throw new Error(`authz fixture: the ${service} service is not running beside this one`);
  return api;
}

/** A fixture's request that failed: the matrix cannot check what was not made. */
function made(reply: Reply, what: string): Reply {
  if (reply.status >= 300)
    throw new Error(`authz fixture: ${what} answered ${reply.status} ${reply.text.slice(0, 300)}`);
  return reply;
}

async function finished(api: FixtureApi, path: string, owner: Who, done: readonly string[]): Promise<Reply> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const reply = made(await api.send('GET', path, owner), path);
    const status = (reply.body as { status?: string }).status ?? '';
    if (done.includes(status)) return reply;
    if (['failed', 'cancelled', 'interrupted'].includes(status))
      throw new Error(`authz fixture: ${path} ended ${status}: ${reply.text.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`authz fixture: ${path} did not finish`);
}

/** A square of `size` degrees with its south-west corner at (lon, lat): our own geometry. */
const square = (lon: number, lat: number, size: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

const LEVEL = 'authz-bezirk';

/** One level, two generated square districts imported as GeoJSON: areas, a version, tiles, the job. */
const registry: Fixture = async (api, owner) => {
  made(
    await api.send('PUT', `/api/registry/tenants/${owner.tenant}`, owner, {
      name: owner.tenant,
      levels: [{ key: LEVEL, name: 'Bezirk', rank: 0 }],
    }),
    'tenant levels',
  );
  const features = ['01', '02'].map((code, i) => ({
    type: 'Feature',
    properties: { id: code, name: `Authz ${code}` },
    geometry: square(13.3 + i * 0.1, 52.5, 0.1),
  }));
  const job = made(
    await api.upload(
      `/api/registry/area-imports?level=${LEVEL}&validFrom=2020-01-01`,
      owner,
      'application/geo+json',
      JSON.stringify({ type: 'FeatureCollection', features }),
    ),
    'GeoJSON import',
  );
  const id = (job.body as { id: string }).id;
  await finished(api, `/api/registry/area-imports/${id}`, owner, ['succeeded']);
  return [
    ['/api/registry/area-imports', [id]],
    ['/api/registry/tiles', [LEVEL]],
    [`/api/registry/tiles/${LEVEL}`, ['0']],
    [`/api/registry/tiles/${LEVEL}/0`, ['0']],
    [`/api/registry/tiles/${LEVEL}/0/0`, ['0.pbf']],
  ];
};

/** Area codes the matrix seeds in every service but the registry (its planning areas). */
const PLANNING_AREAS = ['01011101', '02010101'];

/**
 * Two indicators with values imported as CSV, a second version of one, an index definition over
 * them and a run of it: versions, the import job, the definition and the run.
 */
const indicatorBody = (code: string, name: string) => ({
  name: { de: name },
  unit: code === 'AZEW' ? 'count' : '%',
  polarity: 'higher-is-worse',
  periodicity: 'year',
});

const indicator: Fixture = async (api, owner) => {
  for (const code of ['AZEW', 'AZS1'])
    made(
      await api.send('POST', '/api/indicator/indicators', owner, {
        code,
        ...indicatorBody(code, `Authz ${code}`),
      }),
      `indicator ${code}`,
    );
  made(
    await api.send(
      'PUT',
      '/api/indicator/indicators/AZS1',
      owner,
      indicatorBody('AZS1', 'Authz AZS1, geändert'),
    ),
    'indicator change',
  );
  // Two years: an evaluation compares the years before its start with those from it.
  const rows = PLANNING_AREAS.flatMap((area, i) =>
    ['2021', '2022'].flatMap((year) => [
      `${area},${year},AZEW,${1000 + i}`,
      `${area},${year},AZS1,${1 + 2 * i}`,
    ]),
  );
  const started = made(
    await api.upload(
      '/api/indicator/imports?format=csv',
      owner,
      'application/octet-stream',
      `area,period,indicator,value\n${rows.join('\n')}\n`,
    ),
    'value import',
  );
  const importId = (started.body as { id: string }).id;
  await finished(api, `/api/indicator/imports/${importId}`, owner, ['succeeded']);
  const definition = made(
    await api.send('POST', '/api/indicator/index-definitions', owner, {
      definition: {
        id: 'authz',
        population: 'AZEW',
        indices: [
          {
            id: 'status',
            indicators: ['AZS1'],
            classes: [
              { code: '1', label: 'hoch', upTo: 0, inclusive: true },
              { code: '2', label: 'niedrig' },
            ],
          },
        ],
      },
    }),
    'index definition',
  );
  const definitionId = (definition.body as { id: string }).id;
  const run = made(
    await api.send('POST', `/api/indicator/index-definitions/${definitionId}/runs`, owner, {
      period: '2022',
      level: 'planungsraum',
    }),
    'index run',
  );
  return [
    ['/api/indicator/indicators', ['AZS1']],
    ['/api/indicator/indicators/AZS1/versions', ['1']],
    ['/api/indicator/imports', [importId]],
    ['/api/indicator/index-definitions', [definitionId]],
    ['/api/indicator/index-runs', [(run.body as { id: string }).id]],
  ];
};

const idOf = (reply: Reply) => (reply.body as { id: string }).id;

/**
 * In the network and wave the sampled bodies made: two actors of that wave, a tie between them
 * and a metrics job over the wave.
 */
const network: Fixture = async (api, owner, harvested) => {
  const networkId = harvested.get('/api/network/networks')?.[0];
  const waveId = networkId ? harvested.get(`/api/network/networks/${networkId}/waves`)?.[0] : undefined;
  if (!networkId || !waveId) throw new Error('authz fixture: the sampled bodies made no network with a wave');
  const wave = `/api/network/networks/${networkId}/waves/${waveId}`;
  const actors: string[] = [];
  for (const name of ['Authz Verein', 'Authz Schule'])
    actors.push(
      idOf(
        made(
          await api.send('POST', `/api/network/networks/${networkId}/actors`, owner, {
            name,
            waveIds: [waveId],
          }),
          `actor ${name}`,
        ),
      ),
    );
  const tie = made(
    await api.send('POST', `${wave}/ties`, owner, { sourceActorId: actors[0], targetActorId: actors[1] }),
    'tie',
  );
  const job = made(await api.send('POST', `${wave}/metrics/jobs`, owner), 'metrics job');
  await finished(api, `/api/network/metrics-jobs/${idOf(job)}`, owner, ['done', 'succeeded']);
  return [
    [`${wave}/ties`, [idOf(tie)]],
    ['/api/network/metrics-jobs', [idOf(job)]],
  ];
};

/**
 * In the programme service, a programme with a measure; in the indicator service, indicators with
 * values (the indicator fixture). Once their events have arrived: an evaluation of an area, its
 * design over the imported indicator and a snapshot of its evidence.
 */
const evaluation: Fixture = async (api, owner, _harvested, area, companions) => {
  const programmes = companion(companions, 'programme');
  const programme = made(
    await programmes.send('POST', '/api/programme/programmes', owner, {
      name: 'Authz Programm',
      fundingPeriods: [{ from: '2020-01-01', to: '2026-12-31' }],
      budgetLines: [{ key: 'bund', label: 'Bund' }],
    }),
    'programme',
  );
  const programmeId = idOf(programme);
  made(
    await programmes.send('POST', `/api/programme/programmes/${programmeId}/measures`, owner, {
      title: 'Authz Maßnahme',
      areaIds: [area],
      responsible: { name: 'Authz Träger' },
    }),
    'measure',
  );
  await indicator(companion(companions, 'indicator'), owner, new Map(), area, companions);
  await until('the programme’s measure reaching the evaluation service', async () => {
    const reply = await api.send('GET', `/api/evaluation/programmes/${programmeId}/measures`, owner);
    return reply.status === 200 && (reply.body as { total: number }).total > 0;
  });
  await until('the indicator values reaching the evaluation service', async () => {
    const reply = await api.send('GET', '/api/evaluation/evidence-sources', owner);
    const sources = reply.body as { indicators?: { code: string }[] };
    return (sources.indicators ?? []).some((i) => i.code === 'AZS1');
  });
  const created = made(
    await api.send('POST', '/api/evaluation/evaluations', owner, {
      title: 'Authz Evaluation',
      object: { kind: 'areas', areaIds: [area] },
      startPeriod: '2022',
    }),
    'evaluation',
  );
  const path = `/api/evaluation/evaluations/${idOf(created)}`;
  made(
    await api.send('PUT', `${path}/design`, owner, { outcomes: ['AZS1'], matching: { on: ['AZS1'], k: 1 } }),
    'evaluation design',
  );
  const snapshot = made(await api.send('POST', `${path}/snapshots`, owner), 'evidence snapshot');
  return [
    ['/api/evaluation/evaluations', [idOf(created)]],
    // A criterion is a name from the catalogue, not an object: the path names the evaluation.
    [`${path}/ratings`, ['effectiveness']],
    ['/api/evaluation/programmes', [programmeId]],
    [`${path}/snapshots`, [idOf(snapshot)]],
  ];
};

/**
 * A yearly schedule of an area profile, and a report: the registry (beside this service) gets the
 * planning areas as GeoJSON, the indicator service — once the registry's events have brought it
 * those areas — indicators, values and an index run (the indicator fixture); the owner then asks
 * for the run's monitoring report, which is gathered from both over HTTP with their token.
 */
const reporting: Fixture = async (api, owner, _harvested, area, companions) => {
  const schedule = made(
    await api.send('POST', '/api/reporting/schedules', owner, {
      name: 'Authz Gebietsprofil',
      cron: '0 6 1 3 *',
      request: { type: 'area-profile', areaId: area },
    }),
    'report schedule',
  );
  const registry = companion(companions, 'registry');
  made(
    await registry.send('PUT', `/api/registry/tenants/${owner.tenant}`, owner, {
      name: owner.tenant,
      levels: [{ key: 'planungsraum', name: 'Planungsraum', rank: 0 }],
    }),
    'tenant levels',
  );
  const features = PLANNING_AREAS.map((code, i) => ({
    type: 'Feature',
    properties: { id: code, name: `Authz ${code}` },
    geometry: square(13.3 + i * 0.1, 52.5, 0.1),
  }));
  const areaImport = made(
    await registry.upload(
      '/api/registry/area-imports?level=planungsraum&validFrom=2020-01-01',
      owner,
      'application/geo+json',
      JSON.stringify({ type: 'FeatureCollection', features }),
    ),
    'GeoJSON import',
  );
  await finished(registry, `/api/registry/area-imports/${idOf(areaImport)}`, owner, ['succeeded']);
  const indicators = companion(companions, 'indicator');
  await until('the registry’s areas reaching the indicator service', async () => {
    const rows: { n: number }[] = await indicators.db.query(
      `SELECT count(*)::int AS n FROM area_ref WHERE tenant_id = $1 AND code = ANY($2)`,
      [owner.tenant, PLANNING_AREAS],
    );
    return rows[0]?.n === PLANNING_AREAS.length;
  });
  const indicatorObjects = await indicator(indicators, owner, new Map(), area, companions);
  const runId = indicatorObjects.find(([collection]) => collection === '/api/indicator/index-runs')?.[1][0];
  const report = made(
    await api.send('POST', '/api/reporting/reports', owner, {
      type: 'monitoring',
      indexRunId: runId,
      format: 'csv',
    }),
    'monitoring report',
  );
  await finished(api, `/api/reporting/reports/${idOf(report)}`, owner, ['done']);
  return [
    ['/api/reporting/schedules', [idOf(schedule)]],
    ['/api/reporting/reports', [idOf(report)]],
  ];
};

export const FIXTURES: Readonly<Record<string, Fixture>> = {
  registry,
  indicator,
  network,
  evaluation,
  reporting,
};
