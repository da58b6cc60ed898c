import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ConfigError, loadServiceConfig, metricsExposure } from '../config';
import { startMetricsServer } from './metrics-endpoint';

describe('metrics of a service container (distributed mode)', () => {
  const base = { DATABASE_URL: 'postgres://db/quartier', OIDC_ISSUER: 'https://sso.example.de/realms/q' };
  const problems = (env: Record<string, string>): string[] => {
    try {
      loadServiceConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('refuses to start with metrics open on the API port: no token, no port of their own, not disabled', () => {
    expect(problems(base)).toEqual([expect.stringMatching(/^METRICS_TOKEN: required in distributed mode/)]);
    expect(problems({ ...base, METRICS_DISABLED: 'false' })).toHaveLength(1);
    expect(problems({ ...base, METRICS_PORT: '3000' })).toEqual([
      expect.stringMatching(/^METRICS_PORT: must differ from PORT/),
    ]);
    expect(problems({ ...base, METRICS_DISABLED: 'maybe' })).toEqual([
      'METRICS_DISABLED: METRICS_DISABLED must be true or false',
    ]);
  });

  it('serves them with the token on the API port, on a port of their own, or not at all', () => {
    const token = loadServiceConfig({ ...base, METRICS_TOKEN: 'a-long-enough-token-1234' });
    expect(metricsExposure(token)).toEqual({ onApiPort: true });
    const port = loadServiceConfig({ ...base, METRICS_PORT: '9464' });
    expect(metricsExposure(port)).toEqual({ onApiPort: false, separatePort: 9464 });
    const off = loadServiceConfig({ ...base, METRICS_DISABLED: 'true' });
    expect(metricsExposure(off)).toEqual({ onApiPort: false });
  });
});

describe('the separate metrics port', () => {
  let server: Server;
  let url: string;
  const token = 'scrape-token-0123456789';

  beforeAll(async () => {
    server = await startMetricsServer({ port: 0, host: '127.0.0.1', path: '/api/survey/metrics', token });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the metrics path with the token and nothing else', async () => {
    const ok = await fetch(`${url}/api/survey/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toContain('process_cpu');
    expect((await fetch(`${url}/api/survey/metrics`)).status).toBe(401);
    const wrong = await fetch(`${url}/api/survey/metrics`, {
      headers: { authorization: 'Bearer scrape-token-0123456780' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect((await fetch(`${url}/api/survey/health/live`)).status).toBe(404);
    expect((await fetch(`${url}/api/survey/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
