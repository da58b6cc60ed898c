// docker-compose.yml read the way `docker compose config` sees it, checked against the services'
// code: every service container, its environment, health check and start order.
import { join } from 'node:path';
import { SERVICES } from '@quartier/contracts';
import {
  REQUIRED_SERVICE_ENV_VARS,
  SERVICE_ENV_VARS,
  loadServiceConfig,
  servicePaths,
} from '@quartier/service-kit';
import { argv, loadCompose, type ComposeService } from './compose';
import {
  REALM_FILE,
  REALM_IMPORT_DIR,
  ROOT,
  SERVICE_PORT,
  dockerStages,
  entrypoint,
  hostOf,
} from './deploy-test-support';

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

  it('runs the server image for the services in SERVICES and nothing else', () => {
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
    expect(portal.depends_on).toEqual({
      keycloak: { condition: 'service_healthy' },
      ...Object.fromEntries(SERVICES.map((s) => [hostOf(s), { condition: 'service_healthy' }])),
    });
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
