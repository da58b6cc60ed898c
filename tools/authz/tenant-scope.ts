// The authorisation matrix's object checks, derived from the OpenAPI document and the permission
// rules rather than listed per route:
//   - the owner (a platform admin acting for berlin-demo) creates what the document's POST
//     collections accept (bodies sampled from their schemas), and the ids are read back from
//     the document's GET lists, level by level (`/networks` → `/networks/{networkId}/waves`);
//   - another tenant's callers call every operation whose path names such an object, with a
//     valid body (sampled, or given where a schema cannot say it: sample-overrides.ts): the
//     answer must be the one for an object that does not exist (404; a call refused before the
//     lookup gets the same refusal either way), so nothing tells them the object is there;
//   - the planner (scope Mitte) sends every write whose body names an area, once with an area in
//     Mitte and once with one in Friedrichshain-Kreuzberg: the second is 403 OutOfScope, the first
//     is not.
import { randomUUID } from 'node:crypto';
import { admits, type RoutePermission } from './permission-rules';
import {
  jsonBodySchema,
  namesArea,
  requiredQuery,
  resolve,
  sampleBody,
  type BodyHints,
  type OpenApiDocument,
} from './openapi-body';
import { BODY_OVERRIDES } from './sample-overrides';

export interface Who {
  readonly name: string;
  readonly token: string;
  readonly tenant: string;
}

export interface Reply {
  readonly status: number;
  readonly code: string | undefined;
  readonly text: string;
  readonly body: unknown;
}

/** A body is sent as JSON, or as it is when it is a `RawBody` (sample-overrides.ts). */
export type Send = (method: string, path: string, who: Who, body?: unknown) => Promise<Reply>;

export interface ObjectCheck {
  readonly service: string;
  readonly operation: string;
  readonly caller: string;
  /** 'other-tenant' or 'planner-out-of-scope' / 'planner-in-scope'. */
  readonly kind: string;
  readonly path: string;
  readonly status: number;
  readonly code: string | undefined;
  /** The start of the answer, for a failure's report. */
  readonly message: string;
  /** The answer for an object that does not exist (other-tenant checks). */
  readonly unknownStatus?: number;
  readonly passed: boolean;
}

export interface ObjectChecks {
  readonly checks: ObjectCheck[];
  /** Operations naming an object for which no object of the owner could be made or found. */
  readonly unbound: string[];
  /** Collections the owner created an object in. */
  readonly created: string[];
  /** Creations the sampled body did not achieve (status and code), for the record. */
  readonly notCreated: string[];
}

interface Op {
  readonly method: string;
  readonly path: string;
  readonly rule: RoutePermission;
}

const paramsOf = (path: string) => path.match(/\{[^}]+\}/g) ?? [];
const isWrite = (method: string) => method !== 'GET';

interface Options {
  service: string;
  doc: OpenApiDocument;
  rules: readonly RoutePermission[];
  send: Send;
  owner: Who;
  others: readonly { who: Who; roles: readonly string[] }[];
  planner: Who;
  areas: { inScope: string; outOfScope: string };
  /**
   * Objects a sampled body cannot make (uploads, objects built from others), made by the owner
   * through the public API after the sampled creations; returns ids per collection path, which
   * come first there (jobs and tile levels no GET list shows, the object a check should use).
   */
  fixtures?: (owner: Who, harvested: ReadonlyMap<string, string[]>) => Promise<[string, string[]][]>;
}

/** What the phases share: the operations, the ids found so far, bodies and queries for them. */
interface Context {
  readonly options: Options;
  readonly ops: readonly Op[];
  readonly harvested: Map<string, string[]>;
  query(op: Op): string;
  bodyFor(op: Op, area: string): unknown;
  /** The body a schema cannot describe (sample-overrides.ts), else the sampled one. */
  validBodyFor(op: Op): Promise<unknown>;
  check(op: Op, caller: string, kind: string, path: string, reply: Reply, passed: boolean): ObjectCheck;
}

