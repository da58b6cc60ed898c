import { startPlatform, type PlatformUnderTest } from '@quartier/service-kit';
import { networkInterfaces } from 'node:os';

// The embedded platform opened to the network (HOST=0.0.0.0) on an external database, as a
// server install runs it: its metrics (request counts per route, heap, event-loop lag) must not
// be open to whoever reaches the port. Without METRICS_TOKEN it refuses to start; with one,
// every service's /metrics answers 401 unless the scraper presents it — also on an address of
// this machine other than loopback, when it has one. Needs the compiled platform.
jest.setTimeout(300_000);

const TOKEN = 'scrape-token-0123456789abcdef';
const SERVICES = ['registry', 'indicator', 'network', 'survey', 'programme', 'evaluation', 'reporting'];
const OPEN = { HOST: '0.0.0.0', QUARTIER_DEMO: 'false' };

/** An IPv4 address of this machine that is not loopback, if it has one. */
function lanAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

describe('embedded platform listening beyond loopback', () => {
  it('refuses to start without METRICS_TOKEN (or METRICS_DISABLED=true)', async () => {
    await expect(startPlatform(OPEN, 'platform_metrics')).rejects.toThrow(
      /METRICS_TOKEN: required when HOST \(0\.0\.0\.0\) is reachable beyond loopback/,
    );
  });

  describe('with METRICS_TOKEN', () => {
    let p: PlatformUnderTest;
    beforeAll(async () => {
      p = await startPlatform({ ...OPEN, METRICS_TOKEN: TOKEN }, 'platform_metrics');
    });
    afterAll(async () => {
      await p?.stop();
    });

    it('answers every service’s metrics only with the token', async () => {
      const port = new URL(p.baseUrl).port;
      const lan = lanAddress();
      const origins = [p.baseUrl, ...(lan ? [`http://${lan}:${port}`] : [])];
      for (const origin of origins)
        for (const service of SERVICES) {
          const url = `${origin}/api/${service}/metrics`;
          const anonymous = await fetch(url);
          expect([url, anonymous.status]).toEqual([url, 401]);
          expect(await anonymous.text()).not.toMatch(/process_|http_request/);
          const wrong = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}x` } });
          expect([url, wrong.status]).toEqual([url, 401]);
          const scraper = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
          expect([url, scraper.status]).toEqual([url, 200]);
          expect(await scraper.text()).toMatch(/^# (HELP|TYPE) /m);
        }
      // The API itself is reachable the same way (the token guards the metrics, not the port).
      expect((await fetch(`${origins.at(-1)}/api/registry/health/live`)).status).toBe(200);
    });
  });
});
