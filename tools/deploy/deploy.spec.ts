// Distributed-mode deployment files, checked against the code they deploy.
//
// No Docker engine, kustomize binary, kubeconform or cluster exists on the development and CI
// machines, so these tests are the validation: they parse docker-compose.yml, the Dockerfile,
// the nginx gateway config and the kustomize overlays (rendered by tools/deploy/kustomize.ts)
// and hold every service name, port, environment variable, probe path and topic to
// libs/contracts and libs/service-kit. The shell scripts that run inside the containers are
// executed for real with stand-ins for the binaries they call. Where `kubectl` is installed,
// the rendered overlays are also compared with `kubectl kustomize`.
import { execFileSync, spawnSync } from 'node:child_process';
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
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SERVICES, deadLetterTopicOf, topicOf } from '@quartier/contracts';
import {
  REQUIRED_SERVICE_ENV_VARS,
  SERVICE_ENV_VARS,
  loadServiceConfig,
  servicePaths,
} from '@quartier/service-kit';
import { argv, loadCompose, type ComposeService } from './compose';
import {
  buildKustomization,
  imageName,
  objectId,
  podContainers,
  podSpecOf,
  type K8sObject,
} from './kustomize';
import { ROOT, SERVICE_PORT, entrypoint, hostOf, read } from './deploy-test-support';

const REALM_FILE = 'infra/keycloak/quartier-realm.json';
const REALM_IMPORT_DIR = '/opt/keycloak/data/import';

interface Topic {
  name: string;
  partitions: number;
  retentionMs: number;
}
function readTopicList(): Topic[] {
  return read('infra/kafka/topics.txt')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const [name, partitions, retention] = line.split(/\s+/);
      return { name: name!, partitions: Number(partitions), retentionMs: Number(retention) };
    });
}
const EXPECTED_TOPICS = SERVICES.flatMap((s) => [topicOf(s), deadLetterTopicOf(topicOf(s))]).sort();

// ---- Dockerfile ---------------------------------------------------------------------------

interface DockerStage {
  name: string;
  from: string;
  lines: string[];
}
function dockerStages(): DockerStage[] {
  // Join continuation lines, drop comments, split at FROM.
  const lines = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: DockerStage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ name: from[2] ?? `#${stages.length}`, from: from[1]!, lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}
