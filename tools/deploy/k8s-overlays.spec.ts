// Both kustomize overlays rendered (tools/deploy/kustomize.ts) and checked against the services'
// code: workloads, probes, configuration, Secrets, Ingress, Kafka, PostgreSQL; where kubectl is
// installed, compared with `kubectl kustomize`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SERVICES } from '@quartier/contracts';
import {
  REQUIRED_SERVICE_ENV_VARS,
  SERVICE_ENV_VARS,
  loadServiceConfig,
  servicePaths,
} from '@quartier/service-kit';
import {
  EXPECTED_TOPICS,
  REALM_FILE,
  REALM_IMPORT_DIR,
  ROOT,
  SERVICE_PORT,
  entrypoint,
  hostOf,
  read,
  readTopicList,
} from './deploy-test-support';
import {
  buildKustomization,
  imageName,
  objectId,
  podContainers,
  podSpecOf,
  type K8sObject,
} from './kustomize';

// ---- k8s --------------------------------------------------------------------------------------

/** Secrets CloudNativePG writes for each Cluster (`<cluster>-app`), with the keys used here. */
const CNPG_APP_SECRET_KEYS = ['uri', 'host', 'port', 'dbname', 'username', 'password', 'jdbc-uri'];
/** Secrets production supplies from its secret store (documented in the prod kustomization). */
const EXTERNAL_SECRETS: Record<string, Record<string, string[]>> = {
  dev: {},
  prod: {
    'quartier-redis': ['password', 'url'],
    'keycloak-admin': ['username', 'password'],
    'quartier-metrics': ['token'],
  },
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
    if (EXTERNAL_SECRETS[overlay]![name] && key === 'token') return 'from-the-secret-store-0123';
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
