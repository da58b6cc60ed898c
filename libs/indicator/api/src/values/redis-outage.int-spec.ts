import type { ServiceTestApp } from '@quartier/service-kit';
import { runImport, startIndicatorTestApp } from '../testing/indicator-test-app';

// The map cache's Redis is down for the whole run (nothing listens on port 1): every read misses
// at once and is computed from PostgreSQL, and a failed invalidation cannot serve stale maps.
describe('indicator maps while Redis is down (real PostgreSQL, OIDC tokens)', () => {
  let t: ServiceTestApp;

  const values = async () => {
    const started = Date.now();
    const response = await t.call(
      'GET',
      '/api/indicator/values?indicator=Q1&period=2020&level=planungsraum',
      'viewer',
    );
    expect(response.status).toBe(200);
    // Liveness, not speed: with an offline queue a read waited ~15 s for Redis to come back; an
    // answer from PostgreSQL takes milliseconds, so 10 s separates the two even on a loaded machine.
    expect(Date.now() - started).toBeLessThan(10_000);
    const items = response.body['items'] as { code: string; value: number | null }[];
    return Object.fromEntries(items.map((item) => [item.code, item.value]));
  };

  beforeAll(async () => {
    ({ t } = await startIndicatorTestApp({ redisUrl: 'redis://127.0.0.1:1' }));
  }, 120_000);
  afterAll(() => t?.close());

  it('answers maps from PostgreSQL and shows new values at once', async () => {
    const csv = (x101: number) =>
      ['area,period,indicator,value', `X101,2020,Q1,${x101}`, 'X102,2020,Q1,40'].join('\n');
    expect((await runImport(t, 'csv', csv(10))).job?.status).toBe('succeeded');
    expect(await values()).toMatchObject({ X101: 10, X102: 40 });
    expect(await values()).toMatchObject({ X101: 10, X102: 40 });
    expect((await runImport(t, 'csv', csv(15))).job?.status).toBe('succeeded');
    expect(await values()).toMatchObject({ X101: 15, X102: 40 });
  });
});
