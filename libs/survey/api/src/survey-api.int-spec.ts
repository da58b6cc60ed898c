import { startServiceTestApp, type ServiceTestApp, type TestReply } from '@quartier/service-kit';
import {
  type Form,
  type XlsFormTables,
  importXlsForm,
  surveyFixtures,
  tablesToWorkbook,
} from '@quartier/survey-core';
import { SurveyApiModule } from './survey-api.module';
import { TenantProfileStore } from './tenants/tenant-profile.store';
import { todayInGermany } from './survey.constants';
import {
  PLANNING_AREAS,
  QUARTIER_FORM,
  quartierResponsesCsv,
  RESPONSES_PER_AREA,
  TEST_AREAS,
} from './testing/fixtures';

jest.setTimeout(60_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const day = (offset: number) =>
  new Date(Date.parse(`${todayInGermany()}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

describe('survey service (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let surveyId: string;
  let waveId: string;
  let otherSurveyId: string;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  const submit = (
    answers: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    survey = surveyId,
    wave = waveId,
  ) =>
    call('POST', `/api/survey/public/surveys/${survey}/waves/${wave}/responses`, undefined, {
      answers,
      ...extra,
    });

  const valid = {
    gebiet: '011101',
    alter: 35,
    sicher: '4',
    wohnform: 'miete',
    miete: 650,
    angebote: ['bibliothek'],
  };

  async function responses(survey = surveyId): Promise<number> {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1`, [
      survey,
    ]);
    return n;
  }

  async function outboxTypes(): Promise<Record<string, number>> {
    const rows: { type: string; n: number }[] = await t.db.query(
      `SELECT type, count(*)::int AS n FROM outbox GROUP BY type`,
    );
    return Object.fromEntries(rows.map((r) => [r.type, r.n]));
  }

  beforeAll(async () => {
    t = await startServiceTestApp({
      service: 'survey',
      module: (rt) => SurveyApiModule.forRoot(rt, { publicRateLimit: { limit: 10_000, windowSeconds: 60 } }),
      moduleClass: SurveyApiModule,
    });
    ids = await t.seedAreas(
      'berlin-demo',
      TEST_AREAS.map((a) => ({ ...a })),
    );
    await t.seedAreas('musterstadt', [{ code: 'N', level: 'stadtbezirk' }]);
    await t.grant('berlin-demo', 'planer', 'planner', ids['01']);
    await t.grant('berlin-demo', 'analyst', 'analyst', null);
    await t.grant('berlin-demo', 'viewer', 'viewer', null);
  });
  afterAll(() => t.close());

  describe('surveys: CRUD, roles, area scope, tenant', () => {
    it('creates a survey in the planner’s scope and refuses outside it, without the role, and without a token', async () => {
      const created = await call('POST', '/api/survey/surveys', 'planer', {
        title: 'Nachbarschaft 2025',
        scopeAreaId: ids['01'],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        title: 'Nachbarschaft 2025',
        type: 'resident',
        status: 'draft',
        k: 10,
        formVersion: 0,
        editable: true,
        targetAreas: [],
        waves: [],
      });
      surveyId = created.body.id;
      expect(
        (await call('POST', '/api/survey/surveys', 'planer', { title: 'X', scopeAreaId: ids['02'] })).status,
      ).toBe(403);
      expect(
        (await call('POST', '/api/survey/surveys', 'analyst', { title: 'X', scopeAreaId: ids['01'] })).status,
      ).toBe(403);
      expect(
        (await call('POST', '/api/survey/surveys', undefined, { title: 'X', scopeAreaId: ids['01'] })).status,
      ).toBe(401);
      const other = await call('POST', '/api/survey/surveys', 'admin', {
        title: 'Kreuzberg',
        scopeAreaId: ids['02'],
        k: 5,
      });
      expect(other.status).toBe(201);
      otherSurveyId = other.body.id;
    });

    it('validates bodies and names the field', async () => {
      const res = await call('POST', '/api/survey/surveys', 'admin', {
        title: '',
        scopeAreaId: ids['01'],
        k: 1,
      });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['k', 'title']);
    });

    it('lists surveys within the caller’s scope; other tenants see nothing and get 404', async () => {
      const planner = await call('GET', '/api/survey/surveys', 'planer');
      expect(planner.body.items.map((s: { id: string }) => s.id)).toEqual([surveyId]);
      const analyst = await call('GET', '/api/survey/surveys', 'analyst');
      expect(analyst.body.total).toBe(2);
      expect((await call('GET', `/api/survey/surveys/${otherSurveyId}`, 'planer')).status).toBe(403);
      expect((await call('GET', `/api/survey/surveys/${surveyId}`, 'musterstadt-admin')).status).toBe(404);
      expect((await call('GET', '/api/survey/surveys', 'musterstadt-admin')).body).toEqual({
        items: [],
        total: 0,
      });
      // Viewers read published results only: drafts are not theirs to see.
      expect((await call('GET', '/api/survey/surveys', 'viewer')).body).toEqual({ items: [], total: 0 });
      expect((await call('GET', `/api/survey/surveys/${surveyId}`, 'viewer')).status).toBe(404);
    });

    it('updates title and k (editors only)', async () => {
      const res = await call('PATCH', `/api/survey/surveys/${surveyId}`, 'planer', {
        title: 'Nachbarschaftsbefragung 2025',
      });
      expect(res.status).toBe(200);
      expect(res.body.title).toBe('Nachbarschaftsbefragung 2025');
      expect((await call('PATCH', `/api/survey/surveys/${surveyId}`, 'analyst', { k: 5 })).status).toBe(403);
    });
  });

  describe('XLSForm upload and download', () => {
    it('reports every error of a broken XLSForm by sheet, row and column, and stores nothing', async () => {
      const res = await call(
        'PUT',
        `/api/survey/surveys/${surveyId}/xlsform`,
        'planer',
        await tablesToWorkbook(surveyFixtures.BROKEN),
        XLSX,
      );
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('InvalidForm');
      expect(res.body.details.lines).toEqual(
        expect.arrayContaining(['survey row 7, column relevant: unknown field ${agee}']),
      );
      expect(res.body.details.issues.length).toBeGreaterThan(8);
      for (const issue of res.body.details.issues)
        expect(issue).toEqual(
          expect.objectContaining({
            sheet: expect.any(String),
            row: expect.any(Number),
            reason: expect.any(String),
          }),
        );
      expect((await call('GET', `/api/survey/surveys/${surveyId}`, 'planer')).body.formVersion).toBe(0);
    });

    it('refuses other content types and non-workbooks', async () => {
      expect(
        (await call('PUT', `/api/survey/surveys/${surveyId}/xlsform`, 'planer', 'a,b', 'text/csv')).status,
      ).toBe(415);
      const junk = await call(
        'PUT',
        `/api/survey/surveys/${surveyId}/xlsform`,
        'planer',
        new Uint8Array([1, 2, 3]),
        XLSX,
      );
      expect(junk.status).toBe(422);
    });

    it.each([
      ['KoboToolbox style', surveyFixtures.NACHBARSCHAFT],
      ['ODK style', surveyFixtures.ODK_HOUSEHOLD],
    ])(
      'round-trips a %s form: upload, download, re-import gives the same model',
      async (_name, tables: XlsFormTables) => {
        const draft = await call('POST', '/api/survey/surveys', 'admin', {
          title: 'Round trip',
          scopeAreaId: ids['01'],
        });
        const upload = await call(
          'PUT',
          `/api/survey/surveys/${draft.body.id}/xlsform`,
          'admin',
          await tablesToWorkbook(tables),
          XLSX,
        );
        expect(upload.status).toBe(200);
        expect(upload.body.formVersion).toBe(1);
        const stored = (await call('GET', `/api/survey/surveys/${draft.body.id}/form`, 'admin')).body
          .form as Form;
        const download = await fetch(`${t.url}/api/survey/surveys/${draft.body.id}/xlsform`, {
          headers: { authorization: `Bearer ${await t.tokenFor('admin')}` },
        });
        expect(download.headers.get('content-type')).toContain('spreadsheetml');
        const again = await importXlsForm(new Uint8Array(await download.arrayBuffer()));
        expect(again.ok && again.form).toEqual(stored);
        expect((await call('DELETE', `/api/survey/surveys/${draft.body.id}`, 'admin')).status).toBe(204);
      },
    );

    it('stores the test form as version 1 and checks builder models live', async () => {
      const res = await call(
        'PUT',
        `/api/survey/surveys/${surveyId}/xlsform`,
        'planer',
        await tablesToWorkbook(QUARTIER_FORM),
        XLSX,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        formVersion: 1,
        areaQuestion: 'gebiet',
        formTitle: 'Nachbarschaftsbefragung Test',
      });
      const form = (await call('GET', `/api/survey/surveys/${surveyId}/form`, 'planer')).body.form as Form;
      const broken = {
        ...form,
        children: [...form.children, { ...form.children[1], name: 'alter2', relevant: '${altr} > 3' }],
      };
      const check = await call('POST', '/api/survey/forms/check', 'planer', { form: broken });
      expect(check.body).toEqual({
        valid: false,
        issues: [
          {
            target: 'question alter2',
            field: 'relevant',
            reason: 'unknown field ${altr}',
            code: 'field-unknown',
            params: { name: 'altr' },
            severity: 'error',
          },
        ],
      });
      expect((await call('POST', '/api/survey/forms/check', 'planer', { form })).body).toEqual({
        valid: true,
        issues: [],
      });
      // pulldata() runs (empty, as in ODK Collect without the CSV): a warning, the form stays valid.
      const pulling = {
        ...form,
        children: [
          ...form.children,
          { ...form.children[1], name: 'obst', calculation: "pulldata('obst', 'name', 'name', 'mango')" },
        ],
      };
      expect((await call('POST', '/api/survey/forms/check', 'planer', { form: pulling })).body).toEqual({
        valid: true,
        issues: [
          {
            target: 'question obst',
            field: 'calculation',
            reason:
              'pulldata() reads a CSV file attached to the form, which Quartier does not keep: it gives an empty answer (as ODK Collect does without the file)',
            code: 'function-pulldata',
            params: {},
            severity: 'warning',
          },
        ],
      });
      const put = await call('PUT', `/api/survey/surveys/${surveyId}/form`, 'planer', { form: broken });
      expect(put.status).toBe(422);
      expect(put.body.details.issues[0]).toMatchObject({
        target: 'question alter2',
        field: 'relevant',
        reason: 'unknown field ${altr}',
        code: 'field-unknown',
      });
    });
  });

  describe('publishing', () => {
    it('names what is missing, then opens with target areas and a wave', async () => {
      const candidates = await call(
        'GET',
        `/api/survey/surveys/${surveyId}/candidate-areas?level=planungsraum`,
        'planer',
      );
      expect(candidates.body.map((a: { code: string }) => a.code)).toEqual([...PLANNING_AREAS]);
      const missing = await call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', {
        status: 'open',
      });
      expect(missing.status).toBe(409);
      expect(missing.body.details.problems).toEqual([
        'the survey has no wave',
        'the survey has no target areas',
        'area list gebiete: 011101, 011102, 011201, 011202 are not target area codes',
      ]);
      const outside = await call('PUT', `/api/survey/surveys/${surveyId}/target-areas`, 'planer', {
        areas: [{ areaId: ids['021101'] }],
      });
      expect(outside.status).toBe(422);
      expect(outside.body.message).toContain("outside the survey's scope area");
      const targets = await call('PUT', `/api/survey/surveys/${surveyId}/target-areas`, 'planer', {
        areas: PLANNING_AREAS.map((code) => ({
          areaId: ids[code],
          ...(code === '011102' ? { population: 2000 } : {}),
        })),
      });
      expect(
        targets.body.targetAreas.map((a: { key: string; population: number }) => [a.key, a.population]),
      ).toEqual([
        ['011101', 4000],
        ['011102', 2000],
        ['011201', 3000],
        ['011202', 5000],
      ]);
      const wave = await call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
        name: 'Welle 1',
        opensOn: day(-30),
        closesOn: day(30),
      });
      expect(wave.status).toBe(201);
      waveId = wave.body.id;
      const badWave = await call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
        name: 'W',
        opensOn: day(3),
        closesOn: day(1),
      });
      expect(badWave.status).toBe(400);
      const open = await call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' });
      expect(open.status).toBe(200);
      expect(open.body.status).toBe('open');
      // Once open, viewers find the survey to read its results — but neither its form nor its links.
      const viewerList = await call('GET', '/api/survey/surveys', 'viewer');
      expect(viewerList.body.items.map((s: { id: string; editable: boolean }) => [s.id, s.editable])).toEqual(
        [[surveyId, false]],
      );
      // An area's page lists the surveys covering it: a target area that is the area, lies in it
      // or contains it.
      const covering = async (code: string) =>
        (await call('GET', `/api/survey/surveys?area=${ids[code]}`, 'viewer')).body.items.map(
          (x: { id: string }) => x.id,
        );
      expect(await covering('011101')).toEqual([surveyId]);
      expect(await covering('0111')).toEqual([surveyId]);
      expect(await covering('01')).toEqual([surveyId]);
      expect(await covering('021101')).toEqual([]);
      expect((await call('GET', '/api/survey/surveys?area=011101', 'viewer')).status).toBe(400);
      expect((await call('GET', `/api/survey/surveys/${surveyId}`, 'viewer')).body.waves).toHaveLength(1);
      expect((await call('GET', `/api/survey/surveys/${surveyId}/form`, 'viewer')).status).toBe(403);
      expect((await call('GET', `/api/survey/surveys/${surveyId}/links`, 'viewer')).status).toBe(403);
      const links = await call('GET', `/api/survey/surveys/${surveyId}/links`, 'analyst');
      expect(links.body.areas[0]).toEqual({
        areaId: ids['011101'],
        key: '011101',
        name: 'Stülerstraße',
        url: `${t.url}/api/survey/public/f/${surveyId}?area=011101`,
        qrSvg: `${t.url}/api/survey/public/f/${surveyId}/qr.svg?area=011101`,
      });
    });
  });

  describe('public collection', () => {
    it('accepts a valid anonymous response: 201 with the day only, one row, one event', async () => {
      const res = await submit({ ...valid, kommentar: 'Mehr Bänke', kinder: [{ kind_alter: 4 }] });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ submittedOn: todayInGermany() });
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await responses()).toBe(1);
      const [row] = await t.db.query(
        `SELECT area_id, channel, to_char(submitted_on, 'YYYY-MM-DD') AS day, answers FROM survey_response WHERE survey_id = $1`,
        [surveyId],
      );
      expect(row).toEqual({
        area_id: ids['011101'],
        channel: 'web',
        day: todayInGermany(),
        answers: { ...valid, kommentar: 'Mehr Bänke', kinder: [{ kind_alter: 4 }] },
      });
    });

    it.each<[string, Record<string, unknown>, string, string]>([
      ['an unknown field', { ...valid, hobby: 'x' }, 'hobby', 'unknown_field'],
      ['text for an integer', { ...valid, alter: 'dreißig' }, 'alter', 'invalid_type'],
      ['a violated constraint, with its message', { ...valid, alter: 200 }, 'alter', 'constraint'],
      ['a missing required answer', { gebiet: '011101', sicher: '4' }, 'alter', 'required'],
      ['an option not in the list', { ...valid, sicher: '7' }, 'sicher', 'invalid_choice'],
      [
        'an answer to an irrelevant question',
        { ...valid, wohnform: 'eigentum', miete: 500 },
        'miete',
        'not_relevant',
      ],
      [
        'an option the choice filter excludes',
        { ...valid, treffpunkt: 'spielplatz' },
        'treffpunkt',
        'filtered_choice',
      ],
      ['an unknown area', { ...valid, gebiet: '999999' }, 'gebiet', 'unresolved_area'],
      [
        'a select_multiple constraint',
        { ...valid, angebote: ['keine', 'bibliothek'] },
        'angebote',
        'constraint',
      ],
      ['a date in the future', { ...valid, alter: 20, einzug: day(5) }, 'einzug', 'constraint'],
      [
        'a bad answer inside a repeat',
        { ...valid, kinder: [{ kind_alter: 3 }, { kind_alter: 30 }] },
        'kinder[2].kind_alter',
        'constraint',
      ],
      ['a malformed repeat', { ...valid, kinder: 'zwei' }, 'kinder', 'invalid_repeat'],
    ])('rejects %s with 422 naming the field', async (_what, answers, path, code) => {
      const before = await responses();
      const res = await submit(answers);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('InvalidAnswers');
      expect(res.body.message.startsWith(`${path}: `)).toBe(true);
      expect(res.body.details.issues).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, code })]),
      );
      expect(await responses()).toBe(before);
    });

    it('answers constraint messages from the form', async () => {
      const res = await submit({ ...valid, alter: 5 });
      expect(res.body.details.issues).toEqual([
        { path: 'alter', code: 'constraint', message: 'Bitte ein Alter von 14 bis 120.' },
      ]);
    });

    it('stores no IP address and no time finer than a day (table and events)', async () => {
      const columns: { column_name: string; data_type: string }[] = await t.db.query(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'survey' AND table_name = 'survey_response' ORDER BY ordinal_position`,
      );
      expect(columns).toEqual([
        { column_name: 'id', data_type: 'uuid' },
        { column_name: 'tenant_id', data_type: 'text' },
        { column_name: 'survey_id', data_type: 'uuid' },
        { column_name: 'wave_id', data_type: 'uuid' },
        { column_name: 'form_version', data_type: 'integer' },
        { column_name: 'area_id', data_type: 'uuid' },
        { column_name: 'channel', data_type: 'text' },
        { column_name: 'submitted_on', data_type: 'date' },
        { column_name: 'answers', data_type: 'jsonb' },
      ]);
      const [{ dump }] = await t.db.query(`SELECT string_agg(r::text, ' ') AS dump FROM survey_response r`);
      expect(dump).not.toContain('127.0.0.1');
      const events: { envelope: { occurredAt: string; payload: Record<string, unknown> } }[] =
        await t.db.query(`SELECT envelope FROM outbox WHERE type = 'survey.response.submitted'`);
      expect(events.length).toBeGreaterThan(0);
      for (const { envelope } of events) {
        expect(envelope.occurredAt).toBe(`${todayInGermany()}T00:00:00.000Z`);
        expect(Object.keys(envelope.payload).sort()).toEqual([
          'areaId',
          'channel',
          'submittedOn',
          'surveyId',
          'tenantId',
          'waveId',
        ]);
      }
    });

    it('answers a filled honeypot as if stored, and stores nothing', async () => {
      const before = await responses();
      const res = await submit(valid, { website: 'http://spam.example' });
      expect(res.status).toBe(201);
      expect(await responses()).toBe(before);
    });

    it('refuses unknown surveys, unknown waves and drafts', async () => {
      expect((await submit(valid, {}, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await submit(valid, {}, surveyId, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      const draft = await call('POST', '/api/survey/surveys', 'admin', {
        title: 'Entwurf',
        scopeAreaId: ids['01'],
      });
      expect((await submit(valid, {}, draft.body.id)).status).toBe(404);
    });

    it('serves the accessible form page, its script and a QR code without login', async () => {
      const page = await call('GET', `/api/survey/public/f/${surveyId}?area=011102`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = page.body as string;
      expect(html).toContain('<html lang="de">');
      expect(html).toContain(
        '<label for="f-alter">Wie alt sind Sie? <span class="req" aria-hidden="true">*</span></label>',
      );
      expect(html).toContain('aria-describedby="h-alter e-alter"');
      expect(html).toMatch(
        /<fieldset aria-describedby="e-sicher" class="likert"><legend>Ich fühle mich in meiner Nachbarschaft sicher\./,
      );
      expect(html).toContain('value="011102" checked');
      expect(html).not.toMatch(/<script>(?!<\/script>)/);
      const english = (await call('GET', `/api/survey/public/f/${surveyId}?lang=en`)).body as string;
      expect(english).toContain('<html lang="en">');
      expect(english).toContain('How old are you?');
      const scriptUrl = /<script src="([^"]+)" defer>/.exec(html)![1];
      const script = await fetch(`${t.url}${scriptUrl}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(script.status).toBe(200);
      expect(script.headers.get('cache-control')).toContain('immutable');
      const code = await script.text();
      expect(code).toContain('bootFormRuntime');
      expect(code).toContain('validateSubmission');
      const qr = await call('GET', `/api/survey/public/f/${surveyId}/qr.svg?area=011102`);
      expect(qr.headers.get('content-type')).toContain('image/svg+xml');
      expect(qr.body).toContain(
        '<title>QR-Code zum Fragebogen: Nachbarschaftsbefragung 2025 – Großer Tiergarten</title>',
      );
      expect((await call('GET', `/api/survey/public/f/00000000-0000-4000-8000-000000000000`)).status).toBe(
        404,
      );
    });
  });

  describe('public form: operator and languages', () => {
    it('names the tenant’s operator with imprint and privacy links, once the registry published them', async () => {
      const before = (await call('GET', `/api/survey/public/f/${surveyId}`)).body as string;
      expect(before).not.toContain('class="operator"');
      await t.deliver({
        type: 'registry.tenant.upserted',
        tenantId: 'berlin-demo',
        payload: {
          tenantId: 'berlin-demo',
          name: 'Berlin (Demo)',
          levels: [],
          publicProfile: {
            operatorName: 'Bezirksamt Mitte <Sozialraum>',
            imprintUrl: 'https://example.org/impressum',
            privacyUrl: 'https://example.org/datenschutz?a=1&b=2',
          },
        },
      });
      // The profile is read at most a minute late (cache); a fresh module would see it at once.
      t.app.get(TenantProfileStore)['cache'].clear();
      const html = (await call('GET', `/api/survey/public/f/${surveyId}`)).body as string;
      expect(html).toContain(
        '<footer class="operator" aria-label="Rechtliche Hinweise"><p>Diese Befragung führt durch: Bezirksamt Mitte &lt;Sozialraum&gt;</p>',
      );
      expect(html).toContain('<a href="https://example.org/impressum">Impressum</a>');
      expect(html).toContain(
        '<a href="https://example.org/datenschutz?a=1&amp;b=2">Datenschutzerklärung</a>',
      );
      const english = (await call('GET', `/api/survey/public/f/${surveyId}?lang=en`)).body as string;
      expect(english).toContain('Privacy notice</a>');
    });

    it('switches languages keeping the preselected area and the wave', async () => {
      const html = (await call('GET', `/api/survey/public/f/${surveyId}?area=011102`)).body as string;
      expect(html).toMatch(/<nav aria-label="Sprache"><ul class="langs">/);
      expect(html).toContain(
        `?lang=en&amp;area=011102&amp;wave=${waveId}" lang="en" hreflang="en">English</a>`,
      );
    });
  });

  describe('invitation codes', () => {
    it('admits each code once, stores only hashes, and needs a code for invitation-only waves', async () => {
      const wave = await call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
        name: 'Eingeladen',
        opensOn: day(-1),
        closesOn: day(10),
        invitationOnly: true,
      });
      const codes = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${wave.body.id}/invitations`,
        'planer',
        { count: 3 },
      );
      expect(codes.status).toBe(201);
      expect(codes.body.codes).toHaveLength(3);
      const [code] = codes.body.codes as string[];
      expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      const [{ dump }] = await t.db.query(
        `SELECT string_agg(encode(code_hash, 'escape'), ' ') AS dump FROM survey_invitation`,
      );
      expect(dump).not.toContain(code.replace('-', ''));
      expect((await submit(valid, {}, surveyId, wave.body.id)).body.code).toBe('InvitationRequired');
      expect((await submit(valid, { invitationCode: 'AAAAA-BBBBB' }, surveyId, wave.body.id)).status).toBe(
        403,
      );
      expect(
        (await submit(valid, { invitationCode: code.toLowerCase() }, surveyId, wave.body.id)).status,
      ).toBe(201);
      const again = await submit(valid, { invitationCode: code }, surveyId, wave.body.id);
      expect(again.status).toBe(403);
      expect(again.body.code).toBe('InvitationInvalid');
      const [{ used }] = await t.db.query(
        `SELECT count(*) FILTER (WHERE used)::int AS used FROM survey_invitation WHERE wave_id = $1`,
        [wave.body.id],
      );
      expect(used).toBe(1);
    });
  });

  describe('interviewer entry and paper imports', () => {
    it('lets editors enter a response as interviewer and refuses analysts', async () => {
      const res = await call('POST', `/api/survey/surveys/${surveyId}/waves/${waveId}/responses`, 'planer', {
        answers: { ...valid, gebiet: '011202' },
      });
      expect(res.status).toBe(201);
      const [{ channel }] = await t.db.query(
        `SELECT channel FROM survey_response WHERE channel = 'interviewer'`,
      );
      expect(channel).toBe('interviewer');
      expect(
        (
          await call('POST', `/api/survey/surveys/${surveyId}/waves/${waveId}/responses`, 'analyst', {
            answers: valid,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await call('POST', `/api/survey/surveys/${otherSurveyId}/waves/${waveId}/responses`, 'planer', {
            answers: valid,
          })
        ).status,
      ).toBe(403);
    });

    it('imports all-or-nothing: every bad cell by row and column, nothing stored', async () => {
      const before = await responses();
      const csv = [
        'gebiet,alter,sicher,miete,hobby',
        '011101,35,4,,',
        '011102,abc,4,,',
        '011201,40,9,,',
        ',50,3,,',
      ].join('\n');
      const res = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${waveId}/response-imports`,
        'planer',
        csv,
        'text/csv',
      );
      expect(res.status).toBe(422);
      expect(res.body.details.issues).toEqual([
        { row: 1, column: 'hobby', reason: '"hobby" is not a question of this form' },
        { row: 3, column: 'alter', reason: 'expected a whole number, got "abc"' },
        { row: 4, column: 'sicher', reason: '"9" is not an option of list "zustimmung"' },
        { row: 5, column: 'gebiet', reason: 'an area of residence is required' },
      ]);
      expect(await responses()).toBe(before);
    });

    it('imports a clean CSV (ODK metadata columns ignored) and an XLSX, with one event per response', async () => {
      const eventsBefore = (await outboxTypes())['survey.response.submitted'] ?? 0;
      const before = await responses();
      const res = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${waveId}/response-imports`,
        'planer',
        quartierResponsesCsv(),
        'text/csv',
      );
      expect(res.status).toBe(201);
      const total = Object.values(RESPONSES_PER_AREA).reduce((a, b) => a + b, 0);
      expect(res.body).toEqual({ imported: total });
      expect(await responses()).toBe(before + total);
      expect((await outboxTypes())['survey.response.submitted']).toBe(eventsBefore + total);
      const [{ channels }] = await t.db.query(
        `SELECT count(*)::int AS channels FROM survey_response WHERE channel = 'import'`,
      );
      expect(channels).toBe(total);
    });
  });

  describe('results', () => {
    let results: TestReply;
    let resultsWave: string;

    beforeAll(async () => {
      // A wave of its own holding exactly the seeded paper responses.
      const wave = await call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
        name: 'Ergebnisse',
        opensOn: day(-5),
        closesOn: day(-1),
      });
      resultsWave = wave.body.id;
      const res = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${resultsWave}/response-imports`,
        'planer',
        quartierResponsesCsv(),
        'text/csv',
      );
      expect(res.status).toBe(201);
      // The wave has ended: its owner releases what the k-per-area rule held back (011201's 7).
      const release = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${resultsWave}/results/release`,
        'planer',
      );
      expect(release.status).toBe(200);
      results = await call('GET', `/api/survey/surveys/${surveyId}/results?wave=${resultsWave}`, 'viewer');
    });

    it('publishes respondents and response rates per area, suppressing small areas and what would reveal them', async () => {
      expect(results.status).toBe(200);
      const areas = results.body.areas.map(
        (a: {
          key: string;
          respondents: number | null;
          responseRate: number | null;
          suppressed: string | null;
        }) => [a.key, a.respondents, a.responseRate, a.suppressed],
      );
      // 011201 has 7 < 10 respondents; its sibling 011202 would reveal it from the parent 0112, so it is hidden too.
      expect(areas).toEqual([
        ['011101', 40, 0.01, null],
        ['011102', 12, 0.006, null],
        ['011201', null, null, 'primary'],
        ['011202', null, null, 'secondary'],
      ]);
      expect(
        results.body.parents.map((p: { key: string; respondents: number | null }) => [p.key, p.respondents]),
      ).toEqual([
        ['0111', 52],
        ['0112', 32],
      ]);
      expect(results.body.total).toEqual({ respondents: 84, responseRate: 84 / 14000, suppressed: null });
    });

    it('never publishes a cell below k, nor one recoverable by subtraction', async () => {
      const k = results.body.k as number;
      for (const q of results.body.questions) {
        const all = [...q.areas, ...q.parents, q.total];
        for (const cell of all) {
          if (cell.suppressed === null) expect(cell.n).toBeGreaterThanOrEqual(k);
          else expect(Object.keys(cell).sort()).toEqual(['group', 'suppressed']);
        }
        const byParent: Record<string, number[]> = { '0111': [0, 1], '0112': [2, 3] };
        q.parents.forEach((parent: { suppressed: string | null; n?: number }, p: number) => {
          if (parent.suppressed !== null) return;
          const children = byParent[['0111', '0112'][p]].map((i) => q.areas[i]);
          const hidden = children.filter((c: { suppressed: string | null }) => c.suppressed !== null);
          if (hidden.length > 0) {
            const publishedN = children
              .filter((c: { suppressed: string | null }) => c.suppressed === null)
              .reduce((s: number, c: { n: number }) => s + c.n, 0);
            expect((parent.n as number) - publishedN).toBeGreaterThanOrEqual(k);
          }
        });
      }
      const sicher = results.body.questions.find((q: { question: string }) => q.question === 'sicher');
      expect(sicher).toMatchObject({
        kind: 'select',
        likert: true,
        label: 'Ich fühle mich in meiner Nachbarschaft sicher.',
      });
      expect(sicher.areas[0]).toMatchObject({
        group: '011101',
        suppressed: null,
        n: 40,
        topTwoBox: { options: ['4', '5'] },
      });
      expect(sicher.areas[0].options.reduce((s: number, o: { count: number }) => s + o.count, 0)).toBe(40);
      expect(sicher.areas[0].options[0].ci).toHaveLength(2);
    });

    it('never publishes free text and says so', async () => {
      expect(results.body.questions.map((q: { question: string }) => q.question)).not.toContain('kommentar');
      expect(results.body.notPublished).toEqual(
        expect.arrayContaining(['kommentar: free text is never published']),
      );
      expect(JSON.stringify(results.body)).not.toContain('Mehr Bänke');
    });

    it('compares two areas with intervals, and refuses suppressed sides', async () => {
      const res = await call(
        'GET',
        `/api/survey/surveys/${surveyId}/results/comparison?wave=${resultsWave}&area=011101&baseWave=${resultsWave}&baseArea=011102`,
        'analyst',
      );
      expect(res.status).toBe(200);
      const sicher = res.body.questions.find((q: { question: string }) => q.question === 'sicher');
      expect(sicher.suppressed).toBe(false);
      expect(sicher.topTwoBox.ci[0]).toBeLessThan(sicher.topTwoBox.difference);
      const alter = res.body.questions.find((q: { question: string }) => q.question === 'alter');
      expect(alter.mean.ci[1]).toBeGreaterThan(alter.mean.difference);
      const hidden = await call(
        'GET',
        `/api/survey/surveys/${surveyId}/results/comparison?wave=${resultsWave}&area=011201&baseWave=${resultsWave}&baseArea=011101`,
        'analyst',
      );
      expect(hidden.body.questions.every((q: { suppressed: boolean }) => q.suppressed)).toBe(true);
    });

    it('denies results by role, area scope and tenant', async () => {
      expect((await call('GET', `/api/survey/surveys/${surveyId}/results?wave=${resultsWave}`)).status).toBe(
        401,
      );
      expect(
        (
          await call(
            'GET',
            `/api/survey/surveys/${surveyId}/results?wave=${resultsWave}`,
            'musterstadt-admin',
          )
        ).status,
      ).toBe(404);
      const otherWave = await call('POST', `/api/survey/surveys/${otherSurveyId}/waves`, 'admin', {
        name: 'W',
        opensOn: day(-1),
        closesOn: day(1),
      });
      expect(
        (
          await call(
            'GET',
            `/api/survey/surveys/${otherSurveyId}/results?wave=${otherWave.body.id}`,
            'planer',
          )
        ).status,
      ).toBe(403);
      expect((await call('GET', `/api/survey/surveys/${surveyId}/results?wave=nope`, 'viewer')).status).toBe(
        400,
      );
    });

    it('publishes indicator items as survey.results.published with published areas only', async () => {
      const items = [
        {
          code: 'survey.sicher',
          name: 'Anteil, der sich sicher fühlt',
          question: 'sicher',
          measure: 'topTwoBox',
        },
      ];
      expect(
        (
          await call('PATCH', `/api/survey/surveys/${surveyId}`, 'planer', {
            indicatorItems: [{ ...items[0], question: 'kommentar' }],
          })
        ).status,
      ).toBe(422);
      expect(
        (await call('PATCH', `/api/survey/surveys/${surveyId}`, 'planer', { indicatorItems: items })).status,
      ).toBe(200);
      expect(
        (await call('POST', `/api/survey/surveys/${surveyId}/waves/${resultsWave}/results/publish`, 'viewer'))
          .status,
      ).toBe(403);
      const res = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${resultsWave}/results/publish`,
        'planer',
      );
      expect(res.status).toBe(200);
      const [item] = res.body.items;
      expect(item.values.map((v: { areaId: string }) => v.areaId).sort()).toEqual(
        [ids['011101'], ids['011102'], ids['0111'], ids['0112']].sort(),
      );
      expect([...item.suppressedAreaIds].sort()).toEqual([ids['011201'], ids['011202']].sort());
      const sicher = results.body.questions.find((q: { question: string }) => q.question === 'sicher');
      expect(item.values.find((v: { areaId: string }) => v.areaId === ids['011101']).value).toBe(
        sicher.areas[0].topTwoBox.share,
      );
      const [{ envelope }] = await t.db.query(
        `SELECT envelope FROM outbox WHERE type = 'survey.results.published'`,
      );
      expect(envelope.payload).toEqual(res.body);
    });
  });

  describe('form changes once responses exist', () => {
    it('accepts compatible changes and refuses removing questions or options', async () => {
      const { form } = (await call('GET', `/api/survey/surveys/${surveyId}/form`, 'planer')).body as {
        form: Form;
      };
      const relabelled = { ...form, settings: { ...form.settings, title: 'Neuer Titel' } };
      expect(
        (await call('PUT', `/api/survey/surveys/${surveyId}/form`, 'planer', { form: relabelled })).body
          .formVersion,
      ).toBe(2);
      const removed = { ...form, children: form.children.filter((n) => n.name !== 'kommentar') };
      const res = await call('PUT', `/api/survey/surveys/${surveyId}/form`, 'planer', { form: removed });
      expect(res.status).toBe(409);
      expect(res.body.details.reasons).toEqual(['question kommentar was removed']);
    });
  });

  describe('network surveys', () => {
    it('turns a name-generator submission into survey.network-response.submitted', async () => {
      const created = await call('POST', '/api/survey/surveys', 'planer', {
        title: 'Netzwerk Mitte',
        type: 'network',
        scopeAreaId: ids['01'],
      });
      const id = created.body.id;
      const network = {
        generator: {
          name: 'partner',
          prompt: {
            de: 'Mit welchen Organisationen haben Sie in den letzten 12 Monaten zusammengearbeitet?',
          },
          allowNewActors: true,
          maxAlters: 10,
        },
        interpreters: [
          {
            name: 'haeufigkeit',
            label: { de: 'Wie oft?' },
            kind: 'select_one',
            options: [
              { name: 'selten', label: { de: 'selten' } },
              { name: 'oft', label: { de: 'oft' } },
            ],
            required: true,
          },
        ],
        actors: [
          { id: 'a1', name: 'Stadtteilzentrum Moabit', type: 'civil-society' },
          { id: 'a2', name: 'Jugendamt Mitte', type: 'public-administration' },
        ],
      };
      expect((await call('PATCH', `/api/survey/surveys/${id}`, 'planer', { network })).status).toBe(200);
      const wave = await call('POST', `/api/survey/surveys/${id}/waves`, 'planer', {
        name: '2025',
        opensOn: day(-1),
        closesOn: day(1),
      });
      expect(
        (await call('POST', `/api/survey/surveys/${id}/status`, 'planer', { status: 'open' })).status,
      ).toBe(200);
      const bad = await submit(
        {},
        { network: { respondentActorId: 'a1', alters: [{ actorId: 'a2', answers: {} }] } },
        id,
        wave.body.id,
      );
      expect(bad.status).toBe(422);
      expect(bad.body.message).toBe('network: alters[1].haeufigkeit: an answer is required');
      const ok = await submit(
        {},
        {
          network: {
            respondentActorId: 'a1',
            alters: [
              { actorId: 'a2', answers: { haeufigkeit: 'oft' } },
              { newActor: { name: 'Kiezladen e.V.' }, answers: { haeufigkeit: 'selten' } },
            ],
          },
        },
        id,
        wave.body.id,
      );
      expect(ok.status).toBe(201);
      const [{ envelope }] = await t.db.query(
        `SELECT envelope FROM outbox WHERE type = 'survey.network-response.submitted'`,
      );
      expect(envelope.payload).toMatchObject({
        tenantId: 'berlin-demo',
        surveyId: id,
        waveId: wave.body.id,
        respondent: 'actor:a1',
        actors: [
          expect.objectContaining({ key: 'actor:a1' }),
          expect.objectContaining({ key: 'actor:a2' }),
          expect.objectContaining({ key: 'new:kiezladen e v', isNew: true }),
        ],
        ties: [
          expect.objectContaining({
            source: 'actor:a1',
            target: 'actor:a2',
            attributes: { haeufigkeit: 'oft' },
          }),
          expect.objectContaining({ target: 'new:kiezladen e v' }),
        ],
      });
    });
  });
});

describe('survey service: public rate limit', () => {
  let t: ServiceTestApp;
  afterAll(() => t?.close());

  it('answers 429 with Retry-After once an address exceeds the limit, and keeps nothing in the database', async () => {
    t = await startServiceTestApp({
      service: 'survey',
      module: (rt) => SurveyApiModule.forRoot(rt, { publicRateLimit: { limit: 3, windowSeconds: 60 } }),
      moduleClass: SurveyApiModule,
    });
    const url = `${t.url}/api/survey/public/surveys/00000000-0000-4000-8000-000000000000/waves/00000000-0000-4000-8000-000000000000/responses`;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"answers":{}}',
      });
      statuses.push(res.status);
      retryAfter ??= res.headers.get('retry-after');
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const tables: { table_name: string }[] = await t.db.query(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'survey' AND data_type = 'inet'`,
    );
    expect(tables).toEqual([]);
  });
});
