import { BERLIN_DEMO_FILES, requireReferenceData } from '@quartier/reference-data';
import { startPlatform, type PlatformUnderTest } from '@quartier/service-kit';
import ExcelJS from 'exceljs';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// The evaluation report against the whole embedded platform with the Berlin demo: the demo's
// finalised evaluation of the demo programme, read from the evaluation service with the
// reader's token; the PDF read back with poppler must show the numbers and ratings the
// evaluation API answers. Needs the compiled platform (`node tools/build.mjs --server`) and the
// Berlin reference data the demo is seeded from.
// Every file the platform's Berlin demo reads: without one of them it seeds Musterstadt alone.
const BERLIN = requireReferenceData(BERLIN_DEMO_FILES, 9);
const describeBerlin = BERLIN ? describe : describe.skip;
const SLOW = 300_000;
const run = promisify(execFile);

interface View {
  id: string;
  status: string;
  error?: { code: string; message: string };
  contentHash: string;
  fileName: string;
  contentType: string;
}

interface Evaluation {
  id: string;
  title: string;
  status: string;
  object: { kind: string; programmeName: string | null };
  ratings: { criterion: string; rating: number; justification: string }[];
  snapshot: { id: string; hash: string } | null;
}

type Did = { estimate: number; ci95: [number, number]; observations: number } | { error: unknown };
type EventStudy =
  | { points: { period: string; relative: number; reference: boolean; estimate: number; ci95: number[] }[] }
  | { error: unknown };

interface Results {
  source: string;
  evidenceHash: string;
  snapshot: { id: string; hash: string } | null;
  indicators: { code: string; name: string }[];
  numbers: { outcomes: { indicator: string; did: Did; eventStudy: EventStudy }[] };
}

interface Criteria {
  criteria: { code: string; label: { de: string; en: string } }[];
  scale: { code: number; label: { de: string; en: string } }[];
}

const de = (value: number, digits: number, signed = false) =>
  new Intl.NumberFormat('de-DE', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(value);
// pdftotext breaks lines where the PDF does, also after a hyphen ("Differenz-von-|Differenzen").
const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/- (?=\p{L})/gu, '-');

