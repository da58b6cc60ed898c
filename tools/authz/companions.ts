// Services a service under test reads from, running beside it in the same process: the
// evaluation service learns programmes and indicator values from the programme and indicator
// services' events, the reporting service gathers a report over HTTP from the registry and the
// indicator service. Each companion is the real service (its own database, guard and outbox);
// all share the process's in-process event bus, as the embedded platform's modules do, and
// accept the tokens of the service under test's login provider. A router answers
// `/api/<service>/…` for the reporting service's SERVICE_URL_TEMPLATE.
import type { ServiceName } from '@quartier/contracts';
import {
  areaUpsertEvents,
  startServiceTestApp,
  type ServiceTestApp,
  type TestArea,
} from '@quartier/service-kit';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PLATFORM_SERVICES } from '@quartier/platform-services';

/** Which services each service under test needs beside it for its fixtures. */
export const COMPANIONS: Readonly<Partial<Record<ServiceName, readonly ServiceName[]>>> = {
  evaluation: ['programme', 'indicator'],
  reporting: ['registry', 'indicator'],
};

export interface Router {
  /** The base every service is reached at (`{service}` is in the path). */
  readonly url: string;
  route(service: string, url: string): void;
  close(): Promise<void>;
}

/** Forwards `/api/<service>/…` to the app serving that service. */
export async function startRouter(): Promise<Router> {
  const routes = new Map<string, URL>();
  const server: Server = createServer((req, res) => {
    const service = /^\/api\/([a-z]+)\//.exec(req.url ?? '')?.[1];
    const target = service ? routes.get(service) : undefined;
    if (!target) {
      res.writeHead(502).end(`no service behind ${req.url}`);
      return;
    }
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    route: (service, url) => routes.set(service, new URL(url)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The companions of `service`, trusting `issuer` (the login provider of the service under test). */
export async function startCompanions(
  service: ServiceName,
  issuer: string,
  router: Router,
): Promise<Map<ServiceName, ServiceTestApp>> {
  const apps = new Map<ServiceName, ServiceTestApp>();
  for (const name of COMPANIONS[service] ?? []) {
    const definition = PLATFORM_SERVICES.find((s) => s.name === name)!;
    const app = await startServiceTestApp(definition, { runtime: { oidcIssuer: issuer } });
    apps.set(name, app);
    router.route(name, app.url);
  }
  return apps;
}

/**
 * Areas as the registry's events bring them: published on the shared bus, so the service under
 * test and every companion hold the same ids (code → id).
 */
export async function publishAreas(
  t: ServiceTestApp,
  tenantId: string,
  areas: readonly TestArea[],
): Promise<Record<string, string>> {
  const { ids, events } = areaUpsertEvents(tenantId, areas);
  for (const event of events) await t.deliver(event);
  return ids;
}

/** Waits until `probe` holds (a companion's facts reaching another service by its events). */
export async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`authz companions: ${what} did not happen within ${timeoutMs} ms`);
}
