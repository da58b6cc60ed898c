import { startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { openSurvey } from '../results/open-survey.testing';
import { SurveyApiModule } from '../survey-api.module';
import { SURVEY_SERVICE } from '../survey.definition';
import { TEST_AREAS } from '../testing/fixtures';
import { TEST_DAY, testClock } from '../testing/survey-test-app';

jest.setTimeout(60_000);

const SECRET = 'Geheimnis-7Q: mein Nachbar Herr K. in Nr. 12';
const answers = {
  gebiet: '011101',
  alter: 35,
  sicher: '4',
  wohnform: 'miete',
  miete: 650,
  angebote: ['bibliothek'],
  kommentar: SECRET,
};

/** Everything the process writes while `action` runs: console, stdout and stderr. */
async function captureOutput(action: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => {
    lines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
  };
  const spies = [
    jest.spyOn(console, 'log').mockImplementation(keep),
    jest.spyOn(console, 'error').mockImplementation(keep),
    jest.spyOn(console, 'warn').mockImplementation(keep),
    jest.spyOn(console, 'info').mockImplementation(keep),
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (keep(chunk), true)),
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (keep(chunk), true)),
  ];
  try {
    await action();
    // Loggers may write after the response went out.
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines.join('\n');
}

describe('public survey submissions leave no trail (real PostgreSQL)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let surveyId: string;
  let waveId: string;
  const submitUrl = () => `${t.url}/api/survey/public/surveys/${surveyId}/waves/${waveId}/responses`;

  beforeAll(async () => {
    t = await startServiceTestApp(SURVEY_SERVICE, {
      module: (rt) => SurveyApiModule.forRoot(rt, { publicRateLimit: { limit: 3, windowSeconds: 600 } }),
      runtime: { clock: testClock() },
    });
    ids = await t.seedAreas(
      'berlin-demo',
      [...TEST_AREAS].map((a) => ({ ...a })),
    );
    await t.grant('berlin-demo', 'planer', 'planner', ids['01']);
    ({ surveyId, waveId } = await openSurvey(t, ids));
  });
  afterAll(() => t?.close());

  it('logs a failed submission without its answers or free text', async () => {
    await t.db.query(`ALTER TABLE survey_response ADD CONSTRAINT refuse_for_test CHECK (false) NOT VALID`);
    let status = 0;
    const output = await captureOutput(async () => {
      const res = await fetch(submitUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1' },
        body: JSON.stringify({ answers }),
      });
      status = res.status;
    });
    await t.db.query(`ALTER TABLE survey_response DROP CONSTRAINT refuse_for_test`);
    // Refused (500, or 422 where the error filter maps constraint violations), nothing stored.
    expect([422, 500]).toContain(status);
    expect(output).toContain('refuse_for_test'); // the failure is reported …
    expect(output).not.toContain('Geheimnis'); // … without what the respondent wrote
    expect(output).not.toContain('Herr K.');
    expect(output).not.toMatch(/PARAMETERS/);
  });

  it('stores its event with the day only and a correlation id the request never had', async () => {
    const res = await fetch(submitUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'trace-me-123' },
      body: JSON.stringify({ answers }),
    });
    expect(res.status).toBe(201);
    const rows: {
      created_at: Date;
      published_at: Date | null;
      correlation_id: string;
      envelope: { correlationId: string; occurredAt: string };
    }[] = await t.db.query(
      `SELECT created_at, published_at, correlation_id, envelope FROM outbox WHERE type = 'survey.response.submitted'`,
    );
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.correlation_id).not.toBe('trace-me-123');
    expect(row.envelope.correlationId).toBe(row.correlation_id);
    const [{ created, published }] = await t.db.query(
      `SELECT created_at = date_trunc('day', created_at) AS created,
              published_at IS NULL OR published_at = date_trunc('day', published_at) AS published
         FROM outbox WHERE type = 'survey.response.submitted'`,
    );
    expect({ created, published }).toEqual({ created: true, published: true });
    // Once the relay marks it sent, the sending time is cut to the day as well.
    await t.db.query(`UPDATE outbox SET published_at = now() WHERE type = 'survey.response.submitted'`);
    const [{ day }] = await t.db.query(
      `SELECT published_at = date_trunc('day', published_at) AS day FROM outbox WHERE type = 'survey.response.submitted'`,
    );
    expect(day).toBe(true);
    // The day is the service's (its clock), not the machine's.
    expect(row.envelope.occurredAt).toBe(`${TEST_DAY}T00:00:00.000Z`);
  });

  it('builds public links and QR codes from QUARTIER_PUBLIC_URL, never from X-Forwarded-Host or Host', async () => {
    const headers = {
      authorization: `Bearer ${await t.tokenFor('planer')}`,
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    };
    const links = await fetch(`${t.url}/api/survey/surveys/${surveyId}/links`, { headers });
    const body = (await links.json()) as { areas: { url: string }[] };
    expect(body.areas[0]?.url).toBe(`${t.url}/api/survey/public/f/${surveyId}?area=011101`);
    expect(JSON.stringify(body)).not.toContain('evil.example');
    const qr = await fetch(`${t.url}/api/survey/public/f/${surveyId}/qr.svg?area=011101`, {
      headers: { 'x-forwarded-host': 'evil.example', host: 'evil.example' },
    });
    expect(qr.status).toBe(200);
    const svg = await qr.text();
    expect(svg).toContain('<svg');
    // The QR code's modules encode the URL; the same URL with the configured origin renders alike.
    const expected = await import('qrcode').then((QRCode) =>
      QRCode.default.toString(`${t.url}/api/survey/public/f/${surveyId}?area=011101`, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 4,
      }),
    );
    expect(svg).toContain(/<path[^>]*d="[^"]+"/.exec(expected)?.[0].split(' d=')[1] ?? 'no path');
  });

  it('counts every submission through an untrusted proxy against the proxy’s one address', async () => {
    const statuses: number[] = [];
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      const res = await fetch(submitUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ answers }),
      });
      statuses.push(res.status);
    }
    // Two earlier submissions of this file came from 127.0.0.1 as well (limit 3): the header
    // changes nothing, so the second and third are refused.
    expect(statuses).toEqual([201, 429, 429]);
  });
});