describeBerlin('evaluation report on the embedded platform (Berlin demo, real tokens)', () => {
  let p: PlatformUnderTest;
  let work: string;
  let evaluation: Evaluation;
  let results: Results;
  let criteria: Criteria;

  async function requested(user: string, body: Record<string, unknown>): Promise<string> {
    const reply = await p.call('POST', '/api/reporting/reports', user, body);
    if (reply.status !== 202)
      throw new Error(`POST ${JSON.stringify(body)}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.id as string;
  }

  async function made(user: string, body: Record<string, unknown>): Promise<{ view: View; file: Buffer }> {
    const id = await requested(user, body);
    for (let i = 0; i < 1200; i++) {
      const view = (await p.call('GET', `/api/reporting/reports/${id}`, user)).body as View;
      if (view.status === 'done') {
        const file = await p.call('GET', `/api/reporting/reports/${id}/file`, user);
        expect(file.status).toBe(200);
        expect(file.headers.get('content-type')).toBe(view.contentType);
        return { view, file: file.bytes };
      }
      if (view.status === 'failed' || view.status === 'cancelled')
        throw new Error(`report ${id}: ${view.status} ${JSON.stringify(view.error)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`report ${id} did not settle`);
  }

  function poppler(tool: string, pdf: Buffer, ...args: string[]): string {
    const file = join(work, `${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'reporting-evaluation-int-'));
    p = await startPlatform({}, 'reporting_evaluation');
    const list = await p.call('GET', '/api/evaluation/evaluations?status=final', 'evaluator');
    evaluation = (list.body.items as Evaluation[])[0];
    results = (await p.call('GET', `/api/evaluation/evaluations/${evaluation.id}/results`, 'evaluator'))
      .body as Results;
    criteria = (await p.call('GET', '/api/evaluation/criteria', 'evaluator')).body as Criteria;
  }, SLOW);
  afterAll(async () => {
    await p?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it(
    'makes the final evaluation’s PDF with the DiD estimates, intervals and DAC ratings the evaluation API answers, from its snapshot',
    async () => {
      // The demo evaluates the demo programme (or, without it, Mitte's status-4 areas) and
      // finalises one evaluation with all six criteria rated and a snapshot.
      expect(evaluation).toBeDefined();
      expect(evaluation.ratings).toHaveLength(6);
      expect(results.source).toBe('snapshot');
      const estimated = results.numbers.outcomes.filter(
        (o): o is typeof o & { did: Exclude<Did, { error: unknown }> } => !('error' in o.did),
      );
      expect(estimated.length).toBeGreaterThan(0);

      const { view, file } = await made('programm', {
        type: 'evaluation',
        evaluationId: evaluation.id,
        format: 'pdf',
      });
      expect(view.fileName).toMatch(/^Evaluationsbericht_.*\.pdf$/);
      const info = poppler('pdfinfo', file);
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).toContain(`Title:           Evaluationsbericht ${evaluation.title}`);
      const text = squash(poppler('pdftotext', file, '-layout'));
      // Content-stream order keeps each table cell's lines together.
      const raw = squash(poppler('pdftotext', file, '-raw'));
      for (const heading of [
        'Gegenstand und Fragen',
        'Design',
        'Förder- und Vergleichsgebiete',
        'Ergebnisse',
        'Bewertung nach den DAC-Kriterien',
        'Befunde',
        'Empfehlungen',
        'Datengrundlage',
      ])
        expect(text).toContain(squash(heading));
      for (const outcome of estimated) {
        const { estimate, ci95, observations } = outcome.did;
        expect(text).toContain(
          `Differenz-von-Differenzen: ${de(estimate, 2, true)} Pp. (95-%-Konfidenzintervall ` +
            `${de(ci95[0], 2, true)} bis ${de(ci95[1], 2, true)}; `,
        );
        expect(text).toContain(`${de(observations, 0)} Beobachtungen`);
        const name = results.indicators.find((i) => i.code === outcome.indicator)!.name;
        expect(text).toContain(`${name}: Ereignisstudie (Abstand zur Referenzperiode`);
      }
      const label = (code: string) => criteria.criteria.find((c) => c.code === code)!.label.de;
      for (const rating of evaluation.ratings) {
        const level = criteria.scale.find((s) => s.code === rating.rating)!.label.de;
        expect(raw).toContain(`${label(rating.criterion)} ${rating.rating} – ${level}`);
        expect(raw).toContain(squash(rating.justification));
      }
      // A final evaluation's numbers are its frozen snapshot's: the report names it and its hash.
      expect(raw).toContain(`eingefrorenen Evidenzstand ${results.snapshot!.id}`);
      expect(raw).toContain(results.evidenceHash);
      expect(results.evidenceHash).toBe(evaluation.snapshot!.hash);
    },
    SLOW,
  );

  it(
    'makes it as XLSX with the event study and the ratings the API answers, and as DOCX in English',
    async () => {
      const xlsx = await made('evaluator', {
        type: 'evaluation',
        evaluationId: evaluation.id,
        format: 'xlsx',
      });
      expect(xlsx.view.fileName).toMatch(/^Evaluationsbericht_.*\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.file as unknown as ExcelJS.Buffer);
      const studied = results.numbers.outcomes.filter((o) => !('error' in o.eventStudy));
      expect(studied.length).toBeGreaterThan(0);
      for (const outcome of studied) {
        const study = outcome.eventStudy as Exclude<EventStudy, { error: unknown }>;
        const sheet = workbook.getWorksheet(
          `Ereignisstudie ${results.numbers.outcomes.indexOf(outcome) + 1}`,
        );
        expect(sheet).toBeDefined();
        const rows = study.points
          .filter((pt) => !pt.reference)
          .map((pt) => [pt.period, pt.relative, pt.estimate, pt.ci95[0], pt.ci95[1]]);
        const sheetRows = rows.map((_, r) =>
          (sheet!.getRow(r + 2).values as ExcelJS.CellValue[]).slice(1, 6),
        );
        expect(sheetRows).toEqual(rows);
      }
      const ratings = workbook.getWorksheet('DAC-Bewertung')!;
      expect(
        evaluation.ratings.map((_, r) => (ratings.getRow(r + 2).values as ExcelJS.CellValue[]).slice(1, 4)),
      ).toEqual(
        evaluation.ratings.map((rating) => [
          criteria.criteria.find((c) => c.code === rating.criterion)!.label.de,
          `${rating.rating} – ${criteria.scale.find((l) => l.code === rating.rating)!.label.de}`,
          rating.justification,
        ]),
      );

      const docx = await made('evaluator', {
        type: 'evaluation',
        evaluationId: evaluation.id,
        format: 'docx',
        language: 'en',
      });
      expect(docx.view.fileName).toMatch(/^Evaluation_report_.*\.docx$/);
      expect(docx.file.subarray(0, 2).toString()).toBe('PK');
    },
    SLOW,
  );

  it(
    'gives the evaluation service’s denial: another tenant 404, a planner an evaluation of areas outside their scope 403',
    async () => {
      const elsewhere = await p.call('POST', '/api/reporting/reports', 'musterstadt-admin', {
        type: 'evaluation',
        evaluationId: evaluation.id,
      });
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body.code).toBe('SubjectNotFound');

      // Two planning areas of Friedrichshain-Kreuzberg (02): the planner's assignment is Mitte (01).
      const page = await p.call('GET', '/api/registry/areas?level=planungsraum&limit=1000', 'evaluator');
      const outside = (page.body.items as { id: string; code: string }[])
        .filter((a) => a.code.startsWith('02'))
        .slice(0, 2);
      const created = await p.call('POST', '/api/evaluation/evaluations', 'evaluator', {
        title: 'Kreuzberg: Vorher/Nachher',
        object: { kind: 'areas', areaIds: outside.map((a) => a.id) },
        startPeriod: '2015',
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await p.call('GET', `/api/evaluation/evaluations/${id}`, 'planer')).status).toBe(403);
      const refused = await p.call('POST', '/api/reporting/reports', 'planer', {
        type: 'evaluation',
        evaluationId: id,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('UpstreamRefused');
      // Its evaluator gets the report: without a design the service computes no numbers yet…
      const early = await made('evaluator', { type: 'evaluation', evaluationId: id, format: 'pdf' });
      expect(squash(poppler('pdftotext', early.file, '-raw'))).toContain(
        squash('Die Evaluation hat noch keine Zahlen: ihr Design nennt noch keine Indikatoren'),
      );
      // …and with one, a draft's numbers are computed from live data.
      const design = await p.call('PUT', `/api/evaluation/evaluations/${id}/design`, 'evaluator', {
        outcomes: ['S1'],
      });
      expect(design.status).toBe(200);
      const live = await made('evaluator', { type: 'evaluation', evaluationId: id, format: 'pdf' });
      expect(squash(poppler('pdftotext', live.file, '-raw'))).toContain(
        squash('Die Zahlen sind aus den aktuellen Daten berechnet'),
      );
      const invalid = await p.call('POST', '/api/reporting/reports', 'evaluator', { type: 'evaluation' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.details[0].field).toBe('evaluationId');
    },
    SLOW,
  );

  it(
    'is made and downloaded by `quartier report evaluation` with the reader’s sign-in',
    async () => {
      const out = join(work, 'evaluation.pdf');
      const cli = resolve(__dirname, '../../../../dist/server/apps/cli/src/main.js');
      // Asynchronously: a blocked test process would leave its idle connections to the platform stale.
      await run(
        process.execPath,
        [
          cli,
          'report',
          'evaluation',
          '--evaluation',
          evaluation.id,
          '--url',
          p.baseUrl,
          '--user',
          'viewer',
          '--out',
          out,
        ],
        { encoding: 'utf8', timeout: 240_000 },
      );
      expect(poppler('pdfinfo', readFileSync(out))).toContain(
        `Title:           Evaluationsbericht ${evaluation.title}`,
      );
      // The platform still serves after the download.
      expect((await p.call('GET', '/api/evaluation/criteria', 'viewer')).status).toBe(200);
    },
    SLOW,
  );
});