export async function checkObjects(options: Options): Promise<ObjectChecks> {
  const { doc } = options;
  const ops: Op[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).flatMap((method) => {
      const rule = options.rules.find((r) => r.path === path && r.method === method.toUpperCase());
      return rule ? [{ method: method.toUpperCase(), path, rule }] : [];
    }),
  );
  const harvested = new Map<string, string[]>();
  // `targetActorId` beside `sourceActorId`: the second member of a kind names a second object.
  const idFor = (member: string) => {
    const kind = member.replace(/Id$/, '');
    const ids =
      idsOfKind(harvested, kind).length > 0
        ? idsOfKind(harvested, kind)
        : idsOfKind(harvested, lastWord(kind));
    return ids[/^(target|to|second)/.test(member) ? 1 : 0] ?? ids[0];
  };
  const operation = (op: Op) => doc.paths[op.path]![op.method.toLowerCase()]!;
  const hints: BodyHints = { area: options.areas.inScope, idFor };
  const bodyFor = (op: Op, area: string) => {
    const schema = jsonBodySchema(doc, operation(op));
    if (schema) return sampleBody(doc, schema, { area, idFor });
    return isWrite(op.method) ? {} : undefined;
  };
  const context: Context = {
    options,
    ops,
    harvested,
    query: (op) => requiredQuery(doc, operation(op), hints),
    bodyFor,
    validBodyFor: async (op) =>
      (await BODY_OVERRIDES[`${op.method} ${op.path}`]?.(hints)) ?? bodyFor(op, options.areas.inScope),
    check: (op, caller, kind, path, reply, passed) => ({
      service: options.service,
      operation: `${op.method} ${op.path}`,
      caller,
      kind,
      path,
      status: reply.status,
      code: reply.code,
      message: reply.text.slice(0, 160),
      passed,
    }),
  };
  const { created, notCreated } = await makeObjects(context);
  if (options.fixtures) {
    for (const [collection, ids] of await options.fixtures(options.owner, harvested))
      harvested.set(collection, unique([...ids, ...(harvested.get(collection) ?? [])]));
    for (let level = 0; level <= 3; level++)
      await harvest(ops, level, harvested, options.send, options.owner);
  }
  const others = await checkOtherTenants(context);
  const planner = await checkPlannerScope(context);
  return {
    checks: [...others.checks, ...planner.checks],
    unbound: [...others.unbound, ...planner.unbound],
    created,
    notCreated,
  };
}

/** The owner creates what the document's POSTs accept, level by level, and reads the ids back. */
async function makeObjects(context: Context): Promise<{ created: string[]; notCreated: string[] }> {
  const { ops, harvested, options } = context;
  const { doc, send, owner } = options;
  const created: string[] = [];
  const notCreated: string[] = [];
  // Creations only: a body with an `action` is a transition, which would change the state of
  // the objects the checks address.
  const creations = ops.filter((o) => {
    if (o.method !== 'POST' || o.rule.public || !/[a-z]$/.test(o.path)) return false;
    const schema = jsonBodySchema(doc, doc.paths[o.path]!['post']!);
    return schema !== undefined && !('action' in ((resolve(doc, schema)['properties'] ?? {}) as object));
  });
  for (let level = 0; level < 3; level++) {
    await harvest(ops, level, harvested, send, owner);
    for (const op of creations.filter((o) => paramsOf(o.path).length === level)) {
      for (const concrete of concretePaths(op.path, harvested).slice(0, 1)) {
        const reply = await send('POST', concrete, owner, context.bodyFor(op, options.areas.inScope));
        const id = (reply.body as { id?: unknown } | undefined)?.id;
        if (reply.status < 300 && typeof id === 'string') {
          harvested.set(concrete, [...(harvested.get(concrete) ?? []), id]);
          created.push(`POST ${op.path}`);
        } else
          notCreated.push(`POST ${op.path}: ${reply.status} ${reply.code ?? ''} ${reply.text.slice(0, 200)}`);
      }
    }
  }
  await harvest(ops, 3, harvested, send, owner);
  return { created, notCreated };
}

/** Another tenant's callers get for the owner's object what they get for one that does not exist. */
async function checkOtherTenants(context: Context): Promise<{ checks: ObjectCheck[]; unbound: string[] }> {
  const { ops, harvested, options } = context;
  const checks: ObjectCheck[] = [];
  const unbound: string[] = [];
  for (const op of ops.filter((o) => !o.rule.public && paramsOf(o.path).length > 0)) {
    const concrete = concretePaths(op.path, harvested)[0];
    if (!concrete) {
      unbound.push(`${op.method} ${op.path}`);
      continue;
    }
    const body = await context.validBodyFor(op);
    const stranger = strangerPath(op.path, concrete);
    for (const { who, roles } of options.others) {
      // A caller whose role the gate refuses is stopped before any object is looked at.
      if (!admits(op.rule, roles as never)) continue;
      const reply = await options.send(op.method, concrete + context.query(op), who, body);
      const unknown = await options.send(op.method, stranger + context.query(op), who, body);
      const indistinguishable =
        reply.status === unknown.status &&
        reply.code === unknown.code &&
        (reply.status >= 300 || reply.text === unknown.text);
      const passed = reply.status < 500 && (reply.status === 404 || indistinguishable);
      checks.push({
        ...context.check(op, who.name, 'other-tenant', concrete, reply, passed),
        unknownStatus: unknown.status,
      });
    }
  }
  return { checks, unbound };
}

