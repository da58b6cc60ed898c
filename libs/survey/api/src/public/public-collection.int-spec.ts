import { startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { openSurvey } from '../results/open-survey.testing';
import { SurveyApiModule } from '../survey-api.module';
import { SURVEY_SERVICE } from '../survey.definition';
import { TenantProfileStore } from '../tenants/tenant-profile.store';
import {
  day,
  startSurveyTestApp,
  storedResponses,
  submitResponse,
  TEST_DAY,
  testClock,
  VALID_ANSWERS,
} from '../testing/survey-test-app';

jest.setTimeout(60_000);

describe('survey service (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let surveyId: string;
  let waveId: string;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);
  const valid = VALID_ANSWERS;
  const submit = (
    answers: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    survey = surveyId,
    wave = waveId,
  ) => submitResponse(t, survey, wave, answers, extra);
  const responses = (survey = surveyId) => storedResponses(t, survey);

  beforeAll(async () => {
    ({ t, ids } = await startSurveyTestApp());
    ({ surveyId, waveId } = await openSurvey(t, ids, { title: 'Nachbarschaftsbefragung 2025' }));
  });
  afterAll(() => t?.close());

  describe('public collection', () => {
    it('accepts a valid anonymous response: 201 with the day only, one row, one event', async () => {
      // A survey of its own, so that this response is its only one.
      const own = await openSurvey(t, ids);
      const res = await submit(
        { ...valid, kommentar: 'Mehr Bänke', kinder: [{ kind_alter: 4 }] },
        {},
        own.surveyId,
        own.waveId,
      );
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ submittedOn: TEST_DAY });
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await responses(own.surveyId)).toBe(1);
      const [row] = await t.db.query(
        `SELECT area_id, channel, to_char(submitted_on, 'YYYY-MM-DD') AS day, answers FROM survey_response WHERE survey_id = $1`,
        [own.surveyId],
      );
      expect(row).toEqual({
        area_id: ids['011101'],
        channel: 'web',
        day: TEST_DAY,
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

    it('answers constraint messages from the form, with the cause the public form words it by', async () => {
      const res = await submit({ ...valid, alter: 5 });
      expect(res.body.details.issues).toEqual([
        {
          path: 'alter',
          code: 'constraint',
          message: 'Bitte ein Alter von 14 bis 120.',
          cause: { code: 'form-message', params: { message: 'Bitte ein Alter von 14 bis 120.' } },
        },
      ]);
    });

    it('stores no IP address and no time finer than a day (table and events)', async () => {
      expect((await submit(valid)).status).toBe(201);
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
        expect(envelope.occurredAt).toBe(`${TEST_DAY}T00:00:00.000Z`);
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
      // The runtime's day where the page's own is unusable: the platform's, not the browser's UTC day.
      expect(html).toMatch(/"today":"\d{4}-\d{2}-\d{2}","timeZone":"Europe\/Berlin"/);
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

    it('words the page of a form link to no questionnaire in the language the link asks for', async () => {
      const missing = async (query: string) => {
        const res = await call('GET', `/api/survey/public/f/00000000-0000-4000-8000-000000000000${query}`);
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toContain('text/html');
        const html = res.body as string;
        return {
          lang: /<html lang="([^"]*)">/.exec(html)?.[1],
          heading: /<h1>([^<]*)<\/h1>/.exec(html)?.[1],
          message: /<p>([^<]*)<\/p>/.exec(html)?.[1],
        };
      };
      const german = {
        lang: 'de',
        heading: 'Nicht gefunden',
        message: 'Diesen Fragebogen gibt es nicht (mehr).',
      };
      expect(await missing('')).toEqual(german);
      expect(await missing('?lang=en')).toEqual({
        lang: 'en',
        heading: 'Not found',
        message: 'This questionnaire does not exist (any more).',
      });
      expect(await missing('?lang=de-x-easy')).toEqual({
        ...german,
        message: 'Diesen Fragebogen gibt es nicht. Oder es gibt ihn nicht mehr.',
      });
      // Another language has no interface texts of its own: English, as on a form page in it.
      expect(await missing('?lang=tr')).toEqual(await missing('?lang=en'));
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
      // A survey of its own: the invitation-only wave would join the shared survey's waves.
      const { surveyId } = await openSurvey(t, ids);
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

    it('refuses codes for a wave open to everyone as such, 409 WaveNotInvitationOnly', async () => {
      const open = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${waveId}/invitations`,
        'planer',
        {
          count: 1,
        },
      );
      expect(open.status).toBe(409);
      expect(open.body).toMatchObject({
        code: 'WaveNotInvitationOnly',
        message: 'this wave is open to everyone; make it invitation-only first',
      });
    });
  });
});

describe('survey service: public rate limit', () => {
  let t: ServiceTestApp;
  afterAll(() => t?.close());

  it('answers 429 with Retry-After once an address exceeds the limit, and keeps nothing in the database', async () => {
    t = await startServiceTestApp(SURVEY_SERVICE, {
      module: (rt) => SurveyApiModule.forRoot(rt, { publicRateLimit: { limit: 3, windowSeconds: 60 } }),
      runtime: { clock: testClock() },
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
