import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * A small kustomize: enough of `kustomize build` to render k8s/overlays/* in a unit test, on
 * machines without kustomize or a cluster. It models exactly the features k8s/ uses and throws
 * on every other kustomization field, so an overlay can never silently rely on something the
 * tests do not see. deploy.spec.ts compares its output with `kubectl kustomize` where kubectl
 * is installed.
 *
 * Deliberate difference: generated ConfigMaps/Secrets keep their plain names (kustomize appends
 * a content hash and rewrites the references); objects from generators are listed in
 * `generated` so callers can normalise real kustomize output the same way.
 */

export interface K8sMetadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: K8sMetadata;
  [field: string]: unknown;
}

export interface KustomizeBuild {
  objects: K8sObject[];
  /** `Kind/name` of every ConfigMap and Secret produced by a generator. */
  generated: Set<string>;
}

export interface KustomizeOptions {
  /**
   * Called for a generator file that does not exist; returning a string uses it as the
   * content. Lets a test report one missing input precisely instead of failing every check.
   * Without it, a missing file is an error (as in kustomize).
   */
  onMissingFile?: (path: string) => string | undefined;
}

export class KustomizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KustomizeError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'labels',
  'images',
  'replicas',
  'configMapGenerator',
  'secretGenerator',
  'patches',
]);

