import { BERLIN_DEMO_FILES, requireReferenceData } from '@quartier/reference-data';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fromBuffer, type Entry } from 'yauzl';
import { startPlatform, type PlatformUnderTest } from '@quartier/service-kit';

// The reporting service against the whole embedded platform with the Berlin demo: real tokens
// of the demo users, data gathered over HTTP from the owning services, files read back with
// poppler. Needs the compiled platform (`node tools/build.mjs --server`) and the Berlin
// reference data (LOR geometries, MSS tables) that the demo is seeded from.
// Every file the platform's Berlin demo reads: without one of them it seeds Musterstadt alone.
const BERLIN = requireReferenceData(BERLIN_DEMO_FILES, 9);
const describeBerlin = BERLIN ? describe : describe.skip;
const SLOW = 300_000;

interface View {
  id: string;
  status: string;
  progress: number;
  error?: { code: string; message: string };
  contentHash: string;
  fileName: string;
  contentType: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  visibility: string;
  version: number;
}

const de = (value: number, digits: number) =>
  new Intl.NumberFormat('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  );
const squash = (text: string) => text.replace(/\s+/g, ' ');

describeBerlin('reporting service on the embedded platform (Berlin demo, real tokens)', () => {
  let p: PlatformUnderTest;
  let work: string;
  const area: Record<string, { id: string; code: string; name: string; parentId: string | null }> = {};

  async function requested(user: string, body: Record<string, unknown>): Promise<string> {
    const reply = await p.call('POST', '/api/reporting/reports', user, body);
    if (reply.status !== 202)
      throw new Error(`POST ${JSON.stringify(body)}: ${reply.status} ${JSON.stringify(reply.body)}`);
    expect(reply.body).toEqual({ id: expect.any(String), status: 'queued' });
    return reply.body.id as string;
  }

  async function settled(user: string, id: string): Promise<View> {
    for (let i = 0; i < 1200; i++) {
      const view = (await p.call('GET', `/api/reporting/reports/${id}`, user)).body as View;
      if (['done', 'failed', 'cancelled'].includes(view.status)) return view;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`report ${id} did not settle`);
  }

  async function made(user: string, body: Record<string, unknown>): Promise<{ view: View; file: Buffer }> {
    const id = await requested(user, body);
    const view = await settled(user, id);
    if (view.status !== 'done') throw new Error(`report ${id}: ${view.status} ${JSON.stringify(view.error)}`);
    const file = await p.call('GET', `/api/reporting/reports/${id}/file`, user);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(view.contentType);
    return { view, file: file.bytes };
  }

  function poppler(tool: string, pdf: Buffer, ...args: string[]): string {
    const file = join(work, `${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  }

  async function zipEntries(bytes: Buffer): Promise<{ name: string; bytes: Buffer }[]> {
    return new Promise((resolve, reject) => {
      fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
        if (error || !zip) return reject(error);
        const out: { name: string; bytes: Buffer }[] = [];
        zip.on('entry', (entry: Entry) =>
          zip.openReadStream(entry, (e, stream) => {
            if (e || !stream) return reject(e);
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('end', () => {
              out.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
              zip.readEntry();
            });
          }),
        );
        zip.on('end', () => resolve(out));
        zip.readEntry();
      });
    });
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'reporting-int-'));
    p = await startPlatform({}, 'reporting_platform');
    for (const level of ['bezirk', 'planungsraum']) {
      const page = await p.call('GET', `/api/registry/areas?level=${level}&limit=1000`, 'viewer');
      for (const a of page.body.items) area[a.code] = a;
    }
  }, SLOW);
  afterAll(async () => {
    await p?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  /** A Mitte planning area with an S1 value and a social-index class in the latest MSS run. */
  async function classifiedMitteArea() {
    const runs = (await p.call('GET', '/api/indicator/index-runs', 'analyst')).body as {
      id: string;
      period: string;
    }[];
    const latest = [...runs].sort((a, b) => (a.period < b.period ? -1 : 1)).at(-1)!;
    const classes = await p.call(
      'GET',
      `/api/indicator/index-runs/${latest.id}/classes?index=combined`,
      'analyst',
    );
    const item = classes.body.items.find(
      (i: { code: string; class: string | null }) => i.code.startsWith('01') && i.class,
    );
    return { run: latest, item, area: area[item.code] };
  }

  it(
    'makes an area profile PDF whose text and numbers equal the services’ answers: tagged, fonts embedded, German file name',
    async () => {
      const { item, area: subject } = await classifiedMitteArea();
      const { view, file } = await made('analyst', {
        type: 'area-profile',
        areaId: subject.id,
        format: 'pdf',
        language: 'de',
      });
      expect(view.fileName).toBe(
        `Sozialraumprofil_${subject.code}_${subject.name.replace(/[^\p{L}\p{N}.-]+/gu, '_')}.pdf`,
      );
      expect(view.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
      const disposition = (
        await p.call('GET', `/api/reporting/reports/${view.id}/file`, 'analyst')
      ).headers.get('content-disposition');
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(view.fileName)}`);
      const info = poppler('pdfinfo', file);
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).toContain(`Title:           Sozialraumprofil ${subject.name}`);
      const fonts = poppler('pdffonts', file).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts)
        expect(line).toMatch(/DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
      const text = squash(poppler('pdftotext', file, '-layout'));
      const series = await p.call(
        'GET',
        `/api/indicator/values/series?indicator=S1&area=${subject.id}`,
        'analyst',
      );
      const points = (
        series.body.points as { period: string; status: string; value: number | null }[]
      ).filter((pt) => pt.status === 'value');
      const latest = points.at(-1)!;
      expect(text).toContain(`Wert ${latest.period}`);
      expect(text).toMatch(new RegExp(`Arbeitslosigkeit \\(SGB II\\) % / Pp\\. ${de(latest.value!, 1)} `));
      expect(text).toContain(`${item.class} (${item.label})`);
    },
    SLOW,
  );

  it(
    'pins the survey highlights the survey service publishes: its "any of" share per area, suppression kept',
    async () => {
      const surveys = await p.call('GET', '/api/survey/surveys?limit=200', 'analyst');
      const summary = surveys.body.items.find((s: { title: string }) => s.title.includes('Mitte'));
      const survey = (await p.call('GET', `/api/survey/surveys/${summary.id}`, 'analyst')).body;
      // The latest wave with released results, as the gatherer picks it.
      let results: Awaited<ReturnType<PlatformUnderTest['call']>>['body'];
      for (const wave of [...survey.waves].sort((a, b) => (a.closesOn < b.closesOn ? 1 : -1))) {
        results = (await p.call('GET', `/api/survey/surveys/${survey.id}/results?wave=${wave.id}`, 'analyst'))
          .body;
        if (results.total.respondents > 0) break;
      }
      const share = results.indicators.find((i: { measure: string }) => i.measure === 'share');
      const i = share.areas.findIndex(
        (c: { suppressed: string | null; value?: number }) => c.suppressed === null,
      );
      const subject = results.areas[i];
      const { view } = await made('analyst', { type: 'area-profile', areaId: subject.areaId, format: 'csv' });
      const [{ content }] = await p.sql<{ content: string }>(
        'SELECT d.content FROM reporting.report_dataset d JOIN reporting.report r ON r.dataset_id = d.id WHERE r.id = $1',
        [view.id],
      );
      const pinned = (typeof content === 'string' ? JSON.parse(content) : content).surveys.find(
        (s: { id: string }) => s.id === survey.id,
      );
      const item = pinned.items.find((it: { label: string }) => it.label === share.name);
      expect(item.shares[subject.areaId]).toEqual({
        share: share.areas[i].value,
        lower: share.areas[i].ci?.[0] ?? null,
        upper: share.areas[i].ci?.[1] ?? null,
      });
      expect(pinned.wave.id).toBe(results.wave.id);
      // Every pinned area is valued or suppressed exactly as the survey service publishes it.
      share.areas.forEach((cell: { suppressed: string | null; value?: number }, j: number) => {
        const areaId = results.areas[j].areaId;
        if (!(areaId in pinned.respondents)) return;
        expect(item.shares[areaId]).toEqual(
          cell.suppressed === null ? expect.objectContaining({ share: cell.value }) : 'suppressed',
        );
      });
    },
    SLOW,
  );

  it(
    'is made and downloaded by `quartier report area-profile` with the token flow of `quartier token`',
    async () => {
      const { area: subject } = await classifiedMitteArea();
      const out = join(work, 'cli.pdf');
      const cli = resolve(__dirname, '../../../../dist/server/apps/cli/src/main.js');
      execFileSync(
        process.execPath,
        [
          cli,
          'report',
          'area-profile',
          '--area',
          subject.code,
          '--url',
          p.baseUrl,
          '--user',
          'analyst',
          '--out',
          out,
        ],
        { encoding: 'utf8', timeout: 240_000, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const pdf = readFileSync(out);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(poppler('pdfinfo', pdf)).toContain(`Title:           Sozialraumprofil ${subject.name}`);
    },
    SLOW,
  );

  it(
    'names no pseudonymised actor in a viewer’s profile, while the admin’s profile of the same area names it',
    async () => {
      const networks = await p.call('GET', '/api/network/networks', 'viewer');
      const network = networks.body.items.find((n: { areaId: string }) => n.areaId === area['01'].id);
      const wave = [...network.waves].sort((a, b) => (a.observedOn < b.observedOn ? 1 : -1))[0];
      const path = `/api/network/networks/${network.id}/waves/${wave.id}/metrics`;
      type Actor = {
        id: string;
        name: string;
        areaId: string;
        identityHidden: boolean;
        betweenness: number;
        brokerage: Record<string, number> | null;
      };
      const seen = (await p.call('GET', path, 'viewer')).body.actors as Actor[];
      const named = new Map(
        ((await p.call('GET', path, 'admin')).body.actors as Actor[]).map((a) => [a.id, a]),
      );
      const broker = (a: Actor) =>
        a.betweenness > 0 && Object.entries(a.brokerage ?? {}).some(([k, v]) => k !== 'total' && v > 0);
      // A hidden actor that is among the five strongest brokers of its planning area.
      const hidden = seen.find((a) => {
        if (!a.identityHidden || !broker(a) || named.get(a.id)?.identityHidden !== false) return false;
        const rivals = seen.filter(
          (b) => b.areaId === a.areaId && broker(b) && b.betweenness > a.betweenness,
        );
        return rivals.length < 5;
      })!;
      expect(hidden).toBeDefined();
      const realName = named.get(hidden.id)!.name;
      const viewer = squash(
        poppler('pdftotext', (await made('viewer', { type: 'area-profile', areaId: hidden.areaId })).file),
      );
      const admin = squash(
        poppler('pdftotext', (await made('admin', { type: 'area-profile', areaId: hidden.areaId })).file),
      );
      expect(admin).toContain(realName);
      expect(viewer).not.toContain(realName);
      expect(viewer).toContain('ein Akteur (pseudonymisiert)');
      for (const actor of seen.filter((a) => a.identityHidden))
        expect(viewer).not.toContain(named.get(actor.id)!.name);
    },
    SLOW,
  );

  it(
    'refuses a planner outside their area scope and another tenant (404), and gives a planner’s batch only their areas',
    async () => {
      const outside = Object.values(area).find((a) => a.code.startsWith('02') && a.code.length === 8)!;
      const refused = await p.call('POST', '/api/reporting/reports', 'planer', {
        type: 'area-profile',
        areaId: outside.id,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('OutOfScope');
      const { view: own } = await made('analyst', {
        type: 'area-profile',
        areaId: area['01'].id,
        format: 'pdf',
      });
      for (const path of [`/api/reporting/reports/${own.id}`, `/api/reporting/reports/${own.id}/file`])
        expect((await p.call('GET', path, 'musterstadt-admin')).status).toBe(404);
      expect(
        (
          await p.call('POST', '/api/reporting/reports', 'musterstadt-admin', {
            type: 'area-profile',
            areaId: area['01'].id,
          })
        ).status,
      ).toBe(404);
      expect((await p.call('GET', `/api/reporting/reports/${own.id}`, 'planer')).status).toBe(404);
      const { view, file } = await made('planer', {
        type: 'area-profile',
        level: 'planungsraum',
        format: 'pdf',
      });
      expect(view.contentType).toBe('application/zip');
      const entries = await zipEntries(file);
      const mitte = Object.values(area)
        .filter((a) => a.code.length === 8 && a.code.startsWith('01'))
        .sort((a, b) => (a.code < b.code ? -1 : 1));
      // In code order, each file the profile of its own area: the render worker's helper threads
      // render every other profile, the ZIP takes them in order.
      expect(entries.map((e) => e.name)).toEqual(
        mitte.map((a) => `${a.code}_${a.name.replace(/[^\p{L}\p{N}.-]+/gu, '_')}.pdf`),
      );
      entries.forEach((entry, i) => {
        expect(entry.bytes.subarray(0, 5).toString()).toBe('%PDF-');
        const title = /^Title:\s+(.*)$/m.exec(poppler('pdfinfo', entry.bytes))?.[1];
        expect(title).toBe(`Sozialraumprofil ${mitte[i].name}`);
      });
    },
    SLOW,
  );

  it(
    'makes the monitoring report of an index run with the class counts the class map answers',
    async () => {
      const { run } = await classifiedMitteArea();
      const { file } = await made('viewer', { type: 'monitoring', indexRunId: run.id, format: 'pdf' });
      const text = squash(poppler('pdftotext', file, '-layout'));
      const map = await p.call('GET', `/api/indicator/index-runs/${run.id}/classes?index=status`, 'viewer');
      for (const cls of map.body.classes as { code: string; label: string }[]) {
        const count = map.body.items.filter((i: { class: string | null }) => i.class === cls.code).length;
        expect(text).toMatch(new RegExp(`${cls.code} ${cls.label} ${count} `));
      }
      expect(text).toContain('Methodik');
      expect(poppler('pdfinfo', file)).toMatch(/Tagged:\s+yes/);
    },
    SLOW,
  );

  it(
    'makes the programme report (SRS structure) with the dashboard’s budget, as PDF and as XLSX, DOCX and CSV',
    async () => {
      const programmes = await p.call('GET', '/api/programme/programmes', 'admin');
      const programme = programmes.body.items[0];
      const dashboard = await p.call('GET', `/api/programme/programmes/${programme.id}/dashboard`, 'admin');
      const planned = (dashboard.body.budget.cells as { planned: number }[]).reduce(
        (s, c) => s + c.planned,
        0,
      );
      const { file } = await made('admin', { type: 'programme', programmeId: programme.id, format: 'pdf' });
      const text = squash(poppler('pdftotext', file, '-layout'));
      for (const heading of [
        'Das gesellschaftliche Problem',
        'Der Lösungsansatz',
        'Ressourcen (Input)',
        'Leistungen (Output)',
        'Wirkungen (Outcome und Impact)',
        'Planung und Ausblick',
      ])
        expect(text).toContain(heading);
      expect(text).toContain(`Geplant sind ${de(planned / 100, 0)} €`);
      const xlsx = await made('admin', { type: 'programme', programmeId: programme.id, format: 'xlsx' });
      expect(xlsx.view.fileName).toMatch(/^Programmbericht_.*\.xlsx$/);
      expect(xlsx.file.subarray(0, 2).toString()).toBe('PK');
      const docx = await made('admin', {
        type: 'programme',
        programmeId: programme.id,
        format: 'docx',
        language: 'en',
      });
      expect(docx.view.fileName).toMatch(/^Programme_report_.*\.docx$/);
      const csv = await made('admin', { type: 'programme', programmeId: programme.id, format: 'csv' });
      const files = await zipEntries(csv.file);
      expect(files.map((f) => f.name)).toContain('budget.csv');
      expect(files.find((f) => f.name === 'budget.csv')!.bytes.toString('utf8')).toContain(';');
    },
    SLOW,
  );

  it(
    'pins: after a new import, regenerate gives the same numbers and update the new ones',
    async () => {
      const { area: subject } = await classifiedMitteArea();
      const series = await p.call(
        'GET',
        `/api/indicator/values/series?indicator=S1&area=${subject.id}`,
        'analyst',
      );
      const latest = (series.body.points as { period: string; status: string; value: number }[])
        .filter((pt) => pt.status === 'value')
        .at(-1)!;
      const { view: first, file } = await made('analyst', { type: 'area-profile', areaId: subject.id });
      const before = new RegExp(`Arbeitslosigkeit \\(SGB II\\) % / Pp\\. ${de(latest.value, 1)} `);
      expect(squash(poppler('pdftotext', file, '-layout'))).toMatch(before);
      const moved = Math.round((latest.value + 7.3) * 100) / 100;
      const started = await p.call(
        'POST',
        '/api/indicator/imports?format=csv',
        'admin',
        `area,period,indicator,value\n${subject.code},${latest.period},S1,${moved}\n`,
        'text/csv',
      );
      expect(started.status).toBe(202);
      for (let i = 0; i < 400; i++) {
        const job = await p.call('GET', `/api/indicator/imports/${started.body.id}`, 'admin');
        if (job.body.status === 'succeeded') break;
        expect(job.body.status).not.toBe('failed');
        await new Promise((r) => setTimeout(r, 250));
      }
      const regenerated = await p.call(
        'POST',
        `/api/reporting/reports/${first.id}/regenerate`,
        'analyst',
        {},
      );
      expect(regenerated.status).toBe(202);
      const again = await settled('analyst', regenerated.body.id);
      expect(again).toMatchObject({ status: 'done', contentHash: first.contentHash, version: 1 });
      const againText = squash(
        poppler(
          'pdftotext',
          (await p.call('GET', `/api/reporting/reports/${again.id}/file`, 'analyst')).bytes,
          '-layout',
        ),
      );
      expect(againText).toMatch(before);
      const updated = await p.call('POST', `/api/reporting/reports/${first.id}/update`, 'analyst');
      const fresh = await settled('analyst', updated.body.id);
      expect(fresh.status).toBe('done');
      expect(fresh.version).toBe(2);
      expect(fresh.contentHash).not.toBe(first.contentHash);
      const freshText = squash(
        poppler(
          'pdftotext',
          (await p.call('GET', `/api/reporting/reports/${fresh.id}/file`, 'analyst')).bytes,
          '-layout',
        ),
      );
      expect(freshText).toMatch(new RegExp(`Arbeitslosigkeit \\(SGB II\\) % / Pp\\. ${de(moved, 1)} `));
    },
    SLOW,
  );

  it(
    'cancels a running batch, and reports a job as failed when its pinned data no longer matches its hash',
    async () => {
      const id = await requested('viewer', { type: 'area-profile', level: 'planungsraum', format: 'pdf' });
      const cancelled = await p.call('DELETE', `/api/reporting/reports/${id}`, 'viewer');
      expect(cancelled.status).toBe(200);
      expect((await settled('viewer', id)).status).toBe('cancelled');
      expect((await p.call('GET', `/api/reporting/reports/${id}/file`, 'viewer')).body.code).toBe(
        'ReportNotReady',
      );

      const { view } = await made('viewer', { type: 'area-profile', areaId: area['01'].id, format: 'csv' });
      const [row] = await p.sql<{ dataset_id: string }>(
        'SELECT dataset_id FROM reporting.report WHERE id = $1',
        [view.id],
      );
      await p.sql(
        `UPDATE reporting.report_dataset SET content = replace(content, '"Mitte"', '"Mitte (geändert)"') WHERE id = $1`,
        [row.dataset_id],
      );
      const retried = await p.call('POST', `/api/reporting/reports/${view.id}/regenerate`, 'viewer', {
        format: 'pdf',
      });
      const failed = await settled('viewer', retried.body.id);
      expect(failed.status).toBe('failed');
      expect(failed.error?.code).toBe('PinnedDataCorrupt');
    },
    SLOW,
  );

  it(
    'runs a scheduled report as the tenant’s viewer account and lists it for every tenant-wide reader only',
    async () => {
      const { run } = await classifiedMitteArea();
      const created = await p.call('POST', '/api/reporting/schedules', 'admin', {
        name: 'Monitoring zum 1. März',
        cron: '0 6 1 3 *',
        request: { type: 'monitoring', indexRunId: run.id, format: 'pdf' },
      });
      expect(created.status).toBe(201);
      // No zone asked for: the platform's (QUARTIER_TIME_ZONE, Berlin by default), 06:00 there.
      expect(created.body.timezone).toBe('Europe/Berlin');
      expect(new Date(created.body.nextRunAt).getUTCMonth()).toBe(2);
      expect(new Date(created.body.nextRunAt).getUTCHours()).toBe(5);
      expect((await p.call('POST', '/api/reporting/schedules', 'viewer', created.body)).status).toBe(403);
      const ran = await p.call('POST', `/api/reporting/schedules/${created.body.id}/run`, 'admin');
      expect(ran.body.lastError).toBeNull();
      const report = await settled('analyst', ran.body.lastReportId);
      expect(report).toMatchObject({ status: 'done', createdBy: 'viewer', visibility: 'tenant' });
      const listed = (user: string) =>
        p.call('GET', `/api/reporting/reports?scheduleId=${created.body.id}`, user);
      for (const user of ['analyst', 'viewer', 'admin']) expect((await listed(user)).body.total).toBe(1);
      expect((await listed('planer')).body.total).toBe(0);
      const elsewhere = await p.call('POST', '/api/reporting/schedules', 'musterstadt-admin', {
        name: 'x',
        cron: '0 6 1 3 *',
        request: { type: 'monitoring', indexRunId: run.id },
      });
      expect(elsewhere.body.code).toBe('NoScheduleAccount');
      const badCron = await p.call('POST', '/api/reporting/schedules', 'admin', {
        name: 'x',
        cron: '61 * * * *',
        request: { type: 'monitoring', indexRunId: run.id },
      });
      expect(badCron.status).toBe(400);
      expect(badCron.body.details[0].field).toBe('cron');
    },
    SLOW,
  );

  it(
    'keeps reports as long as the tenant’s retention says, and applies a new retention to existing reports',
    async () => {
      expect((await p.call('GET', '/api/reporting/settings', 'viewer')).body).toEqual({
        retentionDays: 90,
        scheduleAccount: true,
      });
      expect((await p.call('PUT', '/api/reporting/settings', 'viewer', { retentionDays: 7 })).status).toBe(
        403,
      );
      expect((await p.call('PUT', '/api/reporting/settings', 'admin', { retentionDays: 0 })).status).toBe(
        400,
      );
      expect(
        (await p.call('PUT', '/api/reporting/settings', 'admin', { retentionDays: 30 })).body.retentionDays,
      ).toBe(30);
      const page = (await p.call('GET', '/api/reporting/reports?limit=5', 'admin')).body as {
        items: View[];
        total: number;
      };
      expect(page.total).toBeGreaterThan(0);
      for (const item of page.items)
        expect(new Date(item.expiresAt).getTime() - new Date(item.createdAt).getTime()).toBe(30 * 86_400_000);
    },
    SLOW,
  );
});
