// Distributed-mode deployment files, checked against the code they deploy.
//
// No Docker engine, kustomize binary, kubeconform or cluster exists on the development and CI
// machines, so these tests are the validation: they parse the deployment files and hold every
// service name, port, environment variable, probe path and topic to libs/contracts and
// libs/service-kit. The shell scripts that run inside the containers are executed for real
// with stand-ins for the binaries they call. This file: the Dockerfile, the build context,
// Kafka topics, PostgreSQL init and the Keycloak realm; docker-compose.spec.ts,
// k8s-overlays.spec.ts and nginx-gateway*.spec.ts the rest.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES } from '@quartier/contracts';
import { loadCompose } from './compose';
import {
  EXPECTED_TOPICS,
  REALM_FILE,
  ROOT,
  SERVICE_PORT,
  dockerStages,
  entrypoint,
  read,
  readTopicList,
  stage,
} from './deploy-test-support';
import { buildKustomization } from './kustomize';

// ---- Dockerfile ---------------------------------------------------------------------------

function serverCmd(): string[] {
  const cmd = stage('server').lines.find((l) => l.startsWith('CMD '));
  return JSON.parse(cmd!.slice(4)) as string[];
}
describe('Dockerfile', () => {
  it('installs with npm ci from the lockfile before copying sources, then builds server and portal', () => {
    const build = stage('build').lines;
    const lockCopy = build.findIndex((l) => /^COPY package\.json package-lock\.json/.test(l));
    const install = build.findIndex((l) => /\bnpm ci\b/.test(l));
    const sources = build.findIndex((l) => l === 'COPY . .');
    expect(lockCopy).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(lockCopy);
    expect(sources).toBeGreaterThan(install);
    expect(build.slice(sources)).toContain('RUN node tools/build.mjs');
    // tools/build.mjs compiles apps/ and libs/ into dist/server (beside it first, then moved
    // there whole), which is what the entry points assume.
    expect(read('tools/build.mjs')).toMatch(/\[\s*'apps',\s*'libs',\s*'-d',/);
    expect(read('tools/build.mjs')).toMatch(/replaceDirectory\(next, join\(root, 'dist\/server'\)\)/);
  });

  it('gives the server image production dependencies only, run as an unprivileged user', () => {
    const deps = stage('runtime-deps').lines.join('\n');
    expect(deps).toMatch(/npm ci --omit=dev/);
    const server = stage('server').lines;
    expect(server).toContain('COPY --from=runtime-deps /app/node_modules ./node_modules');
    expect(server).toContain('COPY --from=build /app/dist/server ./dist/server');
    expect(server).toContain('USER node');
    expect(server.join('\n')).toContain(`PORT=${SERVICE_PORT}`);
  });

  describe('server CMD (run with a stand-in node in a stand-in image)', () => {
    // The image's working directory: dist/server/apps as tools/build.mjs lays it out, with an
    // entry point per service plus apps that are not services (CLI, embedded platform).
    let image: string;
    let bin: string;
    beforeEach(() => {
      image = mkdtempSync(join(tmpdir(), 'quartier-image-'));
      bin = mkdtempSync(join(tmpdir(), 'quartier-bin-'));
      writeFileSync(join(bin, 'node'), '#!/bin/sh\necho "node $*"\n');
      chmodSync(join(bin, 'node'), 0o755);
      for (const main of [...SERVICES.map(entrypoint), 'dist/server/apps/cli/src/main.js']) addFile(main);
    });
    afterEach(() => {
      rmSync(image, { recursive: true, force: true });
      rmSync(bin, { recursive: true, force: true });
    });
    const addFile = (path: string) => {
      mkdirSync(join(image, path, '..'), { recursive: true });
      writeFileSync(join(image, path), '');
    };
    const run = (env: Record<string, string>) => {
      const [shell, flag, script] = serverCmd();
      return spawnSync(shell!, [flag!, script!], {
        cwd: image,
        env: { PATH: `${bin}:/usr/bin:/bin`, ...env },
        encoding: 'utf8',
      });
    };
    const refusal = (got: string, services: readonly string[] = SERVICES) =>
      `SERVICE must be one of ${[...services].sort().join(', ')} (got '${got}'), or pass the command explicitly`;

    it.each(SERVICES)('SERVICE=%s starts that service’s compiled entry point', (service) => {
      const result = run({ SERVICE: service });
      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe(`node ${entrypoint(service)}`);
    });

    it('starts a service added after this Dockerfile was written, with no change to it', () => {
      addFile(entrypoint('scratchpad'));
      const result = run({ SERVICE: 'scratchpad' });
      expect(result.stdout.trim()).toBe(`node ${entrypoint('scratchpad')}`);
    });

    it('refuses an unknown or missing SERVICE with exit code 64, naming the services the image holds', () => {
      for (const [env, got] of [
        [{ SERVICE: 'registry-service' }, 'registry-service'],
        [{ SERVICE: 'cli' }, 'cli'],
        [{}, ''],
      ] as [Record<string, string>, string][]) {
        const result = run(env);
        expect(result.status).toBe(64);
        expect(result.stdout).toBe('');
        expect(result.stderr.trim()).toBe(refusal(got));
      }
    });

    it('refuses a service whose entry point the image lacks', () => {
      rmSync(join(image, entrypoint(SERVICES[0])));
      const result = run({ SERVICE: SERVICES[0] });
      expect(result.status).toBe(64);
      expect(result.stderr.trim()).toBe(refusal(SERVICES[0], SERVICES.slice(1)));
    });

    it('never starts a file outside dist/server/apps, whatever SERVICE says', () => {
      addFile('dist/server/x-service/src/main.js');
      addFile('dist/server/apps/Registry-service/src/main.js');
      for (const service of ['../x', 'Registry', 'registry/../registry', '*', 'registry survey']) {
        const result = run({ SERVICE: service });
        expect(`${service}: ${result.status} ${result.stdout}`).toBe(`${service}: 64 `);
      }
    });
  });

  it('builds the portal image from the Angular output, the nginx config and the start-up scripts', () => {
    const portal = stage('portal').lines;
    expect(portal).toContain('COPY --from=build /app/dist/portal/browser /usr/share/nginx/html');
    expect(portal).toContain('COPY infra/nginx/conf.d/default.conf /etc/nginx/conf.d/default.conf');
    expect(portal).toContain('COPY infra/nginx/snippets/ /etc/nginx/snippets/');
    // Every start-up script: the gateway's resolver and the portal configuration.
    expect(portal).toContain('COPY --chmod=0755 infra/nginx/docker-entrypoint.d/ /docker-entrypoint.d/');
  });

  it('copies the directory the Angular build writes the browser bundle to', () => {
    const project = JSON.parse(read('apps/portal/project.json')) as {
      targets: { build: { options: { outputPath: string | { base: string; browser?: string } } } };
    };
    const outputPath = project.targets.build.options.outputPath;
    // The application builder puts the browser bundle under <base>/browser unless told otherwise.
    const browserDir =
      typeof outputPath === 'string'
        ? `${outputPath}/browser`
        : `${outputPath.base}/${outputPath.browser ?? 'browser'}`;
    expect(stage('portal').lines).toContain(`COPY --from=build /app/${browserDir} /usr/share/nginx/html`);
  });

  it('has a main.ts for every service entry point the images start', () => {
    const missing = SERVICES.map((s) => `apps/${s}-service/src/main.ts`).filter(
      (p) => !existsSync(join(ROOT, p)),
    );
    expect(missing).toEqual([]);
  });
});

describe('.dockerignore', () => {
  const patterns = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('keeps host-built and local state out of the build context', () => {
    for (const entry of ['node_modules', '.quartier', 'dist', '.git', '.nx', '.angular', '.env']) {
      expect(patterns).toContain(entry);
    }
  });

  it('keeps everything the Dockerfile copies', () => {
    const copied = dockerStages()
      .flatMap((s) => s.lines)
      .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
      .flatMap((l) => l.split(/\s+/).slice(1, -1))
      .filter((arg) => !arg.startsWith('--') && arg !== '.');
    expect(copied.length).toBeGreaterThan(3);
    for (const source of copied) {
      const top = source.replace(/\/$/, '').split('/')[0]!;
      expect(patterns).not.toContain(top);
      expect(patterns).not.toContain(source.replace(/\/$/, ''));
    }
    for (const needed of ['apps', 'libs', 'tools', 'bin', 'infra', 'package.json', 'package-lock.json']) {
      expect(patterns).not.toContain(needed);
    }
  });
});

// ---- infra/kafka ----------------------------------------------------------------------------

describe('infra/kafka', () => {
  it('lists exactly the event topic and dead-letter topic of every service', () => {
    const topics = readTopicList();
    expect(topics.map((t) => t.name).sort()).toEqual(EXPECTED_TOPICS);
    for (const topic of topics) {
      expect(topic.partitions).toBeGreaterThan(0);
      expect(topic.retentionMs).toBeGreaterThan(24 * 3600 * 1000);
    }
  });

  describe('create-topics.sh (run against a stand-in kafka-topics.sh)', () => {
    let dir: string;
    let calls: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'quartier-topics-'));
      calls = join(dir, 'calls');
      writeFileSync(join(dir, 'kafka-topics.sh'), `#!/bin/sh\necho "$*" >> "${calls}"\n`);
      chmodSync(join(dir, 'kafka-topics.sh'), 0o755);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const run = (env: Record<string, string>) =>
      spawnSync('bash', [join(ROOT, 'infra/kafka/create-topics.sh')], {
        env: { PATH: '/usr/bin:/bin', KAFKA_TOPICS_BIN: join(dir, 'kafka-topics.sh'), ...env },
        encoding: 'utf8',
      });

    it('creates every listed topic idempotently with its partitions, retention and replication', () => {
      const result = run({
        BOOTSTRAP_SERVERS: 'broker:9092',
        TOPIC_REPLICATION_FACTOR: '3',
        TOPIC_MIN_INSYNC_REPLICAS: '2',
      });
      expect(result.status).toBe(0);
      const lines = readFileSync(calls, 'utf8').trim().split('\n');
      expect(lines[0]).toBe('--bootstrap-server broker:9092 --list');
      const creates = lines.slice(1);
      expect(creates).toHaveLength(EXPECTED_TOPICS.length);
      for (const topic of readTopicList()) {
        expect(creates).toContain(
          `--bootstrap-server broker:9092 --create --if-not-exists --topic ${topic.name} --partitions ${topic.partitions}` +
            ` --replication-factor 3 --config retention.ms=${topic.retentionMs} --config min.insync.replicas=2` +
            ' --config cleanup.policy=delete',
        );
      }
      expect(result.stderr).toContain(`ensured ${EXPECTED_TOPICS.length} topics on broker:9092`);
    });

    it('rejects a malformed topic line, naming file and line', () => {
      const list = join(dir, 'topics.txt');
      writeFileSync(list, '# comment\nquartier.a.events 6 1000\nquartier.b.events six 1000\n');
      const result = run({ TOPICS_FILE: list });
      expect(result.status).toBe(65);
      expect(result.stderr).toContain(`${list}:3: expected '<topic> <partitions> <retention.ms>'`);
    });

    it('refuses min.insync.replicas above the replication factor', () => {
      const result = run({ TOPIC_REPLICATION_FACTOR: '1', TOPIC_MIN_INSYNC_REPLICAS: '2' });
      expect(result.status).toBe(64);
      expect(existsSync(calls)).toBe(false);
    });

    it('gives up with exit 69 when the broker never answers', () => {
      writeFileSync(join(dir, 'kafka-topics.sh'), '#!/bin/sh\nexit 1\n');
      const result = run({ CONNECT_ATTEMPTS: '1' });
      expect(result.status).toBe(69);
      expect(result.stderr).toContain('broker kafka:9092 not reachable after 1 attempts');
    });
  });
});

