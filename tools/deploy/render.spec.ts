// tools/deploy/render.mjs: the committed deployment files are exactly its output, and a new
// service needs nothing but its name in SERVICES and its apps/<name>-service folder. The
// scenarios run the real script on a scratch copy of the files it reads and writes.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES, topicOf } from '@quartier/contracts';
import { loadCompose } from './compose';
import { ROOT, entrypoint, hostOf } from './deploy-test-support';
import { buildKustomization, type K8sObject } from './kustomize';

const RENDER = join(ROOT, 'tools/deploy/render.mjs');
const VALUES = 'libs/contracts/src/values.ts';
const COPIED = [
  VALUES,
  'tools/deploy/templates',
  'docker-compose.yml',
  'k8s',
  'infra/kafka',
  'infra/keycloak',
];

const run = (args: string[]) => spawnSync(process.execPath, [RENDER, ...args], { encoding: 'utf8' });

describe('the committed deployment files', () => {
  it('are what tools/deploy/templates renders for SERVICES (else: run npm run deploy:render)', () => {
    const result = run(['--check']);
    // On failure stderr names every outdated file and the command that fixes it.
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`up to date for ${SERVICES.length} services (${SERVICES.join(', ')})`);
  });
});

describe('render.mjs on a scratch copy', () => {
  let root: string;
  const file = (path: string) => join(root, path);
  const text = (path: string) => readFileSync(file(path), 'utf8');
  const render = (...args: string[]) => run(['--root', root, ...args]);
  const setServices = (names: readonly string[]) =>
    writeFileSync(
      file(VALUES),
      text(VALUES).replace(
        /export const SERVICES = \[[^\]]*\] as const/,
        `export const SERVICES = [${names.map((n) => `'${n}'`).join(', ')}] as const`,
      ),
    );
  const addApp = (name: string) => {
    mkdirSync(file(`apps/${name}-service/src`), { recursive: true });
    writeFileSync(file(`apps/${name}-service/src/main.ts`), '');
  };
  const prod = () => buildKustomization(file('k8s/overlays/prod')).objects;
  const named = (objects: K8sObject[], kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'quartier-render-'));
    for (const path of COPIED) cpSync(join(ROOT, path), file(path), { recursive: true });
    for (const service of SERVICES) addApp(service);
    // Apps that are not services are not in SERVICES and need not be.
    mkdirSync(file('apps/platform/src'), { recursive: true });
    writeFileSync(file('apps/platform/src/main.ts'), '');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('renders a new service everywhere from its name in SERVICES and its app folder alone', () => {
    const composeBefore = text('docker-compose.yml');
    const manifestBefore = text(`k8s/base/services/${SERVICES[0]}.yaml`);
    setServices([...SERVICES, 'scratchpad']);
    addApp('scratchpad');

    const result = render();
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`${SERVICES.length + 1} services`);
    expect(render('--check').status).toBe(0);

    const compose = loadCompose(file('docker-compose.yml')).services;
    expect(compose['scratchpad-service']!.command).toEqual(['node', entrypoint('scratchpad')]);
    expect(compose['scratchpad-service']!.healthcheck!.test[3]).toContain(
      "'http://127.0.0.1:3000/api/scratchpad/health'",
    );
    expect(compose['portal']!.depends_on!['scratchpad-service']).toEqual({ condition: 'service_healthy' });
    // Only the lines between the markers changed: the hand-written infrastructure is as it was.
    const handWritten = (yaml: string) =>
      yaml.replace(/# >>> generated: ([a-z ]+)\n[\s\S]*?# <<< generated: \1/g, '<$1>');
    expect(handWritten(text('docker-compose.yml'))).toBe(handWritten(composeBefore));

    const objects = prod();
    for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) {
      expect(`${kind} ${named(objects, kind, 'scratchpad-service') !== undefined}`).toBe(`${kind} true`);
    }
    const ingress = named(objects, 'Ingress', 'quartier')!['spec'] as {
      rules: { http: { paths: object[] } }[];
    };
    expect(ingress.rules[0]!.http.paths).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/api/scratchpad', pathType: 'Prefix' }),
        expect.objectContaining({ path: '/api/scratchpad/metrics', pathType: 'Exact' }),
      ]),
    );
    const topics = ['quartier.scratchpad.events', 'quartier.scratchpad.events.dlq'];
    const topicNames = objects
      .filter((o) => o.kind === 'KafkaTopic')
      .map((o) => (o['spec'] as { topicName: string }).topicName);
    expect(topicNames).toEqual(expect.arrayContaining(topics));
    for (const topic of topics) expect(text('infra/kafka/topics.txt')).toMatch(new RegExp(`^${topic} `, 'm'));
    // Nothing about the existing services changed.
    expect(text(`k8s/base/services/${SERVICES[0]}.yaml`)).toBe(manifestBefore);
  });

  it('names every outdated file in --check and repairs a hand edit by rendering', () => {
    const manifest = `k8s/base/services/${SERVICES[0]}.yaml`;
    const rendered = text(manifest);
    writeFileSync(file(manifest), rendered.replace('cpu: "1"', 'cpu: "4"'));
    const check = render('--check');
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(`  ${manifest}\n`);
    expect(check.stderr).toContain('run npm run deploy:render');
    expect(render().stdout).toContain(`wrote ${manifest}`);
    expect(text(manifest)).toBe(rendered);
  });

  it.each([
    [
      'a name without its app',
      () => setServices([...SERVICES, 'scratchpad']),
      'SERVICES names "scratchpad" but apps/scratchpad-service/src/main.ts does not exist',
    ],
    [
      'an app without its name',
      () => addApp('scratchpad'),
      'apps/scratchpad-service/ exists but "scratchpad" is not in SERVICES',
    ],
    [
      'a name that is no DNS label',
      () => setServices([...SERVICES, 'Scratch_pad']),
      '"Scratch_pad" is not a service name',
    ],
    [
      'a name listed twice',
      () => setServices([...SERVICES, SERVICES[0]]),
      `"${SERVICES[0]}" is listed twice`,
    ],
    [
      'a list that is not literal',
      () => writeFileSync(file(VALUES), text(VALUES).replace(/\] as const/, ', ...MORE] as const')),
      'SERVICES must list quoted names only, found: ...MORE',
    ],
  ])('refuses %s, writing nothing', (_, change, message) => {
    change();
    const before = text('docker-compose.yml');
    const result = render();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
    expect(text('docker-compose.yml')).toBe(before);
  });

  it('applies a per-service override from services.yaml to that service only', () => {
    const [tuned, other] = SERVICES;
    const settings = 'tools/deploy/templates/services.yaml';
    writeFileSync(
      file(settings),
      text(settings).replace(
        /^services: \{\}$/m,
        `services:\n  ${tuned}:\n    resources:\n      limits:\n        cpu: "2"\n` +
          `    autoscaling:\n      maxReplicas: 8\n    topics:\n      events:\n        partitions: 12\n`,
      ),
    );
    expect(render().status).toBe(0);
    const objects = prod();
    const limits = (service: string) =>
      (
        named(objects, 'Deployment', hostOf(service))!['spec'] as {
          template: { spec: { containers: { resources: { limits: Record<string, string> } }[] } };
        }
      ).template.spec.containers[0]!.resources.limits;
    expect(limits(tuned)).toEqual({ cpu: '2', memory: '512Mi' });
    expect(limits(other)).toEqual({ cpu: '1', memory: '512Mi' });
    const maxReplicas = (service: string) =>
      (named(objects, 'HorizontalPodAutoscaler', hostOf(service))!['spec'] as { maxReplicas: number })
        .maxReplicas;
    expect([maxReplicas(tuned), maxReplicas(other)]).toEqual([8, 6]);
    expect(text('infra/kafka/topics.txt')).toMatch(new RegExp(`^${topicOf(tuned)} +12 `, 'm'));
    expect(text('infra/kafka/topics.txt')).toMatch(new RegExp(`^${topicOf(other)} +6 `, 'm'));
  });

  it.each([
    [
      'services:\n  nosuch:\n    tmpSizeLimit: 1Gi\n',
      'services.nosuch: there is no service "nosuch" in SERVICES',
    ],
    [`services:\n  ${SERVICES[0]}:\n    resources:\n      limit: {}\n`, `services.${SERVICES[0]}.resources`],
    [`services:\n  ${SERVICES[0]}:\n    tmpSizeLimit: lots\n`, 'expected a Kubernetes quantity'],
    [
      `services:\n  ${SERVICES[0]}:\n    autoscaling:\n      minReplicas: 9\n`,
      `${SERVICES[0]}: autoscaling.maxReplicas is below minReplicas`,
    ],
  ])('refuses the override %j, naming it', (override, message) => {
    const settings = 'tools/deploy/templates/services.yaml';
    writeFileSync(file(settings), text(settings).replace(/^services: \{\}\n/m, override));
    const result = render();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`tools/deploy/templates/services.yaml: `);
    expect(result.stderr).toContain(message);
  });

  it('removes the manifest of a service that left SERVICES, and refuses hand-written files there', () => {
    const gone = SERVICES.at(-1)!;
    setServices(SERVICES.slice(0, -1));
    rmSync(file(`apps/${gone}-service`), { recursive: true });
    expect(render('--check').stderr).toContain(`k8s/base/services/${gone}.yaml (stale)`);
    expect(render().stdout).toContain(`removed k8s/base/services/${gone}.yaml`);
    expect(existsSync(file(`k8s/base/services/${gone}.yaml`))).toBe(false);
    expect(named(prod(), 'Deployment', hostOf(gone))).toBeUndefined();

    writeFileSync(file('k8s/base/services/extra.yaml'), 'kind: ConfigMap\n');
    const result = render();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'k8s/base/services/extra.yaml: k8s/base/services/ holds generated manifests only',
    );
  });

  it('needs both markers of a generated region in docker-compose.yml', () => {
    writeFileSync(
      file('docker-compose.yml'),
      text('docker-compose.yml').replace(/^.*# <<< generated: services\n/m, ''),
    );
    const result = render();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('docker-compose.yml: needs exactly one "# >>> generated: services" line');
  });
});