describe('public survey rate limit behind a trusted proxy, and metrics behind a token', () => {
  let t: ServiceTestApp;
  const token = 'metrics-token-for-tests-0123456789';
  afterAll(() => t?.close());

  beforeAll(async () => {
    t = await startServiceTestApp(SURVEY_SERVICE, {
      module: (rt) => SurveyApiModule.forRoot(rt, { publicRateLimit: { limit: 2, windowSeconds: 600 } }),
      runtime: { trustedProxies: ['127.0.0.1', '::1'], metricsToken: token, clock: testClock() },
    });
  });

  const post = (forwardedFor?: string) =>
    fetch(
      `${t.url}/api/survey/public/surveys/00000000-0000-4000-8000-000000000000/waves/00000000-0000-4000-8000-000000000000/responses`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
        body: '{"answers":{}}',
      },
    ).then((r) => r.status);

  it('gives each client named by the trusted proxy its own allowance', async () => {
    expect([await post('203.0.113.1'), await post('203.0.113.1'), await post('203.0.113.1')]).toEqual([
      404, 404, 429,
    ]);
    expect([await post('203.0.113.2'), await post('203.0.113.2')]).toEqual([404, 404]);
    // A client cannot escape its limit by writing its own X-Forwarded-For in front.
    expect(await post('10.9.9.9, 203.0.113.1')).toBe(429);
  });

  it('answers metrics only with the bearer token', async () => {
    const metrics = `${t.url}/api/survey/metrics`;
    expect((await fetch(metrics)).status).toBe(401);
    expect(
      (await fetch(metrics, { headers: { authorization: 'Bearer wrong-token-wrong-token-xx' } })).status,
    ).toBe(401);
    const ok = await fetch(metrics, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('quartier_http_request_duration_seconds');
    expect((await fetch(`${t.url}/api/survey/health/live`)).status).toBe(200);
  });
});

describe('metrics served on a port of their own (METRICS_PORT) or switched off', () => {
  let t: ServiceTestApp;
  afterAll(() => t?.close());

  beforeAll(async () => {
    t = await startServiceTestApp(SURVEY_SERVICE, {
      runtime: { metricsOnApiPort: false, clock: testClock() },
    });
  });

  it('leaves none on the API port, with or without a token, while health answers', async () => {
    const metrics = await fetch(`${t.url}/api/survey/metrics`);
    expect(metrics.status).toBe(404);
    expect(await metrics.text()).not.toContain('quartier_http_request_duration_seconds');
    expect((await fetch(`${t.url}/api/survey/health/live`)).status).toBe(200);
  });
});
