// The gateway config of the portal image (infra/nginx) served by a real nginx, where one is
// installed (Debian: nginx-light): every service name resolved through the resolver that
// 30-quartier-gateway.sh writes, here pointed at a DNS stub that knows the services the way
// Docker's embedded DNS knows their containers. One HTTP server on 127.0.0.1 stands in for all
// services. Only the ports, the file locations and the resolver's port differ from the image.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES } from '@quartier/contracts';
import { servicePaths } from '@quartier/service-kit';
import { ROOT, SERVICE_PORT, hostOf, read } from './deploy-test-support';
import { startDnsStub, type DnsStub } from './dns-stub';

const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'].find((p) =>
  existsSync(p),
);

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bodyBytes: number;
}

/** `text` with `from` replaced everywhere; a rewrite that no longer applies is an error, not a no-op. */
function substitute(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`gateway config no longer contains "${from}"`);
  return text.replaceAll(from, to);
}

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

(NGINX ? describe : describe.skip)('infra/nginx gateway served by nginx (where nginx is installed)', () => {
  let dir: string;
  let dns: DnsStub;
  let backend: Server;
  let nginx: ChildProcess;
  let origin: string;
  const seen: Seen[] = [];
  let releaseStream: () => void = () => undefined;

  const serve = (request: IncomingMessage, response: ServerResponse) => {
    let bodyBytes = 0;
    request.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, headers: request.headers, bodyBytes });
      if (request.url!.endsWith('/own-502')) {
        response.writeHead(502, { 'content-type': 'application/json' }).end('{"from":"service"}');
      } else if (request.url!.endsWith('/progress')) {
        // A Server-Sent-Events-like stream: the first part must reach the client before the end.
        response.writeHead(200, { 'content-type': 'text/event-stream', 'x-accel-buffering': 'no' });
        response.write('data: first\n\n');
        releaseStream = () => response.end('data: last\n\n');
      } else {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
      }
    });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quartier-nginx-'));
    // nginx's workers drop root privileges: let them read the config and write temp files.
    chmodSync(dir, 0o755);
    for (const sub of ['tmp', 'html', 'portal']) mkdirSync(join(dir, sub), { mode: 0o777 });
    chmodSync(join(dir, 'tmp'), 0o777);
    cpSync(join(ROOT, 'infra/nginx/snippets'), join(dir, 'snippets'), { recursive: true });
    writeFileSync(join(dir, 'html', 'index.html'), '<!doctype html><title>Quartier</title>\n');

    dns = await startDnsStub({
      ...Object.fromEntries(SERVICES.map((s) => [hostOf(s), '127.0.0.1'])),
      // Known to DNS, nothing listening: a service whose replicas refuse connections.
      'stopped-service': '127.0.0.2',
    });
    backend = createServer(serve);
    const backendPort = await listen(backend);
    const probe = createServer();
    const port = await listen(probe);
    probe.close();
    origin = `http://127.0.0.1:${port}`;

    // The image's start-up script writes the resolver; resolv.conf cannot name a port, the stub needs one.
    writeFileSync(join(dir, 'resolv.conf'), 'nameserver 127.0.0.1\n');
    const script = spawnSync('sh', [join(ROOT, 'infra/nginx/docker-entrypoint.d/30-quartier-gateway.sh')], {
      env: {
        PATH: '/usr/bin:/bin',
        RESOLV_CONF: join(dir, 'resolv.conf'),
        GATEWAY_CONFIG_DIR: join(dir, 'gateway'),
      },
      encoding: 'utf8',
    });
    if (script.status !== 0) throw new Error(script.stderr);
    const resolverConf = join(dir, 'gateway', 'resolver.conf');
    writeFileSync(
      resolverConf,
      substitute(
        readFileSync(resolverConf, 'utf8'),
        'resolver 127.0.0.1 ',
        `resolver 127.0.0.1:${dns.port} `,
      ),
    );

    let conf = read('infra/nginx/conf.d/default.conf');
    conf = substitute(conf, 'listen 8080;', `listen 127.0.0.1:${port};`);
    conf = substitute(conf, `:${SERVICE_PORT};`, `:${backendPort};`);
    conf = substitute(conf, 'server keycloak:8080;', `server 127.0.0.1:${backendPort};`);
    conf = substitute(conf, '/etc/nginx/snippets/', `${dir}/snippets/`);
    conf = substitute(conf, '/tmp/quartier-gateway/', `${dir}/gateway/`);
    conf = substitute(conf, '/tmp/quartier-portal/', `${dir}/portal/`);
    conf = substitute(conf, 'root /usr/share/nginx/html;', `root ${dir}/html;`);
    writeFileSync(join(dir, 'default.conf'), conf);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
      .map((kind) => `${kind}_temp_path ${dir}/tmp/${kind};`)
      .join(' ');
    writeFileSync(
      join(dir, 'nginx.conf'),
      `worker_processes 1; pid ${dir}/nginx.pid;\nevents { worker_connections 64; }\n` +
        `http { default_type application/octet-stream; access_log off; ${temp}\ninclude ${dir}/default.conf; }\n`,
    );

    nginx = spawn(
      NGINX!,
      ['-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
      {
        stdio: 'ignore',
      },
    );
    for (let attempt = 0; ; attempt++) {
      const up = await fetch(`${origin}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (attempt >= 100 || nginx.exitCode !== null) {
        throw new Error(`nginx did not start: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGTERM');
      await once(nginx, 'exit');
    }
    await dns?.close();
    backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${origin}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
  const lastSeen = () => seen.at(-1);

  it.each(SERVICES)(
    'routes /api/%s/ to that service’s container, with the URI unchanged and the forwarding headers',
    async (service) => {
      const path = `${servicePaths(service).base}/areas/a%2Fb?level=bezirk&q=%20x`;
      const before = seen.length;
      const response = await get(path, { 'X-Forwarded-Proto': 'https' });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
      expect(seen).toHaveLength(before + 1);
      expect(lastSeen()!.url).toBe(path);
      expect(dns.questions).toContain(hostOf(service));
      expect(lastSeen()!.headers).toEqual(
        expect.objectContaining({
          host: '127.0.0.1',
          'x-forwarded-host': '127.0.0.1',
          'x-forwarded-proto': 'https',
          'x-real-ip': '127.0.0.1',
        }),
      );
    },
  );

  it('never passes a metrics path on, in any spelling', async () => {
    const before = seen.length;
    for (const service of SERVICES) {
      const { metrics } = servicePaths(service);
      for (const path of [
        metrics,
        `${metrics}/`,
        `${metrics.slice(0, -7)}METRICS`,
        `${metrics}?format=json`,
      ]) {
        expect(`${path} ${(await get(path)).status}`).toBe(`${path} 404`);
      }
      // Outside the case-sensitive /api/ prefix a path is the portal's, never a service's.
      expect((await get(metrics.toUpperCase())).status).toBe(200);
    }
    expect(seen.slice(before)).toEqual([]);
  });

  it('answers an unknown service with a JSON 404 and an unreachable one with a JSON 502', async () => {
    for (const path of ['/api/nosuch/x', '/api/Registry/x', '/api/']) {
      const response = await get(path);
      expect(`${path} ${response.status} ${response.headers.get('content-type')}`).toBe(
        `${path} 404 application/json`,
      );
      expect(await response.json()).toEqual({
        statusCode: 404,
        code: 'UnknownService',
        message: 'unknown service',
      });
    }
    const stopped = await get('/api/stopped/x');
    expect(stopped.status).toBe(502);
    expect(await stopped.json()).toEqual({
      statusCode: 502,
      code: 'ServiceUnavailable',
      message: 'service unavailable',
    });
  });

  it('passes a service’s own 502 through untouched', async () => {
    const response = await get(`${servicePaths(SERVICES[0]).base}/own-502`);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ from: 'service' });
  });

  it('streams a large upload and a progress stream without waiting for the end', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 7);
    const upload = await fetch(`${origin}${servicePaths(SERVICES[0]).base}/imports`, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(10_000),
    });
    expect(upload.status).toBe(200);
    expect(lastSeen()).toEqual(expect.objectContaining({ method: 'POST', bodyBytes: body.length }));

    const stream = await get(`${servicePaths(SERVICES[0]).base}/jobs/1/progress`);
    const reader = stream.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe('data: first\n\n');
    releaseStream();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += Buffer.from(chunk.value).toString();
    }
    expect(rest).toBe('data: last\n\n');
  });

  it('serves the health endpoint and sends Keycloak’s paths to Keycloak', async () => {
    expect(await (await get('/healthz')).text()).toBe('ok\n');
    const before = seen.length;
    expect((await get('/realms/quartier/.well-known/openid-configuration')).status).toBe(200);
    expect(seen.slice(before).map((s) => s.url)).toEqual([
      '/realms/quartier/.well-known/openid-configuration',
    ]);
  });
});
