import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { applyJson6902, buildKustomization, imageName, KustomizeError, strategicMerge } from './kustomize';
import { ComposeError, interpolate } from './compose';

describe('kustomize resolver', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'quartier-kz-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  template:
    spec:
      containers:
        - name: api
          image: example/api
          env: [{ name: A, value: "1" }]
        - name: sidecar
          image: example/sidecar:1.0
`;

  it('layers an overlay on a base: namespace, labels, images, replicas, generators, patches', () => {
    write('base/deploy.yaml', deployment);
    write(
      'base/crd.yaml',
      'apiVersion: x.example.io/v1\nkind: Thing\nmetadata: { name: t }\nspec: { items: [1, 2], keep: true }\n',
    );
    write(
      'base/kustomization.yaml',
      `resources: [deploy.yaml, crd.yaml]
configMapGenerator:
  - name: cfg
    literals: [A=1, B=x=y]
`,
    );
    write(
      'overlay/patch.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  template:
    spec:
      containers:
        - name: api
          env: [{ name: B, value: "2" }]
---
apiVersion: x.example.io/v1
kind: Thing
metadata: { name: t }
spec: { items: [3] }
`,
    );
    write('overlay/json.yaml', '- op: add\n  path: /metadata/annotations\n  value: { a~b: "1" }\n');
    write(
      'overlay/kustomization.yaml',
      `namespace: ns
resources: [../base]
labels: [{ pairs: { team: q } }]
images:
  - { name: example/api, newName: reg.example/api, newTag: "2.0" }
  - { name: example/sidecar, newTag: "1.1" }
replicas: [{ name: api, count: 3 }]
configMapGenerator:
  - { name: cfg, behavior: merge, literals: [A=2] }
secretGenerator:
  - { name: sec, literals: [password=p] }
patches:
  - path: patch.yaml
  - path: json.yaml
    target: { kind: Deployment }
`,
    );
    const { objects, generated } = buildKustomization(join(root, 'overlay'));
    const byKind = Object.fromEntries(objects.map((o) => [o.kind, o as Record<string, unknown>]));
    expect(objects.every((o) => o.metadata.namespace === 'ns' && o.metadata.labels?.['team'] === 'q')).toBe(
      true,
    );
    expect(byKind['Deployment']).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'ns', labels: { team: 'q' }, annotations: { 'a~b': '1' } },
      spec: {
        replicas: 3,
        template: {
          spec: {
            containers: [
              // Built-in kinds: containers and env merge by name.
              {
                name: 'api',
                image: 'reg.example/api:2.0',
                env: [
                  { name: 'A', value: '1' },
                  { name: 'B', value: '2' },
                ],
              },
              { name: 'sidecar', image: 'example/sidecar:1.1' },
            ],
          },
        },
      },
    });
    // Custom resources have no merge keys: lists are replaced, maps merged.
    expect(byKind['Thing']!['spec']).toEqual({ items: [3], keep: true });
    expect(byKind['ConfigMap']!['data']).toEqual({ A: '2', B: 'x=y' });
    expect(byKind['Secret']!['data']).toEqual({ password: Buffer.from('p').toString('base64') });
    expect([...generated].sort()).toEqual(['ConfigMap/cfg', 'Secret/sec']);
  });

  it.each([
    ['generatorOptions: { disableNameSuffixHash: true }\n', 'field "generatorOptions" is not modelled'],
    ['resources: [d.yaml]\nlabels: [{ pairs: { a: b }, includeSelectors: true }]\n', 'includeSelectors'],
    ['resources: [d.yaml]\nreplicas: [{ name: nope, count: 1 }]\n', 'replicas names unknown workload nope'],
    ['configMapGenerator: [{ name: c, behavior: merge, literals: [A=1] }]\n', 'no base to merge into'],
    ['configMapGenerator: [{ name: c, literals: [A] }]\n', 'literal "A" is not KEY=VALUE'],
    ['configMapGenerator: [{ name: c, files: [missing.json] }]\n', 'missing.json does not exist'],
    ['resources: [d.yaml, d.yaml]\n', 'apps/Deployment/api is defined twice'],
    [
      'resources: [d.yaml]\npatches: [{ patch: "- op: replace\\n  path: /x\\n  value: 1" }]\n',
      'needs a target',
    ],
    [
      'resources: [d.yaml]\npatches: [{ patch: "- op: replace\\n  path: /spec/nope\\n  value: 1", target: { kind: Deployment } }]\n',
      'cannot replace /spec/nope',
    ],
    [
      'resources: [d.yaml]\npatches: [{ patch: "kind: Deployment\\napiVersion: apps/v1\\nmetadata: { name: other }" }]\n',
      'Deployment/other matches nothing',
    ],
  ])('rejects %j', (kustomization, message) => {
    write('d.yaml', deployment);
    write('kustomization.yaml', kustomization);
    expect(() => buildKustomization(root)).toThrow(KustomizeError);
    expect(() => buildKustomization(root)).toThrow(message);
  });

  it('hands a missing generator file to onMissingFile instead of failing', () => {
    write('kustomization.yaml', 'configMapGenerator: [{ name: c, files: [k=../gone.json] }]\n');
    const missing: string[] = [];
    const { objects } = buildKustomization(root, { onMissingFile: (path) => (missing.push(path), '{}') });
    expect(missing).toEqual([join(dirname(root), 'gone.json')]);
    expect(objects[0]!['data']).toEqual({ k: '{}' });
  });
});

