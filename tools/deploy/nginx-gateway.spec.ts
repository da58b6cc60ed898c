// The nginx gateway config (infra/nginx), read with a parser of nginx syntax, and the start-up
// scripts of the portal image run with sh. nginx-gateway.live.spec.ts serves the same config
// with a real nginx where one is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES } from '@quartier/contracts';
import { servicePaths } from '@quartier/service-kit';
import { loadCompose } from './compose';
import { ROOT, SERVICE_PORT, hostOf, read } from './deploy-test-support';
import { child, findDirectives, parseNginxConf, type NginxDirective } from './nginx-conf';

const GATEWAY_SCRIPT = join(ROOT, 'infra/nginx/docker-entrypoint.d/30-quartier-gateway.sh');
const PORTAL_CONFIG_SCRIPT = join(ROOT, 'infra/nginx/docker-entrypoint.d/40-quartier-portal-config.sh');
/** The default of a `${NAME:-default}` in a start-up script. */
const scriptDefault = (script: string, name: string) =>
  new RegExp(`\\$\\{${name}:-([^}]+)\\}`).exec(readFileSync(script, 'utf8'))![1]!;

describe('infra/nginx gateway', () => {
  const conf = parseNginxConf(read('infra/nginx/conf.d/default.conf'));
  const server = conf.find((d) => d.name === 'server')!;
  const locations = server.block!.filter((d) => d.name === 'location');
  const location = (...args: string[]) => locations.find((l) => l.args.join(' ') === args.join(' '));
  const upstreamServer = (proxyPass: string) => {
    const name = proxyPass.replace(/^http:\/\//, '');
    const upstream = conf.find((d) => d.name === 'upstream' && d.args[0] === name);
    return upstream ? child(upstream, 'server')?.args[0] : undefined;
  };
  const compose = loadCompose(join(ROOT, 'docker-compose.yml'));

  // nginx's choice for a path under /api/: `^~ /api/` stops the search among the server's
  // regexes, then its nested regex locations are tried in order, the first match wins.
  const api = location('^~', '/api/')!;
  const nested = (api?.block ?? []).filter((d) => d.name === 'location');
  const regexOf = (l: NginxDirective) => new RegExp(l.args.at(-1)!, l.args[0] === '~*' ? 'i' : '');
  const apiLocationFor = (path: string) => nested.find((l) => regexOf(l).test(path)) ?? api;
  /** Where nginx proxies `path`, with the variables filled as the gateway script sets them. */
  const proxyTarget = (path: string, serviceDomain = '') => {
    const chosen = apiLocationFor(path);
    const proxyPass = child(chosen, 'proxy_pass')?.args[0];
    if (!proxyPass) return undefined;
    const groups = regexOf(chosen).exec(path)!.groups ?? {};
    return proxyPass.replace(/\$(\w+)/g, (_, name: string) =>
      name === 'quartier_service_domain' ? serviceDomain : (groups[name] ?? `<unset ${name}>`),
    );
  };
  const returned = (path: string) => child(apiLocationFor(path), 'return')?.args;

  it('sends every /api/ path through one ^~ location, so no other location can answer it', () => {
    expect(api).toBeDefined();
    expect(locations.filter((l) => l !== api && l.args.some((a) => a.startsWith('/api')))).toEqual([]);
  });

  it.each(SERVICES)(
    'routes /api/%s/ to that service’s container and port, passing the URI unchanged',
    (service) => {
      const { base } = servicePaths(service);
      for (const path of [`${base}/`, `${base}/areas`, `${base}/docs-json`, `${base}/a/b/c`]) {
        // No URI part after host:port: nginx forwards /api/<service>/… as received.
        expect(proxyTarget(path)).toBe(`http://${hostOf(service)}:${SERVICE_PORT}`);
      }
      expect(compose.services[hostOf(service)]!.environment!['PORT']).toBe(String(SERVICE_PORT));
      // On Kubernetes the same name within the pod's namespace.
      expect(proxyTarget(`${base}/x`, '.quartier.svc.cluster.local')).toBe(
        `http://${hostOf(service)}.quartier.svc.cluster.local:${SERVICE_PORT}`,
      );
    },
  );

  it.each(SERVICES)('answers /api/%s/metrics with 404 (Prometheus scrapes inside the network)', (service) => {
    const { metrics, base } = servicePaths(service);
    // The services' router ignores case and a trailing slash, so the gateway must too.
    for (const path of [metrics, `${metrics}/`, `${base}/METRICS`, `${base}/Metrics/`]) {
      expect(`${path} ${proxyTarget(path)} ${returned(path)}`).toBe(`${path} undefined 404`);
    }
    expect(proxyTarget(`${base}/metrics-catalogue`)).toBe(`http://${hostOf(service)}:${SERVICE_PORT}`);
  });

  it('answers paths that cannot name a service with a JSON 404, and maps its own 502s', () => {
    for (const path of ['/api/', '/api/Registry/x', '/api/a.b/x', '/api/-x/', '/api/registry']) {
      expect(`${path} ${proxyTarget(path)}`).toBe(`${path} undefined`);
      expect(returned(path)?.[0]).toBe('404');
      expect(JSON.parse(returned(path)![1]!)).toEqual({
        statusCode: 404,
        code: 'UnknownService',
        message: 'unknown service',
      });
    }
    // A name nothing resolves (no address tried) is unknown; refused connections are a 502.
    const route = apiLocationFor(servicePaths(SERVICES[0]).base + '/');
    expect(child(route, 'error_page')?.args).toEqual(['502', '=', '@service_unreachable']);
    const unreachable = location('@service_unreachable')!;
    const unknown = child(unreachable, 'if')!;
    expect(unknown.args).toEqual(['($upstream_addr', '=', '', ')']);
    expect(child(unknown, 'return')?.args[0]).toBe('404');
    expect(child(unreachable, 'return')?.args[0]).toBe('502');
  });

  it('looks service names up through the resolver the gateway script writes', () => {
    const include = findDirectives(server.block!, 'include').find((d) => d.args[0]!.startsWith('/tmp/'));
    expect(include?.args).toEqual([`${scriptDefault(GATEWAY_SCRIPT, 'GATEWAY_CONFIG_DIR')}/resolver.conf`]);
    // At server level, so the variable it sets exists in every location.
    expect(server.block).toContain(include);
  });

  it('sends Keycloak’s browser paths, and not its admin API, to Keycloak', () => {
    for (const path of ['/realms/', '/resources/']) {
      expect(upstreamServer(child(location('^~', path)!, 'proxy_pass')!.args[0]!)).toBe('keycloak:8080');
    }
    expect(locations.some((l) => l.args.some((a) => a.startsWith('/admin')))).toBe(false);
  });

  it('serves the single-page app with a fallback to index.html and the generated portal config', () => {
    expect(child(location('/')!, 'try_files')?.args).toEqual(['$uri', '$uri/', '/index.html']);
    expect(child(location('=', '/portal-config.json')!, 'alias')?.args).toEqual([
      `${scriptDefault(PORTAL_CONFIG_SCRIPT, 'PORTAL_CONFIG_DIR')}/portal-config.json`,
    ]);
  });

  it('listens on the port compose publishes and includes only snippets the image ships', () => {
    expect(child(server, 'listen')?.args).toEqual(['8080']);
    expect(compose.services['portal']!.ports).toEqual(['8080:8080']);
    const includes = findDirectives(conf, 'include')
      .map((d) => d.args[0]!)
      .filter((path) => !path.startsWith('/tmp/'));
    expect(includes.length).toBeGreaterThan(0);
    for (const include of includes) {
      expect(include).toMatch(/^\/etc\/nginx\/snippets\//);
      expect(
        existsSync(join(ROOT, 'infra/nginx/snippets', include.replace('/etc/nginx/snippets/', ''))),
      ).toBe(true);
    }
  });

  it('parses nginx syntax faithfully, and reports what is malformed', () => {
    const parsed = parseNginxConf(
      'a 1 "two words" "q\\"\\n";\nb { c \'x;y\'; }\nrewrite ^/(.*)${x}$ /$1 last;',
    );
    expect(parsed.map((d: NginxDirective) => [d.name, d.args])).toEqual([
      ['a', ['1', 'two words', 'q"\n']],
      ['b', []],
      ['rewrite', ['^/(.*)${x}$', '/$1', 'last']],
    ]);
    expect(parsed[1]!.block).toEqual([{ name: 'c', args: ['x;y'], line: 2 }]);
    expect(() => parseNginxConf('a {\n b;')).toThrow('expecting "}"');
    expect(() => parseNginxConf('a b\n}')).toThrow('line 2: unexpected "}"');
    expect(() => parseNginxConf('a "b;')).toThrow('unterminated string');
  });

  describe('30-quartier-gateway.sh (run with sh)', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'quartier-gateway-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const run = (resolvConf: string | undefined, env: Record<string, string> = {}) => {
      if (resolvConf !== undefined) writeFileSync(join(dir, 'resolv.conf'), resolvConf);
      return spawnSync('sh', [GATEWAY_SCRIPT], {
        env: {
          PATH: '/usr/bin:/bin',
          GATEWAY_CONFIG_DIR: join(dir, 'out'),
          RESOLV_CONF: join(dir, 'resolv.conf'),
          ...env,
        },
        encoding: 'utf8',
      });
    };
    const written = () => join(dir, 'out', 'resolver.conf');
    const directives = () => parseNginxConf(readFileSync(written(), 'utf8'));

    it('copies Docker’s embedded DNS from resolv.conf; compose needs no service domain', () => {
      const result = run(
        '# Generated by Docker Engine.\nnameserver 127.0.0.11\nsearch example.org\noptions ndots:0\n',
      );
      expect(result.status).toBe(0);
      expect(directives().map((d) => [d.name, d.args])).toEqual([
        ['resolver', ['127.0.0.11', 'valid=10s', 'ipv6=off']],
        ['resolver_timeout', ['5s']],
        ['set', ['$quartier_service_domain', '']],
      ]);
    });

    it('uses every usable nameserver and the Kubernetes service domain', () => {
      const result = run('nameserver 10.96.0.10\nnameserver fd00::a\nnameserver fe80::1%eth0\n', {
        QUARTIER_SERVICE_DOMAIN: 'quartier.svc.cluster.local.',
      });
      expect(result.status).toBe(0);
      expect(directives()[0]!.args).toEqual(['10.96.0.10', '[fd00::a]', 'valid=10s', 'ipv6=off']);
      expect(directives()[2]!.args).toEqual(['$quartier_service_domain', '.quartier.svc.cluster.local']);
    });

    it.each([
      [
        'nameserver 127.0.0.11\n',
        { QUARTIER_SERVICE_DOMAIN: 'a";include /x;' },
        'QUARTIER_SERVICE_DOMAIN must be a DNS name',
      ],
      [
        'nameserver 127.0.0.11\n',
        { QUARTIER_SERVICE_DOMAIN: 'Quartier.svc' },
        'QUARTIER_SERVICE_DOMAIN must be a DNS name',
      ],
      [
        'nameserver 127.0.0.11\n',
        { QUARTIER_SERVICE_DOMAIN: 'a..b' },
        'QUARTIER_SERVICE_DOMAIN must be a DNS name',
      ],
      ['search example.org\nnameserver fe80::1%eth0\n', {}, 'names no usable nameserver'],
      [undefined, {}, 'cannot read'],
    ] as [string | undefined, Record<string, string>, string][])(
      'stops the container on resolv.conf %j with %j, writing nothing',
      (resolvConf, env, message) => {
        const result = run(resolvConf, env);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain(message);
        expect(existsSync(written())).toBe(false);
      },
    );
  });

  describe('40-quartier-portal-config.sh (run with sh)', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'quartier-portal-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const run = (env: Record<string, string>) =>
      spawnSync('sh', [PORTAL_CONFIG_SCRIPT], {
        env: { PATH: '/usr/bin:/bin', PORTAL_CONFIG_DIR: dir, ...env },
        encoding: 'utf8',
      });
    const written = () => join(dir, 'portal-config.json');

    it('writes the portal configuration from the environment, with defaults', () => {
      const result = run({ OIDC_ISSUER: 'https://quartier.example.de/realms/quartier/' });
      expect(result.status).toBe(0);
      expect(JSON.parse(readFileSync(written(), 'utf8'))).toEqual({
        oidcIssuer: 'https://quartier.example.de/realms/quartier',
        oidcClientId: 'quartier-portal',
        apiBaseUrl: '',
      });
      run({
        OIDC_ISSUER: 'http://x/realms/quartier',
        OIDC_CLIENT_ID: 'other',
        API_BASE_URL: 'https://api.example.de/',
      });
      expect(JSON.parse(readFileSync(written(), 'utf8'))).toEqual({
        oidcIssuer: 'http://x/realms/quartier',
        oidcClientId: 'other',
        apiBaseUrl: 'https://api.example.de',
      });
    });

    it.each([
      [{}, 'OIDC_ISSUER must be set'],
      [{ OIDC_ISSUER: 'quartier.example.de' }, 'OIDC_ISSUER must be an http(s) URL'],
      [{ OIDC_ISSUER: 'http://a"b' }, 'OIDC_ISSUER must not contain quotes or backslashes'],
      [{ OIDC_ISSUER: 'http://a\tb' }, 'OIDC_ISSUER must not contain control characters'],
      [
        { OIDC_ISSUER: 'http://a', API_BASE_URL: 'api' },
        'API_BASE_URL must be empty, a path or an http(s) URL',
      ],
    ])('stops the container on %j, writing nothing', (env, message) => {
      const result = run(env as Record<string, string>);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(message);
      expect(existsSync(written())).toBe(false);
    });
  });
});