/** Kinds that live outside namespaces (the ones a Quartier deployment could plausibly contain). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'PriorityClass',
  'ClusterIssuer',
]);

export function buildKustomization(dir: string, options: KustomizeOptions = {}): KustomizeBuild {
  const root = resolve(dir);
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']
    .map((name) => join(root, name))
    .find((path) => existsSync(path));
  if (!file) throw new KustomizeError(`no kustomization file in ${root}`);
  const kustomization = asObject(parse(readFileSync(file, 'utf8')), file);
  for (const field of Object.keys(kustomization)) {
    if (!SUPPORTED_FIELDS.has(field)) {
      throw new KustomizeError(`${file}: field "${field}" is not modelled by tools/deploy/kustomize.ts`);
    }
  }

  const objects: K8sObject[] = [];
  const generated = new Set<string>();
  for (const entry of asArray(kustomization['resources'] ?? [], `${file} resources`)) {
    const path = join(root, asString(entry, `${file} resources[]`));
    if (statSync(path).isDirectory()) {
      const sub = buildKustomization(path, options);
      objects.push(...sub.objects);
      sub.generated.forEach((id) => generated.add(id));
    } else {
      objects.push(...readObjects(path));
    }
  }
  assertUnique(objects, file);

  for (const [field, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    for (const generator of asArray(kustomization[field] ?? [], `${file} ${field}`)) {
      applyGenerator(objects, generated, kind, asObject(generator, `${file} ${field}[]`), root, options);
    }
  }

  for (const patch of asArray(kustomization['patches'] ?? [], `${file} patches`)) {
    applyPatch(objects, asObject(patch, `${file} patches[]`), root);
  }

  const namespace = kustomization['namespace'];
  if (namespace !== undefined) {
    const ns = asString(namespace, `${file} namespace`);
    for (const object of objects) {
      if (!CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = ns;
    }
  }

  for (const entry of asArray(kustomization['labels'] ?? [], `${file} labels`)) {
    const label = asObject(entry, `${file} labels[]`);
    if (label['includeSelectors'] === true || label['includeTemplates'] === true) {
      throw new KustomizeError(`${file}: labels with includeSelectors/includeTemplates are not modelled`);
    }
    const pairs = asObject(label['pairs'], `${file} labels[].pairs`);
    for (const object of objects) {
      object.metadata.labels = { ...(object.metadata.labels ?? {}), ...stringMap(pairs, file) };
    }
  }

  for (const entry of asArray(kustomization['replicas'] ?? [], `${file} replicas`)) {
    const replica = asObject(entry, `${file} replicas[]`);
    const name = asString(replica['name'], `${file} replicas[].name`);
    const targets = objects.filter(
      (o) => ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(o.kind) && o.metadata.name === name,
    );
    if (targets.length === 0) throw new KustomizeError(`${file}: replicas names unknown workload ${name}`);
    for (const target of targets) spec(target)['replicas'] = replica['count'] as Json;
  }

  for (const entry of asArray(kustomization['images'] ?? [], `${file} images`)) {
    applyImage(objects, asObject(entry, `${file} images[]`));
  }

  return { objects, generated };
}

export function readObjects(path: string): K8sObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new KustomizeError(`${path}: ${doc.errors[0]!.message}`);
      return doc.toJS() as unknown;
    })
    .filter((value) => value !== null && value !== undefined)
    .map((value) => asK8sObject(value, path));
}

export function objectId(object: Pick<K8sObject, 'kind' | 'metadata'>): string {
  return `${object.kind}/${object.metadata.name}`;
}

export function apiGroup(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
}

// ---- generators ---------------------------------------------------------------------------

function applyGenerator(
  objects: K8sObject[],
  generated: Set<string>,
  kind: 'ConfigMap' | 'Secret',
  generator: JsonObject,
  root: string,
  options: KustomizeOptions,
): void {
  const name = asString(generator['name'], `${kind} generator name`);
  for (const key of Object.keys(generator)) {
    if (!['name', 'behavior', 'literals', 'files', 'type'].includes(key)) {
      throw new KustomizeError(`${kind} generator ${name}: field "${key}" is not modelled`);
    }
  }
  const data: Record<string, string> = {};
  for (const literal of asArray(generator['literals'] ?? [], `${name} literals`)) {
    const text = asString(literal, `${name} literals[]`);
    const eq = text.indexOf('=');
    if (eq <= 0) throw new KustomizeError(`${kind} generator ${name}: literal "${text}" is not KEY=VALUE`);
    data[text.slice(0, eq)] = text.slice(eq + 1);
  }
  for (const entry of asArray(generator['files'] ?? [], `${name} files`)) {
    const text = asString(entry, `${name} files[]`);
    const eq = text.indexOf('=');
    const [key, path] = eq > 0 ? [text.slice(0, eq), text.slice(eq + 1)] : [basename(text), text];
    const full = resolve(root, path);
    const content = existsSync(full) ? readFileSync(full, 'utf8') : options.onMissingFile?.(full);
    if (content === undefined)
      throw new KustomizeError(`${kind} generator ${name}: file ${full} does not exist`);
    data[key] = content;
  }

  const behavior = generator['behavior'] ?? 'create';
  const existing = objects.find((o) => o.kind === kind && o.metadata.name === name);
  const encode = (values: Record<string, string>) =>
    kind === 'Secret'
      ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString('base64')]))
      : values;
  if (behavior === 'create') {
    if (existing) throw new KustomizeError(`${kind} ${name} generated twice (use behavior: merge)`);
    const object: K8sObject = { apiVersion: 'v1', kind, metadata: { name }, data: encode(data) };
    if (kind === 'Secret') object['type'] = generator['type'] ?? 'Opaque';
    objects.push(object);
    generated.add(objectId(object));
    return;
  }
  if (!existing)
    throw new KustomizeError(`${kind} ${name}: behavior ${String(behavior)} but no base to merge into`);
  if (behavior === 'merge') {
    existing['data'] = { ...((existing['data'] as Record<string, string>) ?? {}), ...encode(data) };
  } else if (behavior === 'replace') {
    existing['data'] = encode(data);
  } else {
    throw new KustomizeError(`${kind} ${name}: unknown behavior ${String(behavior)}`);
  }
}

// ---- patches ------------------------------------------------------------------------------

interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
}

function applyPatch(objects: K8sObject[], patch: JsonObject, root: string): void {
  for (const key of Object.keys(patch)) {
    if (!['path', 'patch', 'target'].includes(key)) {
      throw new KustomizeError(`patch field "${key}" is not modelled`);
    }
  }
  const source =
    patch['path'] !== undefined
      ? readFileSync(join(root, asString(patch['path'], 'patch path')), 'utf8')
      : asString(patch['patch'], 'inline patch');
  const where = patch['path'] !== undefined ? String(patch['path']) : 'inline patch';
  const target = patch['target'] === undefined ? undefined : readTarget(asObject(patch['target'], 'target'));
  const documents = parseAllDocuments(source).map((doc) => doc.toJS() as unknown);

  if (documents.length === 1 && Array.isArray(documents[0])) {
    if (!target) throw new KustomizeError(`${where}: a JSON 6902 patch needs a target`);
    const matches = objects.filter((o) => matchesTarget(o, target));
    if (matches.length === 0) throw new KustomizeError(`${where}: target matches nothing`);
    for (const object of matches)
      applyJson6902(object as unknown as JsonObject, documents[0] as Json[], where);
    return;
  }

  for (const document of documents) {
    const patchObject = asK8sObject(document, where);
    const matches = target
      ? objects.filter((o) => matchesTarget(o, target))
      : objects.filter(
          (o) =>
            o.kind === patchObject.kind &&
            o.metadata.name === patchObject.metadata.name &&
            apiGroup(o.apiVersion) === apiGroup(patchObject.apiVersion),
        );
    if (matches.length === 0) throw new KustomizeError(`${where}: ${objectId(patchObject)} matches nothing`);
    for (const object of matches) {
      const { metadata, ...body } = patchObject as unknown as JsonObject;
      const { name: _name, ...metadataRest } = metadata as JsonObject;
      const builtin = isBuiltinGroup(apiGroup(object.apiVersion));
      strategicMerge(object as unknown as JsonObject, { ...body, metadata: metadataRest }, builtin, where);
    }
  }
}

function readTarget(target: JsonObject): PatchTarget {
  for (const key of Object.keys(target)) {
    if (!['group', 'version', 'kind', 'name'].includes(key)) {
      throw new KustomizeError(`patch target field "${key}" is not modelled`);
    }
  }
  return target as PatchTarget;
}

function matchesTarget(object: K8sObject, target: PatchTarget): boolean {
  const [group, version] = [apiGroup(object.apiVersion), object.apiVersion.split('/').pop()];
  return (
    (target.group === undefined || target.group === group) &&
    (target.version === undefined || target.version === version) &&
    (target.kind === undefined || target.kind === object.kind) &&
    (target.name === undefined || new RegExp(`^(?:${target.name})$`).test(object.metadata.name))
  );
}

/** Core and *.k8s.io groups carry patch-merge keys in their schemas; custom resources do not. */
function isBuiltinGroup(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/** List fields of built-in kinds that kustomize merges item by item, with their merge key. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
};

/**
 * Strategic merge as kustomize applies it: maps merge, `null` deletes, lists of built-in kinds
 * merge by their merge key, every other list (all lists of custom resources, which have no
 * schema metadata) is replaced whole.
 */
export function strategicMerge(target: JsonObject, patch: JsonObject, builtin: boolean, where: string): void {
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) throw new KustomizeError(`${where}: directive ${key} is not modelled`);
    const current = target[key];
    if (value === null) {
      delete target[key];
    } else if (isObject(value) && isObject(current)) {
      strategicMerge(current, value, builtin, where);
    } else if (Array.isArray(value) && Array.isArray(current) && builtin && MERGE_KEYS[key]) {
      const mergeKey = MERGE_KEYS[key]!;
      for (const item of value) {
        const patchItem = asObject(item, `${where} ${key}[]`);
        const existing = current.find((c) => isObject(c) && c[mergeKey] === patchItem[mergeKey]);
        if (isObject(existing)) strategicMerge(existing, patchItem, builtin, where);
        else current.push(clone(patchItem));
      }
    } else {
      target[key] = clone(value);
    }
  }
}