/** Every write the planner may call whose body names an area: outside Mitte refused, inside not. */
async function checkPlannerScope(context: Context): Promise<{ checks: ObjectCheck[]; unbound: string[] }> {
  const { ops, harvested, options } = context;
  const { doc, planner, areas } = options;
  const checks: ObjectCheck[] = [];
  const unbound: string[] = [];
  for (const op of ops.filter((o) => isWrite(o.method) && !o.rule.public && admits(o.rule, ['planner']))) {
    const schema = jsonBodySchema(doc, doc.paths[op.path]![op.method.toLowerCase()]!);
    if (!schema || !namesArea(doc, schema)) continue;
    const concrete = paramsOf(op.path).length === 0 ? op.path : concretePaths(op.path, harvested)[0];
    if (!concrete) {
      unbound.push(`${op.method} ${op.path} (planner scope)`);
      continue;
    }
    const path = concrete + context.query(op);
    const outside = await options.send(op.method, path, planner, context.bodyFor(op, areas.outOfScope));
    checks.push(
      context.check(op, planner.name, 'planner-out-of-scope', concrete, outside, refusedForArea(outside)),
    );
    const inside = await options.send(op.method, path, planner, context.bodyFor(op, areas.inScope));
    const passed = !refusedForArea(inside) && (inside.status < 500 || inside.code === 'UpstreamFailed');
    checks.push(context.check(op, planner.name, 'planner-in-scope', concrete, inside, passed));
  }
  return { checks, unbound };
}

/**
 * Refused because of the area: 403 OutOfScope (the caller's scope), or 422 naming the area where
 * the object's own scope answers first (a survey's target areas must lie in its scope area).
 */
function refusedForArea(reply: Reply): boolean {
  return (
    (reply.status === 403 && reply.code === 'OutOfScope') ||
    (reply.status === 422 && /Area/.test(reply.code ?? ''))
  );
}

/** Ids below each concrete collection, read from the GET operations with `level` parameters. */
async function harvest(
  ops: readonly Op[],
  level: number,
  harvested: Map<string, string[]>,
  send: Send,
  owner: Who,
): Promise<void> {
  for (const op of ops.filter((o) => o.method === 'GET' && !o.rule.public)) {
    if (paramsOf(op.path).length > level) continue;
    for (const concrete of concretePaths(op.path, harvested).slice(0, 2)) {
      const reply = await send('GET', concrete, owner);
      if (reply.status !== 200 || !reply.body || typeof reply.body !== 'object') continue;
      const ids = idsIn(reply.body);
      if (ids.length > 0) harvested.set(concrete, unique([...(harvested.get(concrete) ?? []), ...ids]));
      // A detail (`/networks/<id>`) lists its parts inline (`waves: [...]`): those ids too.
      if (!Array.isArray(reply.body))
        for (const [key, value] of Object.entries(reply.body as Record<string, unknown>)) {
          const nested = Array.isArray(value) ? idsIn(value) : [];
          if (nested.length > 0)
            harvested.set(
              `${concrete}/${key}`,
              unique([...(harvested.get(`${concrete}/${key}`) ?? []), ...nested]),
            );
        }
    }
  }
}

function idsIn(body: unknown): string[] {
  const items = Array.isArray(body)
    ? body
    : Array.isArray((body as { items?: unknown }).items)
      ? ((body as { items: unknown[] }).items as unknown[])
      : [];
  return items
    .map((item) => {
      const o = item as { id?: unknown; code?: unknown } | null;
      return typeof o?.id === 'string' ? o.id : typeof o?.code === 'string' ? o.code : undefined;
    })
    .filter((id): id is string => id !== undefined)
    .slice(0, 5);
}

const unique = (ids: string[]) => [...new Set(ids)];

const lastWord = (name: string) => (/[A-Z][a-z]+$/.exec(name)?.[0] ?? name).toLowerCase();

/** Ids of a kind of object (`measure`), from any collection of that name (`…/measures`). */
function idsOfKind(harvested: ReadonlyMap<string, string[]>, kind: string): string[] {
  const name = new RegExp(`/${kind}(e?s)?$`, 'i');
  return [...harvested].filter(([prefix]) => name.test(prefix)).flatMap(([, ids]) => ids);
}

/**
 * Concrete paths for a template whose every parameter has an id: the ids listed below its
 * prefix, else those of its kind, named by the parameter (`{measureId}`) or, for `{id}`, by the
 * segment before it (`/measures/{id}`) — objects read from one list and addressed by another.
 */
export function concretePaths(template: string, harvested: ReadonlyMap<string, string[]>): string[] {
  let prefixes = [''];
  let previous = '';
  for (const segment of template.split('/').slice(1)) {
    if (!segment.startsWith('{')) {
      prefixes = prefixes.map((p) => `${p}/${segment}`);
      previous = segment;
      continue;
    }
    const param = segment.slice(1, -1);
    const kind = param === 'id' || param === 'code' ? previous.replace(/e?s$/, '') : param.replace(/Id$/, '');
    prefixes = prefixes.flatMap((p) =>
      (harvested.get(p) ?? idsOfKind(harvested, kind)).slice(0, 2).map((id) => `${p}/${id}`),
    );
  }
  return prefixes;
}

/** Tile coordinates address a place within an object (a level's tiles), not an object. */
const COORDINATE = /^\{(z|x|y|file)\}$/;

/** The same path with every bound id replaced by one nobody has. */
function strangerPath(template: string, concrete: string): string {
  const templateSegments = template.split('/');
  return concrete
    .split('/')
    .map((segment, i) => {
      const param = templateSegments[i] ?? '';
      return param.startsWith('{') && !COORDINATE.test(param) ? randomUUID() : segment;
    })
    .join('/');
}