// ---- infra/postgres ---------------------------------------------------------------------------

describe('infra/postgres', () => {
  it('creates the keycloak role and database from KEYCLOAK_DB_PASSWORD (run with a stand-in psql)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quartier-initdb-'));
    try {
      writeFileSync(join(dir, 'psql'), `#!/bin/sh\necho "$*" > "${dir}/args"\ncat > "${dir}/sql"\n`);
      chmodSync(join(dir, 'psql'), 0o755);
      const script = join(ROOT, 'infra/postgres/initdb/10-keycloak.sh');
      const env = { PATH: `${dir}:/usr/bin:/bin`, POSTGRES_USER: 'quartier', POSTGRES_DB: 'quartier' };
      const ok = spawnSync('sh', [script], {
        env: { ...env, KEYCLOAK_DB_PASSWORD: "pa'ss" },
        encoding: 'utf8',
      });
      expect(ok.status).toBe(0);
      // The password travels as a psql variable and is quoted by psql (:'kc_password'), never spliced into SQL.
      expect(readFileSync(join(dir, 'args'), 'utf8')).toContain("--set=kc_password=pa'ss");
      expect(readFileSync(join(dir, 'sql'), 'utf8')).toContain(
        "CREATE ROLE keycloak LOGIN PASSWORD :'kc_password';",
      );
      expect(readFileSync(join(dir, 'sql'), 'utf8')).toContain('CREATE DATABASE keycloak OWNER keycloak;');
      const missing = spawnSync('sh', [script], { env, encoding: 'utf8' });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain('KEYCLOAK_DB_PASSWORD must be set');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- Keycloak realm -------------------------------------------------------------------------

describe('Keycloak realm export', () => {
  it(`exists at ${REALM_FILE} with realm quartier and the portal and CLI clients`, () => {
    expect(existsSync(join(ROOT, REALM_FILE))).toBe(true);
    const realm = JSON.parse(read(REALM_FILE)) as { realm: string; clients?: { clientId: string }[] };
    expect(realm.realm).toBe('quartier');
    expect((realm.clients ?? []).map((c) => c.clientId)).toEqual(
      expect.arrayContaining(['quartier-portal', 'quartier-cli']),
    );
  });

  it('lets the portal client log in on every public origin the deployments serve it from', () => {
    const realm = JSON.parse(read(REALM_FILE)) as {
      clients: { clientId: string; redirectUris?: string[] }[];
    };
    const portal = realm.clients.find((c) => c.clientId === 'quartier-portal')!;
    // Keycloak matches a trailing `*` as a prefix, anything else exactly.
    const allowed = (url: string) =>
      (portal.redirectUris ?? []).some((pattern) =>
        pattern.endsWith('*') ? url.startsWith(pattern.slice(0, -1)) : url === pattern,
      );
    const origins = [
      new URL(
        loadCompose(join(ROOT, 'docker-compose.yml')).services['portal']!.environment![
          'OIDC_ISSUER'
        ] as string,
      ).origin,
      ...['dev', 'prod'].map((overlay) => {
        const build = buildKustomization(join(ROOT, 'k8s/overlays', overlay));
        const config = build.objects.find(
          (o) => o.kind === 'ConfigMap' && o.metadata.name === 'portal-config',
        )!;
        return new URL((config['data'] as Record<string, string>)['OIDC_ISSUER']!).origin;
      }),
    ];
    expect(origins.filter((origin) => !allowed(`${origin}/`))).toEqual([]);
  });
});