/** RFC 6902 add / remove / replace / test with RFC 6901 pointers. */
export function applyJson6902(document: JsonObject, operations: Json[], where: string): void {
  for (const raw of operations) {
    const operation = asObject(raw, `${where} operation`);
    const op = asString(operation['op'], `${where} op`);
    const pointer = asString(operation['path'], `${where} path`);
    const tokens = pointer
      .split('/')
      .slice(1)
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (tokens.length === 0) throw new KustomizeError(`${where}: cannot ${op} the document root`);
    const last = tokens.pop()!;
    let parent: Json = document;
    for (const token of tokens) {
      const next: Json | undefined = Array.isArray(parent)
        ? parent[Number(token)]
        : isObject(parent)
          ? parent[token]
          : undefined;
      if (next === undefined) throw new KustomizeError(`${where}: ${pointer} does not exist (at ${token})`);
      parent = next;
    }
    const value = clone(operation['value'] as Json);
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length) {
        throw new KustomizeError(`${where}: bad array index in ${pointer}`);
      }
      if (op === 'add') parent.splice(index, 0, value);
      else if (op === 'replace' && index < parent.length) parent[index] = value;
      else if (op === 'remove' && index < parent.length) parent.splice(index, 1);
      else if (op === 'test' && JSON.stringify(parent[index]) === JSON.stringify(value)) continue;
      else throw new KustomizeError(`${where}: cannot ${op} ${pointer}`);
    } else if (isObject(parent)) {
      const exists = Object.prototype.hasOwnProperty.call(parent, last);
      if (op === 'add' || (op === 'replace' && exists)) parent[last] = value;
      else if (op === 'remove' && exists) delete parent[last];
      else if (op === 'test' && JSON.stringify(parent[last]) === JSON.stringify(value)) continue;
      else throw new KustomizeError(`${where}: cannot ${op} ${pointer}`);
    } else {
      throw new KustomizeError(`${where}: ${pointer} has no container`);
    }
  }
}