function stage(name: string): DockerStage {
  const found = dockerStages().find((s) => s.name === name);
  if (!found) throw new Error(`Dockerfile has no stage ${name}`);
  return found;
}
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
    // tools/build.mjs compiles apps/ and libs/ into dist/server, which is what the entry points assume.
    expect(read('tools/build.mjs')).toMatch(/\[\s*'apps',\s*'libs',\s*'-d',\s*'dist\/server'/);
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
      addFile(entrypoint('allotment'));
      const result = run({ SERVICE: 'allotment' });
      expect(result.stdout.trim()).toBe(`node ${entrypoint('allotment')}`);
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

  it('builds the portal image from the Angular output, the nginx config and the config script', () => {
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

// ---- docker-compose.yml --------------------------------------------------------------------

describe('docker-compose.yml', () => {
  const compose = loadCompose(join(ROOT, 'docker-compose.yml'));
  const services = compose.services;
  const env = (service: ComposeService) =>
    Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]),
    );

  it('has one container per Quartier service plus the platform components', () => {
    for (const name of [
      'postgres',
      'redis',
      'kafka',
      'kafka-init',
      'keycloak',
      'portal',
      ...SERVICES.map(hostOf),
    ]) {
      expect(services[name]).toBeDefined();
    }
  });

  it('opens the gateway only once every service is healthy, and has no service containers beyond SERVICES', () => {
    expect(services['portal']!.depends_on).toEqual({
      keycloak: { condition: 'service_healthy' },
      ...Object.fromEntries(SERVICES.map((s) => [hostOf(s), { condition: 'service_healthy' }])),
    });
    const serverContainers = Object.entries(services)
      .filter(([, s]) => s.build?.target === 'server')
      .map(([name]) => name);
    expect(serverContainers.sort()).toEqual(SERVICES.map(hostOf).sort());
  });

  describe.each(SERVICES)('%s-service', (service) => {
    const container = services[hostOf(service)]!;
    const vars = env(container);

    it('runs the compiled entry point from the shared server image', () => {
      expect(argv(container.command)).toEqual(['node', entrypoint(service)]);
      expect(container.build).toEqual({ context: '.', target: 'server' });
      expect(container.image).toBe(services['registry-service']!.image);
    });

    it('sets every required variable, only variables the config reads, and values the config accepts', () => {
      expect(Object.keys(vars).sort()).toEqual(expect.arrayContaining([...REQUIRED_SERVICE_ENV_VARS].sort()));
      const unknown = Object.keys(vars).filter((k) => !(SERVICE_ENV_VARS as string[]).includes(k));
      expect(unknown).toEqual([]);
      const config = loadServiceConfig(vars);
      expect(config.PORT).toBe(SERVICE_PORT);
      expect(config.KAFKA_BROKERS).toBeDefined();
      expect(config.REDIS_URL).toBeDefined();
    });

    it('health-checks the readiness path on its own port', () => {
      const test = argv(container.healthcheck!.test);
      expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
      const urls = test[3]!.match(/https?:\/\/[^'"\s]+/g);
      expect(urls).toEqual([`http://127.0.0.1:${vars['PORT']}${servicePaths(service).readiness}`]);
      expect(test[3]).toMatch(/process\.exit\(r\.ok \? 0 : 1\)/);
    });

    it('starts only after its database, cache, topics and identity provider are ready', () => {
      expect(container.depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        'kafka-init': { condition: 'service_completed_successfully' },
        keycloak: { condition: 'service_healthy' },
      });
    });
  });

  it('points DATABASE_URL at the postgres container with its database, user and password', () => {
    const postgres = env(services['postgres']!);
    const url = new URL(env(services['registry-service']!)['DATABASE_URL']!);
    expect(url.hostname).toBe('postgres');
    expect(url.port).toBe('5432');
    expect(url.pathname).toBe(`/${postgres['POSTGRES_DB']}`);
    expect(url.username).toBe(postgres['POSTGRES_USER']);
    expect(url.password).toBe(postgres['POSTGRES_PASSWORD']);
    expect(services['postgres']!.image).toMatch(/^postgres:17\b/);
    expect(services['postgres']!.volumes).toContain('./infra/postgres/initdb:/docker-entrypoint-initdb.d:ro');
    expect(argv(services['postgres']!.healthcheck!.test)).toEqual(
      expect.arrayContaining(['pg_isready', '-h', '127.0.0.1', '-d', postgres['POSTGRES_DB']]),
    );
  });

  it('runs a single KRaft Kafka node whose advertised listener is KAFKA_BROKERS', () => {
    const kafka = env(services['kafka']!);
    expect(services['kafka']!.image).toMatch(/^apache\/kafka:/);
    expect(kafka['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
    expect(Object.keys(kafka).filter((k) => k.includes('ZOOKEEPER'))).toEqual([]);
    expect(kafka['KAFKA_AUTO_CREATE_TOPICS_ENABLE']).toBe('false');
    expect(kafka['KAFKA_ADVERTISED_LISTENERS']).toBe(
      `PLAINTEXT://${env(services['registry-service']!)['KAFKA_BROKERS']}`,
    );
    expect(kafka['KAFKA_CONTROLLER_QUORUM_VOTERS']).toBe(`${kafka['KAFKA_NODE_ID']}@kafka:9093`);
  });

  it('creates the topics once, with the topic script and list mounted, before any service starts', () => {
    const init = services['kafka-init']!;
    expect(init.image).toBe(services['kafka']!.image);
    expect(init.volumes).toContain('./infra/kafka:/opt/quartier/kafka:ro');
    expect(argv(init.entrypoint)).toEqual(['/bin/bash', '/opt/quartier/kafka/create-topics.sh']);
    expect(env(init)['BOOTSTRAP_SERVERS']).toBe(env(services['registry-service']!)['KAFKA_BROKERS']);
    expect(init.depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
    expect(init.restart).toBe('no');
  });

  it('points REDIS_URL at the redis container', () => {
    const url = new URL(env(services['registry-service']!)['REDIS_URL']!);
    expect(url.hostname).toBe('redis');
    expect(services['redis']!.image).toMatch(/^redis:7\b/);
  });

  it('makes the OIDC issuer one URL for browser and services: Keycloak alias inside, nginx port outside', () => {
    const issuer = new URL(env(services['registry-service']!)['OIDC_ISSUER']!);
    const keycloak = services['keycloak']!;
    const kc = env(keycloak);
    expect(issuer.pathname).toBe('/realms/quartier');
    expect(`${kc['KC_HOSTNAME']}/realms/quartier`).toBe(issuer.toString());
    // Inside the network the issuer host is Keycloak itself, which listens on the issuer's port.
    expect(keycloak.networks?.['default']?.aliases).toContain(issuer.hostname);
    expect(issuer.port).toBe('8080');
    // Outside, the same host:port is the portal's nginx, which routes /realms/ to Keycloak.
    expect(services['portal']!.ports).toContain(`${issuer.port}:8080`);
    expect(env(services['portal']!)['OIDC_ISSUER']).toBe(issuer.toString());
    expect(env(services['portal']!)['OIDC_CLIENT_ID']).toBe('quartier-portal');
  });

  it('imports the realm file into Keycloak on start and keeps Keycloak in PostgreSQL', () => {
    const keycloak = services['keycloak']!;
    expect(keycloak.image).toMatch(/^quay\.io\/keycloak\/keycloak:/);
    expect(argv(keycloak.command)).toEqual(['start-dev', '--import-realm']);
    expect(keycloak.volumes).toContain(`./${REALM_FILE}:${REALM_IMPORT_DIR}/quartier-realm.json:ro`);
    expect(env(keycloak)['KC_DB_URL']).toBe('jdbc:postgresql://postgres:5432/keycloak');
    expect(env(keycloak)['KC_DB_PASSWORD']).toBe(env(services['postgres']!)['KEYCLOAK_DB_PASSWORD']);
    expect(keycloak.healthcheck!.test[1]).toContain('/health/ready');
  });

  it('builds the portal image target and starts it after every service is healthy', () => {
    const portal = services['portal']!;
    expect(portal.build).toEqual({ context: '.', target: 'portal' });
    for (const service of SERVICES) {
      expect(portal.depends_on?.[hostOf(service)]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('only references Dockerfile stages that exist', () => {
    const stages = dockerStages().map((s) => s.name);
    for (const service of Object.values(services)) {
      if (service.build?.target) expect(stages).toContain(service.build.target);
    }
  });

  it('honours variables from a .env file', () => {
    const custom = loadCompose(join(ROOT, 'docker-compose.yml'), {
      QUARTIER_HOST: 'quartier.intranet.example',
      POSTGRES_PASSWORD: 's3cret',
    });
    const vars = env(custom.services['survey-service']!);
    expect(vars['OIDC_ISSUER']).toBe('http://quartier.intranet.example:8080/realms/quartier');
    expect(new URL(vars['DATABASE_URL']!).password).toBe('s3cret');
    expect(custom.services['keycloak']!.networks?.['default']?.aliases).toEqual([
      'quartier.intranet.example',
    ]);
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

// ---- k8s --------------------------------------------------------------------------------------

/** Secrets CloudNativePG writes for each Cluster (`<cluster>-app`), with the keys used here. */
const CNPG_APP_SECRET_KEYS = ['uri', 'host', 'port', 'dbname', 'username', 'password', 'jdbc-uri'];
/** Secrets production supplies from its secret store (documented in the prod kustomization). */
const EXTERNAL_SECRETS: Record<string, Record<string, string[]>> = {
  dev: {},
  prod: { 'quartier-redis': ['password', 'url'], 'keycloak-admin': ['username', 'password'] },
};

describe.each(['dev', 'prod'])('k8s/overlays/%s', (overlay) => {
  const missingFiles: string[] = [];
  const build = buildKustomization(join(ROOT, 'k8s/overlays', overlay), {
    onMissingFile: (path) => {
      missingFiles.push(path);
      return '{}';
    },
  });
  const objects = build.objects;
  const find = (kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);
  const get = (kind: string, name: string) => {
    const object = find(kind, name);
    if (!object) throw new Error(`${overlay}: no ${kind}/${name}`);
    return object as K8sObject & { spec: Record<string, unknown> };
  };
  const kustomizationText = read(`k8s/overlays/${overlay}/kustomization.yaml`);
  const namespace = /^namespace:\s*(\S+)/m.exec(kustomizationText)![1]!;
  const configMapData = (name: string) => (get('ConfigMap', name)['data'] ?? {}) as Record<string, string>;
  const kafka = get('Kafka', 'quartier');
  const cnpgClusters = objects.filter(
    (o) => o.kind === 'Cluster' && o.apiVersion === 'postgresql.cnpg.io/v1',
  );

  interface EnvVar {
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name: string; key: string };
      configMapKeyRef?: { name: string; key: string };
      fieldRef?: { fieldPath: string };
    };
  }
  interface Container {
    name: string;
    image: string;
    command?: string[];
    args?: string[];
    ports?: { name?: string; containerPort: number }[];
    env?: EnvVar[];
    envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
    livenessProbe?: { httpGet?: { path: string; port: string | number } };
    readinessProbe?: { httpGet?: { path: string; port: string | number } };
    startupProbe?: { httpGet?: { path: string; port: string | number } };
    volumeMounts?: { name: string; mountPath: string }[];
  }
  const containersOf = (deployment: K8sObject) => podContainers(deployment) as unknown as Container[];
  const portNumber = (container: Container, port: string | number) =>
    typeof port === 'number' ? port : container.ports?.find((p) => p.name === port)?.containerPort;

  /** Resolves a container's environment the way the kubelet does, with secrets as `secret:<name>/<key>`. */
  const resolveEnv = (container: Container): Record<string, string> => {
    const env: Record<string, string> = {};
    for (const from of container.envFrom ?? []) {
      if (from.configMapRef) Object.assign(env, configMapData(from.configMapRef.name));
      if (from.secretRef) throw new Error('secretRef envFrom is not expected');
    }
    for (const variable of container.env ?? []) {
      const secret = variable.valueFrom?.secretKeyRef;
      const configMap = variable.valueFrom?.configMapKeyRef;
      env[variable.name] = secret
        ? `secret:${secret.name}/${secret.key}`
        : configMap
          ? configMapData(configMap.name)[configMap.key]!
          : (variable.value ?? '');
    }
    return env;
  };
  /** A value for a secret key: generated Secrets are decoded, CloudNativePG's follow its documented format. */
  const secretValue = (ref: string): string => {
    const [name, key] = ref.replace(/^secret:/, '').split('/') as [string, string];
    const secret = find('Secret', name);
    if (secret) return Buffer.from((secret['data'] as Record<string, string>)[key]!, 'base64').toString();
    const cluster = cnpgClusters.find((c) => `${c.metadata.name}-app` === name);
    if (cluster && key === 'uri') {
      const initdb = (cluster['spec'] as { bootstrap: { initdb: { database: string; owner: string } } })
        .bootstrap.initdb;
      return `postgresql://${initdb.owner}:generated@${cluster.metadata.name}-rw.${namespace}:5432/${initdb.database}`;
    }
    if (EXTERNAL_SECRETS[overlay]![name] && key === 'url') return 'redis://:from-secret-store@redis:6379';
    throw new Error(`no value for ${ref}`);
  };

  it('renders without missing input files', () => {
    expect(missingFiles.map((p) => p.replace(`${ROOT}/`, ''))).toEqual([]);
  });

  it('puts everything into the overlay’s namespace, which it creates', () => {
    expect(find('Namespace', namespace)).toBeDefined();
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) {
      expect(`${objectId(object)} ${object.metadata.namespace}`).toBe(`${objectId(object)} ${namespace}`);
    }
  });

  describe.each(SERVICES)('%s service', (service) => {
    const name = hostOf(service);
    const deployment = get('Deployment', name);
    const [container, ...others] = containersOf(deployment);
    const paths = servicePaths(service);

    it('runs the service’s compiled entry point from the server image', () => {
      expect(others).toEqual([]);
      expect(container!.command).toEqual(['node', entrypoint(service)]);
      expect(imageName(container!.image)).toBe(
        imageName(containersOf(get('Deployment', 'registry-service'))[0]!.image),
      );
      expect(container!.image).toMatch(/quartier\/server:[\w.-]+$/);
    });

    it('probes liveness, readiness and start-up on the paths the service serves', () => {
      expect(container!.livenessProbe?.httpGet?.path).toBe(paths.liveness);
      expect(container!.startupProbe?.httpGet?.path).toBe(paths.liveness);
      expect(container!.readinessProbe?.httpGet?.path).toBe(paths.readiness);
      for (const probe of [container!.livenessProbe, container!.readinessProbe, container!.startupProbe]) {
        expect(portNumber(container!, probe!.httpGet!.port)).toBe(SERVICE_PORT);
      }
    });

    it('listens on the PORT it is given, which its Service targets', () => {
      const env = resolveEnv(container!);
      const containerPort = portNumber(container!, 'http');
      expect(containerPort).toBe(SERVICE_PORT);
      expect(env['PORT']).toBe(String(containerPort));
      const svc = get('Service', name);
      const ports = svc.spec['ports'] as { port: number; targetPort: string | number }[];
      expect(ports).toHaveLength(1);
      expect(portNumber(container!, ports[0]!.targetPort)).toBe(containerPort);
      expect(ports[0]!.port).toBe(SERVICE_PORT);
      const selector = svc.spec['selector'] as Record<string, string>;
      const podLabels = (deployment.spec['template'] as { metadata: { labels: Record<string, string> } })
        .metadata.labels;
      expect(podLabels).toEqual(expect.objectContaining(selector));
    });

    it('takes its configuration from ConfigMaps and Secrets: all required, nothing unknown, all valid', () => {
      const env = resolveEnv(container!);
      expect(Object.keys(env)).toEqual(expect.arrayContaining([...REQUIRED_SERVICE_ENV_VARS]));
      expect(Object.keys(env).filter((k) => !(SERVICE_ENV_VARS as string[]).includes(k))).toEqual([]);
      for (const variable of container!.env ?? []) {
        if (variable.name !== 'PORT') expect(variable.valueFrom).toBeDefined();
      }
      const values = Object.fromEntries(
        Object.entries(env).map(([k, v]) => [k, v.startsWith('secret:') ? secretValue(v) : v]),
      );
      const config = loadServiceConfig(values);
      expect(config.KAFKA_BROKERS).toBe(
        `${kafka.metadata.name}-kafka-bootstrap:${(kafka.spec['kafka'] as { listeners: { name: string; port: number }[] }).listeners.find((l) => l.name === 'plain')!.port}`,
      );
      expect(new URL(config.REDIS_URL!).hostname).toBe('redis');
      expect(find('Service', 'redis')).toBeDefined();
    });

    it('reads DATABASE_URL from the CloudNativePG application secret of the quartier database', () => {
      const ref = container!.env!.find((e) => e.name === 'DATABASE_URL')!.valueFrom!.secretKeyRef!;
      const cluster = get('Cluster', 'quartier-pg');
      expect(ref).toEqual({ name: `${cluster.metadata.name}-app`, key: 'uri' });
      expect((cluster.spec['bootstrap'] as { initdb: { database: string } }).initdb.database).toBe(
        'quartier',
      );
    });

    it('scales with an autoscaling/v2 HPA on its Deployment', () => {
      const hpa = get('HorizontalPodAutoscaler', name);
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec['scaleTargetRef']).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.spec['minReplicas']).toBeGreaterThanOrEqual(1);
      expect(hpa.spec['maxReplicas']).toBeGreaterThanOrEqual(hpa.spec['minReplicas'] as number);
      // The HPA owns the replica count; a fixed one in the Deployment would fight it on every apply.
      expect(deployment.spec['replicas']).toBeUndefined();
    });

    it('is scraped by Prometheus on its metrics path', () => {
      const annotations = (
        deployment.spec['template'] as { metadata: { annotations: Record<string, string> } }
      ).metadata.annotations;
      expect(annotations['prometheus.io/path']).toBe(paths.metrics);
      expect(annotations['prometheus.io/port']).toBe(String(SERVICE_PORT));
    });
  });

  it('sets resource requests (cpu and memory) and a memory limit on every container', () => {
    const workloads = objects.filter((o) => podSpecOf(o));
    expect(workloads.length).toBeGreaterThanOrEqual(SERVICES.length + 3);
    for (const workload of workloads) {
      for (const container of containersOf(workload)) {
        const where = `${objectId(workload)} ${container.name}`;
        expect(`${where} ${Object.keys(container.resources?.requests ?? {}).sort()}`).toBe(
          `${where} cpu,memory`,
        );
        expect(`${where} ${container.resources?.limits?.['memory'] !== undefined}`).toBe(`${where} true`);
      }
    }
    for (const operated of [get('KafkaNodePool', 'dual-role'), ...cnpgClusters]) {
      const resources = (operated['spec'] as { resources: { requests: Record<string, string> } }).resources;
      expect(Object.keys(resources.requests).sort()).toEqual(['cpu', 'memory']);
    }
  });

  it('resolves every ConfigMap and Secret reference', () => {
    for (const workload of objects.filter((o) => podSpecOf(o))) {
      const podSpec = podSpecOf(workload)! as { volumes?: { configMap?: { name: string } }[] };
      for (const volume of podSpec.volumes ?? []) {
        if (volume.configMap) expect(find('ConfigMap', volume.configMap.name)).toBeDefined();
      }
      for (const container of containersOf(workload)) {
        for (const from of container.envFrom ?? [])
          expect(find('ConfigMap', from.configMapRef!.name)).toBeDefined();
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          if (!ref) continue;
          const where = `${objectId(workload)} ${variable.name} → ${ref.name}/${ref.key}`;
          const generated = find('Secret', ref.name);
          const cnpg = cnpgClusters.some((c) => `${c.metadata.name}-app` === ref.name);
          const external = EXTERNAL_SECRETS[overlay]![ref.name];
          const known = generated
            ? Object.keys(generated['data'] as object).includes(ref.key)
            : cnpg
              ? CNPG_APP_SECRET_KEYS.includes(ref.key)
              : (external?.includes(ref.key) ?? false);
          expect(`${where} ${known}`).toBe(`${where} true`);
        }
      }
    }
    for (const external of Object.keys(EXTERNAL_SECRETS[overlay]!)) {
      expect(find('Secret', external)).toBeUndefined();
      expect(kustomizationText).toContain(`Secret ${external}`);
    }
  });

  it('routes /api/<service> on the Ingress to each Service, metrics to a 404, the rest to portal and Keycloak', () => {
    const ingress = get('Ingress', 'quartier');
    const rules = ingress.spec['rules'] as {
      host: string;
      http: {
        paths: {
          path: string;
          pathType: string;
          backend: { service: { name: string; port: { name: string } } };
        }[];
      };
    }[];
    expect(rules).toHaveLength(1);
    const paths = rules[0]!.http.paths;
    const backendOf = (path: string, pathType: string) => {
      const match = paths.find((p) => p.path === path && p.pathType === pathType);
      if (!match) return undefined;
      const svc = get('Service', match.backend.service.name);
      const port = (svc.spec['ports'] as { name: string; port: number }[]).find(
        (p) => p.name === match.backend.service.port.name,
      );
      return `${svc.metadata.name}:${port?.port}`;
    };
    for (const service of SERVICES) {
      expect(backendOf(servicePaths(service).base, 'Prefix')).toBe(`${hostOf(service)}:${SERVICE_PORT}`);
      expect(backendOf(servicePaths(service).metrics, 'Exact')).toBe('portal:8080');
    }
    expect(backendOf('/realms', 'Prefix')).toBe('keycloak:8080');
    expect(backendOf('/resources', 'Prefix')).toBe('keycloak:8080');
    expect(backendOf('/', 'Prefix')).toBe('portal:8080');
    expect(paths.filter((p) => p.path.startsWith('/admin'))).toEqual([]);
  });

  it('names one public origin everywhere: Ingress host, OIDC issuer, portal config and Keycloak hostname', () => {
    const ingress = get('Ingress', 'quartier');
    const host = (ingress.spec['rules'] as { host: string }[])[0]!.host;
    const tls = (ingress.spec['tls'] as { hosts: string[] }[] | undefined) ?? [];
    const scheme = tls.some((t) => t.hosts.includes(host)) ? 'https' : 'http';
    const issuer = `${scheme}://${host}/realms/quartier`;
    expect(configMapData('quartier-service-config')['OIDC_ISSUER']).toBe(issuer);
    expect(configMapData('portal-config')['OIDC_ISSUER']).toBe(issuer);
    expect(configMapData('portal-config')['OIDC_CLIENT_ID']).toBe('quartier-portal');
    expect(configMapData('keycloak-config')['KC_HOSTNAME']).toBe(`${scheme}://${host}`);
    expect(scheme).toBe(overlay === 'prod' ? 'https' : 'http');
  });

  it('runs the portal nginx with its config from the environment on the port its Service targets', () => {
    const [portal] = containersOf(get('Deployment', 'portal'));
    expect(portal!.image).toMatch(/quartier\/portal:[\w.-]+$/);
    expect(portNumber(portal!, 'http')).toBe(8080);
    const env = resolveEnv(portal!);
    expect(Object.keys(env).sort()).toEqual([
      'API_BASE_URL',
      'OIDC_CLIENT_ID',
      'OIDC_ISSUER',
      'POD_NAMESPACE',
      'QUARTIER_SERVICE_DOMAIN',
    ]);
    // The gateway's resolver ignores search domains: it asks for <name>-service.<this domain>,
    // the Services of the pod's own namespace (kubelet expands $(POD_NAMESPACE)).
    const variables = portal!.env!.map((e) => e.name);
    expect(portal!.env!.find((e) => e.name === 'POD_NAMESPACE')!.valueFrom).toEqual({
      fieldRef: { fieldPath: 'metadata.namespace' },
    });
    expect(variables.indexOf('POD_NAMESPACE')).toBeLessThan(variables.indexOf('QUARTIER_SERVICE_DOMAIN'));
    expect(env['QUARTIER_SERVICE_DOMAIN']).toBe('$(POD_NAMESPACE).svc.cluster.local');
    expect(portal!.readinessProbe?.httpGet?.path).toBe('/portal-config.json');
    expect(portal!.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  it('imports the realm from a ConfigMap generated from the realm export', () => {
    const [keycloak] = containersOf(get('Deployment', 'keycloak'));
    expect(keycloak!.args).toEqual(['start', '--import-realm']);
    const mount = keycloak!.volumeMounts!.find((m) => m.mountPath === REALM_IMPORT_DIR)!;
    const volume = (
      podSpecOf(get('Deployment', 'keycloak'))!['volumes'] as { name: string; configMap: { name: string } }[]
    ).find((v) => v.name === mount.name)!;
    expect(build.generated.has(`ConfigMap/${volume.configMap.name}`)).toBe(true);
    expect(Object.keys(configMapData(volume.configMap.name))).toEqual(['quartier-realm.json']);
    expect(read('k8s/base/kustomization.yaml')).toContain(`quartier-realm.json=../../${REALM_FILE}`);
    const env = resolveEnv(keycloak!);
    expect(env['KC_DB']).toBe('postgres');
    expect(env['KC_DB_URL_HOST']).toBe('secret:keycloak-pg-app/host');
    expect(find('Cluster', 'keycloak-pg')).toBeDefined();
    expect(keycloak!.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'management' });
    expect(env['KC_HEALTH_ENABLED']).toBe('true');
  });

  it('runs Kafka with Strimzi in KRaft mode: one dual-role node pool, no ZooKeeper', () => {
    expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1');
    expect(kafka.spec['zookeeper']).toBeUndefined();
    const pools = objects.filter((o) => o.kind === 'KafkaNodePool');
    expect(pools).toHaveLength(1);
    const pool = pools[0]! as K8sObject & {
      spec: { replicas: number; roles: string[]; storage: { volumes: { kraftMetadata?: string }[] } };
    };
    expect(pool.metadata.labels?.['strimzi.io/cluster']).toBe(kafka.metadata.name);
    expect([...pool.spec.roles].sort()).toEqual(['broker', 'controller']);
    expect(pool.spec.storage.volumes.some((v) => v.kraftMetadata === 'shared')).toBe(true);
    const config = (kafka.spec['kafka'] as { config: Record<string, unknown> }).config;
    expect(config['auto.create.topics.enable']).toBe(false);
    for (const key of [
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'default.replication.factor',
    ]) {
      expect(config[key]).toBeLessThanOrEqual(pool.spec.replicas);
    }
    expect(config['min.insync.replicas']).toBeLessThanOrEqual(config['default.replication.factor'] as number);
    expect((kafka.spec['entityOperator'] as Record<string, unknown>)['topicOperator']).toBeDefined();
    expect(pool.spec.replicas).toBe(overlay === 'prod' ? 3 : 1);
  });

  it('declares a KafkaTopic for every service topic and dead-letter topic, as infra/kafka/topics.txt does', () => {
    const brokers = (get('KafkaNodePool', 'dual-role').spec as { replicas: number }).replicas;
    const topics = objects.filter((o) => o.kind === 'KafkaTopic') as (K8sObject & {
      spec: {
        topicName: string;
        partitions: number;
        replicas: number;
        config: Record<string, number | string>;
      };
    })[];
    expect(topics.map((t) => t.spec.topicName).sort()).toEqual(EXPECTED_TOPICS);
    const listed = new Map(readTopicList().map((t) => [t.name, t]));
    for (const topic of topics) {
      expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe(kafka.metadata.name);
      expect(topic.spec.partitions).toBe(listed.get(topic.spec.topicName)!.partitions);
      expect(topic.spec.config['retention.ms']).toBe(listed.get(topic.spec.topicName)!.retentionMs);
      expect(topic.spec.replicas).toBeLessThanOrEqual(brokers);
      expect(topic.spec.config['min.insync.replicas']).toBeLessThanOrEqual(topic.spec.replicas);
    }
  });

  it('runs PostgreSQL as CloudNativePG Clusters for Quartier and for Keycloak', () => {
    expect(cnpgClusters.map((c) => c.metadata.name).sort()).toEqual(['keycloak-pg', 'quartier-pg']);
    const instances = (get('Cluster', 'quartier-pg').spec as { instances: number }).instances;
    expect(instances).toBe(overlay === 'prod' ? 3 : 1);
    expect((get('Cluster', 'quartier-pg').spec as { imageName: string }).imageName).toMatch(
      /postgresql:17\./,
    );
  });

  it('keeps Redis a Service-backed Deployment with the password from the same Secret as REDIS_URL', () => {
    const [redis] = containersOf(get('Deployment', 'redis'));
    expect(redis!.args?.slice(0, 2)).toEqual(['--requirepass', '$(REDIS_PASSWORD)']);
    const passwordRef = redis!.env!.find((e) => e.name === 'REDIS_PASSWORD')!.valueFrom!.secretKeyRef!;
    const urlRef = containersOf(get('Deployment', 'registry-service'))[0]!.env!.find(
      (e) => e.name === 'REDIS_URL',
    )!.valueFrom!.secretKeyRef!;
    expect(passwordRef.name).toBe(urlRef.name);
    if (overlay === 'dev') {
      expect(new URL(secretValue(`secret:${urlRef.name}/url`)).password).toBe(
        secretValue(`secret:${passwordRef.name}/password`),
      );
    }
  });

  if (overlay === 'prod') {
    it('protects every stateless Deployment with a PodDisruptionBudget the HPA minimum can satisfy', () => {
      for (const name of [...SERVICES.map(hostOf), 'portal', 'keycloak']) {
        const pdb = get('PodDisruptionBudget', name);
        const deployment = get('Deployment', name);
        const podLabels = (deployment.spec['template'] as { metadata: { labels: Record<string, string> } })
          .metadata.labels;
        const selector = (pdb.spec['selector'] as { matchLabels: Record<string, string> }).matchLabels;
        expect(podLabels).toEqual(expect.objectContaining(selector));
        const minPods =
          (find('HorizontalPodAutoscaler', name)?.spec as { minReplicas?: number } | undefined)
            ?.minReplicas ?? (deployment.spec['replicas'] as number);
        // minAvailable must stay below the pod count, or a node drain can never evict.
        expect(pdb.spec['minAvailable']).toBeLessThan(minPods);
      }
    });

    it('pins released image tags from the production registry', () => {
      for (const container of objects.flatMap((o) => containersOf(o))) {
        expect(container.image).not.toMatch(/:latest$|:dev$/);
        if (container.image.includes('quartier/'))
          expect(container.image).toMatch(/^registry\.example\.de\/quartier\/\w+:\d+\.\d+\.\d+$/);
      }
    });
  } else {
    it('has no PodDisruptionBudgets (single replicas would block node drains)', () => {
      expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    });
  }

  const kubectl = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));
  (kubectl ? it : it.skip)(
    'renders exactly what `kubectl kustomize` renders (where kubectl is installed)',
    () => {
      // On a copy, so a missing realm export (reported above) gets the same '{}' stand-in as ours.
      const copy = mkdtempSync(join(tmpdir(), 'quartier-kustomize-'));
      let output: string;
      try {
        cpSync(join(ROOT, 'k8s'), join(copy, 'k8s'), { recursive: true });
        mkdirSync(join(copy, 'infra/keycloak'), { recursive: true });
        const realm = join(ROOT, REALM_FILE);
        writeFileSync(join(copy, REALM_FILE), existsSync(realm) ? readFileSync(realm) : '{}');
        output = execFileSync(
          kubectl!,
          ['kustomize', '--load-restrictor=LoadRestrictionsNone', join(copy, 'k8s/overlays', overlay)],
          { encoding: 'utf8', timeout: 60_000 },
        );
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
      // kustomize appends a content hash to generated names and rewrites every reference to them.
      const hashed = new RegExp(
        `\\b(${[...build.generated].map((id) => id.split('/')[1]).join('|')})-[a-z0-9]{10}\\b`,
        'g',
      );
      const normalise = (value: unknown) =>
        JSON.parse(JSON.stringify(value).replace(hashed, '$1')) as unknown;
      const key = (o: K8sObject) => `${o.apiVersion} ${objectId(o)}`;
      const theirs = parseAllDocuments(output)
        .map((d) => normalise(d.toJS()) as K8sObject)
        .sort((a, b) => key(a).localeCompare(key(b)));
      const ours = objects.map((o) => normalise(o) as K8sObject).sort((a, b) => key(a).localeCompare(key(b)));
      expect(ours).toEqual(theirs);
    },
  );
});
