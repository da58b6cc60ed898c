// Reads a service's OpenAPI document: its operations, and plausible values for their schemas, so
// hostile values land inside requests that otherwise pass validation and reach deeper code.

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

/**
 * @param {object} doc OpenAPI 3 document
 * @returns {{ method: string, path: string, params: object[], body: object | null }[]}
 */
export function operationsOf(doc) {
  const operations = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', ...WRITE_METHODS]) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolve(doc, p));
      operations.push({ method, path, params, body: op.requestBody ? resolve(doc, op.requestBody) : null });
    }
  }
  return operations;
}

export function isWrite(operation) {
  return WRITE_METHODS.includes(operation.method);
}

export function resolve(doc, node, seen = 0) {
  if (!node || typeof node !== 'object' || !node.$ref || seen > 20) return node;
  const target = node.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((at, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  return resolve(doc, target, seen + 1);
}

const FORMATS = {
  uuid: () => '00000000-0000-4000-8000-000000000000',
  date: () => '2025-06-30',
  'date-time': () => '2025-06-30T12:00:00.000Z',
  email: () => 'fuzz@example.org',
  uri: () => 'https://example.org/',
  url: () => 'https://example.org/',
};

/**
 * A plausible value for `schema`: required members always, optional ones by chance; ids from
 * `ids` (harvested from the running platform) where a uuid is asked for.
 */
export function sample(doc, schema, random, ids = [], depth = 0) {
  const s = resolve(doc, schema) ?? {};
  if (depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return random.pick(s.enum);
  const variants = s.oneOf ?? s.anyOf;
  if (Array.isArray(variants) && variants.length > 0) {
    const usable = variants.filter((v) => resolve(doc, v)?.type !== 'null');
    return sample(doc, random.pick(usable.length > 0 ? usable : variants), random, ids, depth + 1);
  }
  if (Array.isArray(s.allOf))
    return Object.assign({}, ...s.allOf.map((p) => sample(doc, p, random, ids, depth + 1)));
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type;
  switch (type ?? (s.properties ? 'object' : undefined)) {
    case 'object':
      return sampleObject(doc, s, random, ids, depth);
    case 'array': {
      const count = Math.max(s.minItems ?? 0, random.int(0, 2));
      return Array.from({ length: Math.min(count, 5) }, () =>
        sample(doc, s.items ?? {}, random, ids, depth + 1),
      );
    }
    case 'string':
      return sampleString(s, random, ids);
    case 'integer':
      return Math.max(s.minimum ?? 0, Math.min(s.maximum ?? 10, 1 + random.int(0, 5)));
    case 'number':
      return Math.max(s.minimum ?? 0, Math.min(s.maximum ?? 10, 0.5 + random.int(0, 5)));
    case 'boolean':
      return random.chance(0.5);
    case 'null':
      return null;
    default:
      return random.pick(['wert', 1, true]);
  }
}

function sampleObject(doc, s, random, ids, depth) {
  const out = {};
  const required = new Set(s.required ?? []);
  for (const [name, property] of Object.entries(s.properties ?? {}))
    if (required.has(name) || random.chance(0.5)) out[name] = sample(doc, property, random, ids, depth + 1);
  if (!s.properties && s.additionalProperties && typeof s.additionalProperties === 'object')
    out[`k${random.int(1, 9)}`] = sample(doc, s.additionalProperties, random, ids, depth + 1);
  return out;
}

function sampleString(s, random, ids) {
  if (s.format === 'uuid' && ids.length > 0 && random.chance(0.8)) return random.pick(ids);
  if (FORMATS[s.format]) return FORMATS[s.format]();
  if (s.pattern) return patternSample(s.pattern, random);
  const length = Math.max(s.minLength ?? 1, 4);
  return 'Fuzz Kiez'.padEnd(Math.min(length, s.maxLength ?? length), 'x').slice(0, s.maxLength ?? length);
}

/** Strings for the patterns our DTOs use (periods, codes); anything else gets a simple word. */
function patternSample(pattern, random) {
  if (pattern.includes('H[12]|Q[1-4]')) return random.pick(['2022', '2023Q1', '2021-12-31']);
  if (pattern.includes('[a-z0-9-]')) return 'berlin-demo';
  return random.pick(['fuzz', 'fuzz_code', 'a1']);
}

/** Dotted paths of every string and every object inside a value (for placing hostile values). */
export function slotsOf(value, path = [], out = { strings: [], objects: [], any: [] }) {
  if (path.length > 0) out.any.push(path);
  if (typeof value === 'string') out.strings.push(path);
  else if (value && typeof value === 'object') {
    out.objects.push(path);
    for (const [key, item] of Object.entries(value)) slotsOf(item, [...path, key], out);
  }
  return out;
}

/** A copy of `value` with the member at `path` replaced (the root when `path` is empty). */
export function replaceAt(value, path, replacement) {
  if (path.length === 0) return replacement;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  copy[path[0]] = replaceAt(value?.[path[0]], path.slice(1), replacement);
  return copy;
}