// ---- images -------------------------------------------------------------------------------

function applyImage(objects: K8sObject[], entry: JsonObject): void {
  const name = asString(entry['name'], 'images[].name');
  for (const container of objects.flatMap(podContainers)) {
    const image = container['image'];
    if (typeof image !== 'string' || imageName(image) !== name) continue;
    const newName = typeof entry['newName'] === 'string' ? entry['newName'] : name;
    if (typeof entry['digest'] === 'string') container['image'] = `${newName}@${entry['digest']}`;
    else if (entry['newTag'] !== undefined) container['image'] = `${newName}:${String(entry['newTag'])}`;
    else container['image'] = newName + image.slice(name.length);
  }
}

/** Image reference without tag or digest (a registry port's colon is not a tag). */
export function imageName(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

/** Containers and init containers of any workload kind's pod template. */
export function podContainers(object: K8sObject): JsonObject[] {
  const podSpec = podSpecOf(object);
  if (!podSpec) return [];
  return ['initContainers', 'containers'].flatMap((field) =>
    Array.isArray(podSpec[field]) ? (podSpec[field] as Json[]).filter(isObject) : [],
  );
}

export function podSpecOf(object: K8sObject): JsonObject | undefined {
  const path: Record<string, string[]> = {
    Pod: ['spec'],
    Deployment: ['spec', 'template', 'spec'],
    StatefulSet: ['spec', 'template', 'spec'],
    DaemonSet: ['spec', 'template', 'spec'],
    ReplicaSet: ['spec', 'template', 'spec'],
    Job: ['spec', 'template', 'spec'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  };
  let node: Json | undefined = object as unknown as Json;
  for (const key of path[object.kind] ?? []) node = isObject(node) ? node[key] : undefined;
  return path[object.kind] && isObject(node) ? node : undefined;
}

// ---- helpers ------------------------------------------------------------------------------

function spec(object: K8sObject): JsonObject {
  if (!isObject(object['spec'] as Json)) object['spec'] = {};
  return object['spec'] as JsonObject;
}

function assertUnique(objects: K8sObject[], file: string): void {
  const seen = new Set<string>();
  for (const object of objects) {
    const id = `${apiGroup(object.apiVersion)}/${objectId(object)}`;
    if (seen.has(id)) throw new KustomizeError(`${file}: ${id} is defined twice`);
    seen.add(id);
  }
}

function asK8sObject(value: unknown, where: string): K8sObject {
  const object = asObject(value, where);
  const metadata = object['metadata'];
  if (
    typeof object['apiVersion'] !== 'string' ||
    typeof object['kind'] !== 'string' ||
    !isObject(metadata) ||
    typeof metadata['name'] !== 'string'
  ) {
    throw new KustomizeError(`${where}: every document needs apiVersion, kind and metadata.name`);
  }
  return object as unknown as K8sObject;
}

function isObject(value: Json | undefined | unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw new KustomizeError(`${where}: expected a mapping`);
  return value;
}

function asArray(value: unknown, where: string): Json[] {
  if (!Array.isArray(value)) throw new KustomizeError(`${where}: expected a list`);
  return value as Json[];
}

function asString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new KustomizeError(`${where}: expected a string`);
  return value;
}

function stringMap(value: JsonObject, where: string): Record<string, string> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asString(v, `${where} ${k}`)]));
}

function clone<T extends Json>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
