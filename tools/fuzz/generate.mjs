// Turns every operation of the OpenAPI documents into hostile requests: a plausible body with
// one hostile value placed at a random member (NUL, surrogates, bidi, huge lengths, deep nesting,
// wrong types), odd whole bodies, hostile path segments and query values, hostile uploads.
import {
  deepJson,
  HOSTILE_CSV,
  HOSTILE_SEGMENTS,
  HOSTILE_STRINGS,
  hostileGeoJson,
  ODD_BODIES,
  WRONG_TYPES,
} from './hostile.mjs';
import { isWrite, replaceAt, sample, slotsOf } from './openapi.mjs';

const DEEP_MARK = '__fuzz_deep__';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `/api/x/{id}/y/{yId}` with the ids found so far below each concrete prefix, else `fallback`. */
export function fillPath(
  template,
  harvested,
  random,
  fallback = () => '00000000-0000-4000-8000-000000000000',
) {
  let concrete = '';
  for (const segment of template.split('/').slice(1)) {
    const param = /^\{(.+)\}$/.exec(segment);
    const ids = harvested.get(concrete) ?? [];
    concrete += `/${param ? (ids.length > 0 ? random.pick(ids) : fallback()) : segment}`;
  }
  return concrete;
}

function withHostileSegment(template, harvested, random) {
  const params = template.match(/\{[^}]+\}/g) ?? [];
  const target = random.pick(params);
  let concrete = '';
  for (const segment of template.split('/').slice(1)) {
    const ids = harvested.get(concrete) ?? [];
    const value =
      segment === target
        ? random.pick(HOSTILE_SEGMENTS)
        : segment.startsWith('{')
          ? ids.length > 0
            ? random.pick(ids)
            : '00000000-0000-4000-8000-000000000000'
          : segment;
    concrete += `/${value}`;
  }
  return concrete;
}

function jsonCases(doc, op, schema, context) {
  const { random, allIds } = context;
  const base = sample(doc, schema, random, allIds) ?? {};
  const slots = slotsOf(base);
  const stringSlot = () => (slots.strings.length > 0 ? random.pick(slots.strings) : ['name']);
  const cases = [{ name: 'plausible', text: JSON.stringify(base) }];
  for (const [kind, value] of Object.entries(HOSTILE_STRINGS)) {
    const target = typeof base === 'object' && base !== null ? base : {};
    cases.push({ name: kind, text: JSON.stringify(replaceAt(target, stringSlot(), value)) });
  }
  const deepSlot = slots.any.length > 0 ? random.pick(slots.any) : ['answers'];
  const withMark = replaceAt(typeof base === 'object' && base !== null ? base : {}, deepSlot, DEEP_MARK);
  cases.push({ name: 'deep', text: JSON.stringify(withMark).replace(`"${DEEP_MARK}"`, deepJson(5000)) });
  for (let i = 0; i < 2 && slots.any.length > 0; i++)
    cases.push({
      name: 'wrong-type',
      text: JSON.stringify(replaceAt(base, random.pick(slots.any), random.pick(WRONG_TYPES))),
    });
  cases.push({ name: 'odd-body', text: random.pick(ODD_BODIES) });
  return cases.map((c) => ({ ...c, contentType: 'application/json', body: c.text }));
}

function uploadCases(contentTypes, context) {
  const { random, bomb } = context;
  const cases = [];
  for (const type of contentTypes) {
    if (type === 'multipart/form-data') {
      for (const field of ['file', 'nodes', 'edges']) {
        const form = new FormData();
        form.append(field, new Blob([random.pick(HOSTILE_CSV)], { type: 'text/csv' }), `${field}.csv`);
        cases.push({ name: `multipart-${field}`, body: form });
      }
    } else if (type === XLSX) {
      cases.push({ name: 'xlsx-bomb', contentType: type, body: bomb });
      cases.push({ name: 'xlsx-garbage', contentType: type, body: Buffer.from('PK\u0003\u0004garbage') });
    } else if (type.includes('geo+json')) {
      for (const kind of ['empty', 'long-name', 'nul-name', 'bidi'])
        cases.push({ name: `geojson-${kind}`, contentType: type, body: hostileGeoJson(kind) });
    } else if (type !== 'application/json') {
      for (const csv of random.shuffle(HOSTILE_CSV).slice(0, 3))
        cases.push({ name: 'hostile-upload', contentType: type, body: csv });
    }
  }
  return cases;
}

function queryCases(op, context) {
  const { random } = context;
  const query = op.params.filter((p) => p.in === 'query');
  if (query.length === 0) return [];
  const values = ['%00', 'a%00b', '%ED%A0%80', '%E2%80%AE', 'x'.repeat(20_000), '-1', '1e309', '[]', 'null'];
  return random
    .shuffle(values)
    .slice(0, 5)
    .map((value) => ({ name: `query-${value.slice(0, 12)}`, query: `${random.pick(query).name}=${value}` }));
}

/** Required query parameters (and some optional ones) with plausible values, e.g. `?format=csv`. */
function plausibleQuery(doc, op, random) {
  const pairs = op.params
    .filter((p) => p.in === 'query' && (p.required || random.chance(0.3)))
    .map(
      (p) =>
        `${encodeURIComponent(p.name)}=${encodeURIComponent(String(sample(doc, p.schema ?? {}, random)))}`,
    );
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/**
 * Requests for one operation. `context`: { random, harvested: Map<concrete prefix, ids>, allIds,
 * bomb: Buffer, users }.
 */
export function casesFor(doc, op, context) {
  const { random, harvested, users } = context;
  const isPublic = op.path.includes('/public/');
  const user = () => (isPublic ? undefined : random.chance(0.25) ? users.secondary : users.primary);
  const cases = [];
  const path = () => fillPath(op.path, harvested, random) + plausibleQuery(doc, op, random);
  if (op.method === 'delete') {
    // Real ids are left alone: deleting the demo would leave later cases nothing to reach.
    if (op.path.includes('{'))
      cases.push({ name: 'hostile-path', path: withHostileSegment(op.path, harvested, random) });
    return cases.map((c) => ({ ...c, method: op.method, template: op.path, user: user() }));
  }
  if (op.method === 'get') {
    for (const c of queryCases(op, context)) cases.push({ ...c, path: `${path()}?${c.query}` });
    if (op.path.includes('{'))
      cases.push({ name: 'hostile-path', path: withHostileSegment(op.path, harvested, random) });
  } else {
    const content = op.body?.content ?? {};
    const json = content['application/json']?.schema;
    const bodies = [
      ...(json
        ? jsonCases(doc, op, json, context)
        : isWrite(op) && Object.keys(content).length === 0
          ? jsonCases(doc, op, {}, context)
          : []),
      ...uploadCases(Object.keys(content), context),
    ];
    for (const c of bodies) cases.push({ ...c, path: path() });
    if (op.path.includes('{')) {
      const base = bodies[0] ?? { body: undefined };
      cases.push({ ...base, name: 'hostile-path', path: withHostileSegment(op.path, harvested, random) });
    }
  }
  return cases.map((c) => ({ ...c, method: op.method, template: op.path, user: user() }));
}
