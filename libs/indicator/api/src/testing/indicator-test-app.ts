import { startServiceTestApp, type Clock, type ServiceTestApp } from '@quartier/service-kit';
import ExcelJS from 'exceljs';
import { INDICATOR_SERVICE } from '../indicator.definition';
import type { ValueImportJob } from '../imports/value-import.job';

/** The tenant of the HTTP suites' small test city. */
export const TENANT = 'berlin-demo';

/** An import job as its API answers it (the response schema's own type, so the suites follow it). */
export type ImportJob = Pick<ValueImportJob, 'id' | 'status' | 'errorCount' | 'errors'>;

/** A catalogue entry as the HTTP suites post it (a yearly percentage unless `extra` says otherwise). */
export const indicator = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: { de: `Indikator ${code}`, en: `Indicator ${code}` },
  unit: '%',
  polarity: 'higher-is-worse',
  periodicity: 'year',
  ...extra,
});

/**
 * The indicator service over HTTP with what every resource suite starts from: a small test city
 * in `berlin-demo` (X1: X101, X102; X2: X201, X202) and Musterstadt's area N, a planner scoped to
 * X1, a viewer and an analyst, and the indicators Q1 and Q2 (Q2 with a minimum numerator of 3);
 * `clock` fixes the services' day (area versions dated after it are not current yet), `redisUrl`
 * points the cache elsewhere than the test Redis.
 */
export async function startIndicatorTestApp(
  options: { clock?: Clock; redisUrl?: string } = {},
): Promise<{ t: ServiceTestApp; ids: Record<string, string> }> {
  const t = await startServiceTestApp(INDICATOR_SERVICE, {
    runtime: { redisUrl: options.redisUrl ?? process.env['REDIS_URL'], clock: options.clock },
  });
  // A small test city (X1: X101, X102; X2: X201, X202) next to Berlin's real planning areas.
  const ids = await t.seedAreas(TENANT, [
    { code: 'X1', level: 'bezirk', name: 'Testbezirk Nord' },
    { code: 'X101', level: 'planungsraum', parent: 'X1', name: 'Nord A', population: 2000 },
    { code: 'X102', level: 'planungsraum', parent: 'X1', name: 'Nord B', population: 1000 },
    { code: 'X2', level: 'bezirk', name: 'Testbezirk Süd' },
    { code: 'X201', level: 'planungsraum', parent: 'X2', name: 'Süd A', population: 500 },
    { code: 'X202', level: 'planungsraum', parent: 'X2', name: 'Süd B', population: 500 },
  ]);
  await t.seedAreas('musterstadt', [{ code: 'N', level: 'stadtbezirk' }]);
  await t.grant(TENANT, 'planer', 'planner', ids['X1']);
  await t.grant(TENANT, 'viewer', 'viewer', null);
  await t.grant(TENANT, 'analyst', 'analyst', null);
  for (const code of ['Q1', 'Q2']) {
    const created = await t.call(
      'POST',
      '/api/indicator/indicators',
      'admin',
      indicator(code, { confidentiality: code === 'Q2' ? { minNumerator: 3 } : null }),
    );
    if (created.status !== 201)
      throw new Error(`creating ${code} answered ${created.status}: ${created.text}`);
  }
  return { t, ids };
}

/** Uploads a file as `user` and waits for its import job to end; job null when the upload was refused. */
export async function runImport(
  t: ServiceTestApp,
  format: string,
  body: string | Uint8Array,
  user = 'admin',
): Promise<{ started: Awaited<ReturnType<ServiceTestApp['call']>>; job: ImportJob | null }> {
  const started = await t.call(
    'POST',
    `/api/indicator/imports?format=${format}`,
    user,
    body,
    'application/octet-stream',
  );
  if (started.status !== 202) return { started, job: null };
  for (let i = 0; i < 400; i++) {
    const job = await t.call('GET', `/api/indicator/imports/${started.body['id']}`, user);
    if (job.body['status'] === 'succeeded' || job.body['status'] === 'failed')
      return { started, job: job.body as unknown as ImportJob };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

export async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Daten');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A JSON-stat 2.0 dataset of Q1 in 2013 over the given areas. */
export function jsonStat(
  areas: string[],
  values: (number | string | null)[],
  status?: Record<number, string>,
) {
  return {
    version: '2.0',
    class: 'dataset',
    id: ['indicator', 'area', 'period'],
    size: [1, areas.length, 1],
    role: { metric: ['indicator'], geo: ['area'], time: ['period'] },
    dimension: {
      indicator: { category: { index: ['Q1'] } },
      area: { category: { index: areas } },
      period: { category: { index: ['2013'] } },
    },
    value: values,
    ...(status ? { status } : {}),
  };
}
