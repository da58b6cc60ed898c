// Plausible request bodies from a service's OpenAPI document, so the authorisation matrix's
// writes get past validation and reach the tenant and scope checks behind it. Deterministic
// (the first enum value, the smallest allowed number): a run can be repeated exactly.

export type Schema = Record<string, unknown>;

export interface OpenApiOperation {
  parameters?: Schema[];
  requestBody?: Schema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** Members that name an area: `areaId`, `scopeAreaId`, `areaIds`, `comparisonAreaIds`, `area`. */
export const AREA_MEMBER = /^(?:[a-z]+)?(?:areaId|AreaId|areaIds|AreaIds)$|^area$/;

export interface BodyHints {
  /** The area every area member names. */
  readonly area: string;
  /** An existing object's id for a member such as `networkId`, if one is known. */
  idFor(member: string): string | undefined;
}

const SOME_ID = '00000000-0000-4000-8000-00000000abcd';

/** Members a change may set without changing an object's state or links. */
const CHANGEABLE = ['name', 'title', 'weight', 'label'];

export function resolve(doc: OpenApiDocument, node: unknown, depth = 0): Schema {
  const n = node as Schema | undefined;
  if (!n || typeof n !== 'object' || typeof n['$ref'] !== 'string' || depth > 20) return n ?? {};
  const target = (n['$ref'] as string)
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], doc);
  return resolve(doc, target, depth + 1);
}

/** The JSON schema of an operation's body, or undefined when it takes none (or only uploads). */
export function jsonBodySchema(doc: OpenApiDocument, op: OpenApiOperation): Schema | undefined {
  const body = op.requestBody ? resolve(doc, op.requestBody) : undefined;
  const content = body?.['content'] as Record<string, { schema?: Schema }> | undefined;
  return content?.['application/json']?.schema;
}

/** Whether a schema has an area member at any depth (the writes that set an area). */
export function namesArea(doc: OpenApiDocument, schema: unknown, depth = 0): boolean {
  const s = resolve(doc, schema);
  if (depth > 8) return false;
  const variants = [...list(s['oneOf']), ...list(s['anyOf']), ...list(s['allOf'])];
  if (variants.some((v) => namesArea(doc, v, depth + 1))) return true;
  if (s['items'] && namesArea(doc, s['items'], depth + 1)) return true;
  const properties = (s['properties'] ?? {}) as Record<string, unknown>;
  return Object.entries(properties).some(
    ([name, property]) => AREA_MEMBER.test(name) || namesArea(doc, property, depth + 1),
  );
}

/** A body with every required member, plus every member that names an area. */
export function sampleBody(doc: OpenApiDocument, schema: unknown, hints: BodyHints, name = ''): unknown {
  return sample(doc, schema, hints, name, 0);
}

/** `?name=value&…` for the operation's required query parameters, or ''. */
export function requiredQuery(doc: OpenApiDocument, op: OpenApiOperation, hints: BodyHints): string {
  const pairs = (op.parameters ?? [])
    .map((parameter) => resolve(doc, parameter))
    .filter((parameter) => parameter['in'] === 'query' && parameter['required'] === true)
    .map((parameter) => {
      const name = String(parameter['name']);
      // An id in the query (`runId`) names an object even where its schema says only "string".
      const value = /Id$/.test(name)
        ? (hints.idFor(name) ?? SOME_ID)
        : sampleBody(doc, parameter['schema'] ?? {}, hints, name);
      return `${encodeURIComponent(name)}=${encodeURIComponent(String(Array.isArray(value) ? value[0] : value))}`;
    });
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

function sample(
  doc: OpenApiDocument,
  schema: unknown,
  hints: BodyHints,
  name: string,
  depth: number,
): unknown {
  const s = resolve(doc, schema);
  if (depth > 8) return null;
  if (s['const'] !== undefined) return s['const'];
  if (Array.isArray(s['enum']) && s['enum'].length > 0) return s['enum'][0];
  const variants = [...list(s['oneOf']), ...list(s['anyOf'])];
  if (variants.length > 0) {
    const usable = variants.filter((v) => resolve(doc, v)['type'] !== 'null');
    return sample(doc, usable[0] ?? variants[0], hints, name, depth + 1);
  }
  if (Array.isArray(s['allOf']))
    return Object.assign({}, ...s['allOf'].map((part) => sample(doc, part, hints, name, depth + 1)));
  const declared = Array.isArray(s['type']) ? s['type'].find((t) => t !== 'null') : s['type'];
  const type = declared ?? (s['properties'] ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(list(s['required']) as string[]);
      const properties = (s['properties'] ?? {}) as Record<string, unknown>;
      for (const [member, property] of Object.entries(properties))
        if (required.has(member) || AREA_MEMBER.test(member))
          out[member] = sample(doc, property, hints, member, depth + 1);
      // A change with nothing required ("nothing to change" otherwise) changes one plain member,
      // so the request reaches the object's lookup instead of being refused for its body.
      const plain = CHANGEABLE.find((member) => member in properties);
      if (depth === 0 && Object.keys(out).length === 0 && plain)
        out[plain] = sample(doc, properties[plain], hints, plain, depth + 1);
      return out;
    }
    case 'array': {
      if (AREA_MEMBER.test(name)) return [hints.area];
      const count = Math.max(Number(s['minItems'] ?? 0), name === 'changes' ? 1 : 0);
      return Array.from({ length: count }, () => sample(doc, s['items'], hints, '', depth + 1));
    }
    case 'string':
      return sampleString(s, hints, name);
    case 'integer':
    case 'number': {
      const minimum = Number(s['minimum'] ?? s['exclusiveMinimum'] ?? 0) + (s['exclusiveMinimum'] ? 1 : 0);
      return Math.min(Math.max(minimum, 1), Number(s['maximum'] ?? 1_000_000));
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return 'Authz';
  }
}

function sampleString(s: Schema, hints: BodyHints, name: string): string {
  if (AREA_MEMBER.test(name)) return hints.area;
  const format = s['format'];
  if (format === 'uuid') return hints.idFor(name) ?? SOME_ID;
  if (format === 'date') return '2024-05-15';
  if (format === 'date-time') return '2024-05-15T10:00:00.000Z';
  if (format === 'email') return 'authz@example.org';
  if (format === 'uri' || format === 'url') return 'https://example.org/';
  const pattern = typeof s['pattern'] === 'string' ? s['pattern'] : undefined;
  if (pattern?.includes('H[12]|Q[1-4]')) return '2023';
  if (pattern?.includes('[a-z0-9-]')) return 'authz-kiez';
  if (pattern?.includes('[A-Za-z0-9_]') || pattern?.includes('[A-Z')) return 'AUTHZ_1';
  if (pattern) return 'authz';
  const min = Number(s['minLength'] ?? 1);
  const max = Number(s['maxLength'] ?? 200);
  return 'Authz Kiez'.padEnd(Math.min(Math.max(min, 10), max), 'x').slice(0, max);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
