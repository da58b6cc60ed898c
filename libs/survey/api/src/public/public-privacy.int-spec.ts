import { startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { request } from 'node:http';
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

/**
 * A JSON POST sent from `localAddress`, a loopback address of the test's own: the rate limit
 * counts per client address, so a test's allowance is not what other tests left of it.
 */
function postFrom(
  localAddress: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('public survey submissions leave no trail (real PostgreSQL)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let surveyId: string;
  let waveId: string;
  let client: string;
  let clients = 0;
  const submit = (headers: Record<string, string>, survey = { surveyId, waveId }) =>
    postFrom(
      client,
      `${t.url}/api/survey/public/surveys/${survey.surveyId}/waves/${survey.waveId}/responses`,
      headers,
      { answers },
    );

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
    // No test here depends on the responses or events another left in this survey.
    ({ surveyId, waveId } = await openSurvey(t, ids));
  });
  afterAll(() => t?.close());

  // Each test submits from a loopback address of its own: a full allowance of the rate limit.
  beforeEach(() => {
    client = `127.0.0.${(clients += 1) + 1}`;
  });

  it('logs a failed submission without its answers or free text', async () => {
    await t.db.query(`ALTER TABLE survey_response ADD CONSTRAINT refuse_for_test CHECK (false) NOT VALID`);
    let status = 0;
    const output = await captureOutput(async () => {
      status = await submit({ 'x-forwarded-for': '198.51.100.1' });
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
    // A survey of its own: the events it counts are only this submission's.
    const own = await openSurvey(t, ids);
    expect(await submit({ 'x-correlation-id': 'trace-me-123' }, own)).toBe(201);
    const ofThisSurvey = `type = 'survey.response.submitted' AND envelope->'payload'->>'surveyId' = $1`;
    const rows: {
      created_at: Date;
      published_at: Date | null;
      correlation_id: string;
      envelope: { correlationId: string; occurredAt: string };
    }[] = await t.db.query(
      `SELECT created_at, published_at, correlation_id, envelope FROM outbox WHERE ${ofThisSurvey}`,
      [own.surveyId],
    );
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.correlation_id).not.toBe('trace-me-123');
    expect(row.envelope.correlationId).toBe(row.correlation_id);
    const [{ created, published }] = await t.db.query(
      `SELECT created_at = date_trunc('day', created_at) AS created,
              published_at IS NULL OR published_at = date_trunc('day', published_at) AS published
         FROM outbox WHERE ${ofThisSurvey}`,
      [own.surveyId],
    );
    expect({ created, published }).toEqual({ created: true, published: true });
    // Once the relay marks it sent, the sending time is cut to the day as well.
    await t.db.query(`UPDATE outbox SET published_at = now() WHERE ${ofThisSurvey}`, [own.surveyId]);
    const [{ day }] = await t.db.query(
      `SELECT published_at = date_trunc('day', published_at) AS day FROM outbox WHERE ${ofThisSurvey}`,
      [own.surveyId],
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
    for (const forwardedFor of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'])
      statuses.push(await submit({ 'x-forwarded-for': forwardedFor }));
    // The header changes nothing: the proxy's address has had its three (limit 3), the fourth is refused.
    expect(statuses).toEqual([201, 201, 201, 429]);
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