describe('JSON 6902 and strategic merge', () => {
  it('adds, replaces, removes and tests with escaped pointers and array positions', () => {
    const doc = { a: { 'x/y': 1 }, list: [1, 2] };
    applyJson6902(
      doc,
      [
        { op: 'test', path: '/a/x~1y', value: 1 },
        { op: 'replace', path: '/a/x~1y', value: 2 },
        { op: 'add', path: '/list/-', value: 3 },
        { op: 'add', path: '/list/0', value: 0 },
        { op: 'remove', path: '/list/1' },
        { op: 'add', path: '/b', value: { c: true } },
      ],
      'test',
    );
    expect(doc).toEqual({ a: { 'x/y': 2 }, list: [0, 2, 3], b: { c: true } });
    expect(() => applyJson6902(doc, [{ op: 'test', path: '/a/x~1y', value: 9 }], 'p')).toThrow(
      'p: cannot test /a/x~1y',
    );
    expect(() => applyJson6902(doc, [{ op: 'add', path: '/missing/deep', value: 1 }], 'p')).toThrow(
      'does not exist',
    );
    expect(() => applyJson6902(doc, [{ op: 'remove', path: '/list/7' }], 'p')).toThrow('bad array index');
  });

  it('deletes with null and refuses $patch directives', () => {
    const target = { keep: 1, drop: 2 };
    strategicMerge(target, { drop: null }, true, 'p');
    expect(target).toEqual({ keep: 1 });
    expect(() => strategicMerge(target, { $patch: 'replace' }, true, 'p')).toThrow('directive $patch');
  });
});

describe('image names', () => {
  it.each([
    ['quartier/server', 'quartier/server'],
    ['quartier/server:dev', 'quartier/server'],
    ['registry.example.de:5000/quartier/server:1.0', 'registry.example.de:5000/quartier/server'],
    ['redis@sha256:abc', 'redis'],
  ])('%s → %s', (image, name) => expect(imageName(image)).toBe(name));
});

describe('compose interpolation', () => {
  it.each([
    ['${A}', { A: 'x' }, 'x'],
    ['${A}', {}, ''],
    ['${A:-d}', {}, 'd'],
    ['${A:-d}', { A: '' }, 'd'],
    ['${A-d}', { A: '' }, ''],
    ['${A:-${B:-n}}', {}, 'n'],
    ['pre-$A-post', { A: 'x' }, 'pre-x-post'],
    ['$${A}', { A: 'x' }, '${A}'],
  ])('%s with %j → %s', (value, env, expected) => expect(interpolate(value, env)).toBe(expected));

  it('fails on an unset required variable with its message', () => {
    expect(() => interpolate('${SECRET:?set SECRET in .env}', {})).toThrow(ComposeError);
    expect(() => interpolate('${SECRET:?set SECRET in .env}', {})).toThrow('SECRET: set SECRET in .env');
    expect(interpolate('${SECRET:?x}', { SECRET: 's' })).toBe('s');
  });
});
