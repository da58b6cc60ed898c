import 'reflect-metadata';
import { startLocalTestIssuer, type LocalTestIssuer } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import { startServiceTestApp, type ServiceDefinition, type ServiceTestApp } from '@quartier/service-kit';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PLATFORM_SERVICES } from '@quartier/platform-services';
import { admits, routePermissions, type RoutePermission } from './permission-rules';
import type { OpenApiDocument } from './openapi-body';
import { checkObjects, type ObjectCheck, type Reply, type Who } from './tenant-scope';
import { FIXTURES, type CompanionApi, type FixtureApi } from './fixtures';
import { COMPANIONS, publishAreas, startCompanions, startRouter } from './companions';
import { isRaw } from './sample-overrides';

// The authorisation matrix: every operation of every service's OpenAPI document, called by
// anonymous, a token signed with a foreign key, and each demo user, against the real service
// (real guard, real dev OIDC provider, real PostgreSQL). The expected answer comes from the
// permission rules read from the controllers' metadata (permission-rules.ts), the same rules
// the README's matrix is generated from:
//   - no token / foreign signature → 401 (public operations: anything but 401/403);
//   - a role the rules admit → never 401 and never 403 MissingRole (scope and validation follow);
//   - a role they do not admit → 403 MissingRole.
// An operation the document lists but the rules do not know fails the test.
// Then the objects (tenant-scope.ts): another tenant's callers (its admin, and a platform admin
// acting for it) get for each object of berlin-demo what they get for one that does not exist,
// and the planner of Mitte is refused every write that sets an area outside Mitte.

jest.setTimeout(170_000);

interface Caller {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly tenant: string;
  /** Whether the service can verify who this is (false: no token, or one it cannot trust). */
  readonly authenticated: boolean;
  token(t: ServiceTestApp): Promise<string | null>;
}

const SOME_ID = '00000000-0000-4000-8000-00000000abcd';

interface Operation {
  readonly method: string;
  readonly path: string;
}

interface Outcome {
  readonly service: string;
  readonly operation: string;
  readonly caller: string;
  readonly expected: string;
  readonly status: number;
  readonly code: string | undefined;
}

const user = (name: string, roles: Role[], tenant = 'berlin-demo'): Caller => ({
  name,
  roles,
  tenant,
  authenticated: true,
  token: (t) => t.tokenFor(name),
});

describe('authorisation matrix: every operation × anonymous, a foreign token and each demo user', () => {
  let issuer: LocalTestIssuer;
  const rules = routePermissions(PLATFORM_SERVICES);
  const outcomes: Outcome[] = [];
  const objectChecks: ObjectCheck[] = [];
  const unbound: string[] = [];
  const notCreated: string[] = [];

  beforeAll(async () => {
    issuer = await startLocalTestIssuer();
  });
  afterAll(async () => {
    await issuer?.close();
    // A record of the run for the security section of the README (counts per caller).
    mkdirSync(join(__dirname, '../../dist/authz'), { recursive: true });
    writeFileSync(join(__dirname, '../../dist/authz/matrix.json'), JSON.stringify(outcomes, null, 1));
    writeFileSync(
      join(__dirname, '../../dist/authz/objects.json'),
      JSON.stringify({ checks: objectChecks, unbound, notCreated }, null, 1),
    );
  });

  const callers: Caller[] = [
    { name: 'anonymous', roles: [], tenant: 'berlin-demo', authenticated: false, token: async () => null },
    {
      name: 'foreign-signed',
      roles: [],
      tenant: 'berlin-demo',
      authenticated: false,
      // The service's own issuer and a platform-admin claim, signed with a key it never published.
      token: (t) =>
        issuer.signWithForeignKey({ username: 'admin', roles: ['platform-admin'], issuer: `${t.url}/oidc` }),
    },
    user('admin', ['tenant-admin']),
    user('planer', ['planner']),
    user('analyst', ['analyst']),
    user('viewer', ['viewer']),
    user('programm', ['programme-manager']),
    user('evaluator', ['evaluator']),
    user('musterstadt-admin', ['tenant-admin'], 'musterstadt'),
    user('platform', ['platform-admin']),
  ];

  it.each(PLATFORM_SERVICES.map((s) => [s.name, s] as const))(
    '%s: every documented operation answers every caller as the permission rules say',
    async (_name, service) => {
      const { t, areas, companions, stop } = await start(service);
      try {
        const document = (await (
          await fetch(`${t.url}/api/${service.name}/docs-json`)
        ).json()) as OpenApiDocument;
        const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
          Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
        );
        const unknown = operations.filter((op) => !ruleOf(rules, service.name, op));
        expect(unknown).toEqual([]);
        // The document lists every operation the rules call documented: the matrix covers them all.
        expect(operations.map((op) => `${op.method} ${op.path}`).sort()).toEqual(
          rules
            .filter((r) => r.service === service.name && r.documented)
            .map((r) => `${r.method} ${r.path}`)
            .sort(),
        );
        const answered: Outcome[] = [];
        for (const caller of callers) {
          const token = await caller.token(t);
          for (const op of operations) {
            const rule = ruleOf(rules, service.name, op) as RoutePermission;
            answered.push(await call(t, service.name, op, rule, caller, token));
          }
        }
        outcomes.push(...answered);
        expect(answered).toHaveLength(operations.length * callers.length);
        expect(answered.filter((outcome) => !matches(outcome))).toEqual([]);
        const who = async (name: string, user: string, tenant: string): Promise<Who> => ({
          name,
          token: await t.tokenFor(user),
          tenant,
        });
        const objects = await checkObjects({
          service: service.name,
          doc: document,
          rules: rules.filter((r) => r.service === service.name),
          send: (method, path, caller, body) => send(t, method, path, caller, body),
          owner: await who('platform@berlin-demo', 'platform', 'berlin-demo'),
          others: [
            {
              who: await who('musterstadt-admin', 'musterstadt-admin', 'musterstadt'),
              roles: ['tenant-admin'],
            },
            { who: await who('platform@musterstadt', 'platform', 'musterstadt'), roles: ['platform-admin'] },
          ],
          planner: await who('planer', 'planer', 'berlin-demo'),
          areas,
          fixtures: FIXTURES[service.name]
            ? (owner, harvested) =>
                FIXTURES[service.name]!(api(t), owner, harvested, areas.inScope, companions)
            : undefined,
        });
        objectChecks.push(...objects.checks);
        unbound.push(...objects.unbound.map((op) => `${service.name} ${op}`));
        notCreated.push(...objects.notCreated);
        expect(objects.checks.filter((c) => !c.passed)).toEqual([]);
        // An operation naming an object the owner could not make from the document is an
        // expectation missing: it fails unless its resource is listed with the reason below.
        expect(
          objects.unbound.filter((op) => !NOT_MADE_FROM_THE_DOCUMENT.some(([pattern]) => pattern.test(op))),
        ).toEqual([]);
      } finally {
        await stop();
      }
    },
  );

  // Each service's test above checks that its document lists exactly its documented operations
  // and calls each with every caller; this one needs none of them to have run.
  it('covered every operation with every caller', () => {
    const documented = rules.filter((r) => r.documented);
    const services = new Set<string>(PLATFORM_SERVICES.map((s) => s.name));
    expect(documented.filter((r) => !services.has(r.service))).toEqual([]);
    expect(new Set(documented.map((r) => `${r.service} ${r.method} ${r.path}`)).size).toBe(documented.length);
    const denied = documented.flatMap((rule) =>
      callers.filter((c) => expectedAnswer(rule, c) === 'MissingRole'),
    );
    expect(denied.length).toBeGreaterThan(100);
  });
});

/**
 * Resources whose objects neither a sampled JSON body nor a fixture (fixtures.ts) makes, with
 * why. Their operations keep the role-gate checks above. None today: a programme's measures and
 * evidence snapshots in the evaluation service and reports are made with the services beside it
 * (companions.ts).
 */
const NOT_MADE_FROM_THE_DOCUMENT: readonly [RegExp, string][] = [];

/** Mitte with a planning area (the planner's scope) and Friedrichshain-Kreuzberg with one. */
const AREAS = [
  { code: '01', level: 'bezirk', name: 'Mitte' },
  { code: '01011101', level: 'planungsraum', parent: '01', name: 'Stülerstraße' },
  { code: '02', level: 'bezirk', name: 'Friedrichshain-Kreuzberg' },
  { code: '02010101', level: 'planungsraum', parent: '02', name: 'Wassertorplatz' },
];

async function start(service: ServiceDefinition): Promise<{
  t: ServiceTestApp;
  areas: { inScope: string; outOfScope: string };
  companions: ReadonlyMap<string, CompanionApi>;
  stop: () => Promise<void>;
}> {
  const router = COMPANIONS[service.name] ? await startRouter() : undefined;
  const t = await startServiceTestApp(service, {
    // Scheduled reports sign in as a configured account: without one no schedule can be made.
    // Reports gather from the services beside it, behind the router.
    ...(service.name === 'reporting'
      ? {
          runtime: {
            reportScheduleAccounts: { 'berlin-demo': { username: 'admin', password: 'demo' } },
            serviceUrlTemplate: router?.url,
          },
        }
      : {}),
  });
  const apps = router ? await startCompanions(service.name, `${t.url}/oidc`, router) : new Map();
  const companions = new Map([...apps].map(([name, app]) => [name, { ...api(app), db: app.db }]));
  const stop = async () => {
    for (const app of apps.values()) await app.close();
    await t.close();
    await router?.close();
  };
  const grants: [string, string, Role][] = [
    ['berlin-demo', 'planer', 'planner'],
    ['berlin-demo', 'analyst', 'analyst'],
    ['berlin-demo', 'viewer', 'viewer'],
    ['berlin-demo', 'programm', 'programme-manager'],
    ['berlin-demo', 'evaluator', 'evaluator'],
  ];
  if (service.name === 'registry') {
    // The registry answers scope questions from its own tables (the source of truth).
    for (const tenant of ['berlin-demo', 'musterstadt'])
      await t.db.query(`INSERT INTO tenant (id, name, levels) VALUES ($1, $1, '[]')`, [tenant]);
    for (const [tenant, subject, role] of grants)
      await t.db.query(`INSERT INTO role_assignment (tenant_id, subject, role) VALUES ($1, $2, $3)`, [
        tenant,
        subject,
        role,
      ]);
    return { t, areas: { inScope: SOME_ID, outOfScope: SOME_ID }, companions, stop };
  }
  // Companions share the service's areas (the same ids) unless the registry among them is their
  // source.
  const ids =
    apps.size > 0 && !apps.has('registry')
      ? await publishAreas(t, 'berlin-demo', AREAS)
      : await t.seedAreas('berlin-demo', AREAS);
  for (const [tenant, subject, role] of grants)
    await t.grant(tenant, subject, role, subject === 'planer' ? (ids['01'] as string) : null);
  return {
    t,
    areas: { inScope: ids['01011101'] as string, outOfScope: ids['02010101'] as string },
    companions,
    stop,
  };
}

async function send(
  t: ServiceTestApp,
  method: string,
  path: string,
  who: Who,
  body?: unknown,
  /** Given for a raw body (a file sent as it is); JSON otherwise. */
  contentType?: string,
): Promise<Reply> {
  const headers: Record<string, string> = {
    'x-quartier-tenant': who.tenant,
    authorization: `Bearer ${who.token}`,
  };
  const raw = isRaw(body) ? body : contentType ? { contentType, data: body as string } : undefined;
  if (body !== undefined) headers['content-type'] = raw?.contentType ?? 'application/json';
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: raw ? raw.data : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // CSV, PDF, SVG: the text itself
  }
  const code = (parsed as { code?: unknown } | null)?.code;
  return { status: response.status, code: typeof code === 'string' ? code : undefined, text, body: parsed };
}

function api(t: ServiceTestApp): FixtureApi {
  return {
    send: (method, path, who, body) => send(t, method, path, who, body),
    upload: (path, who, contentType, body) => send(t, 'POST', path, who, body, contentType),
  };
}

function ruleOf(
  rules: readonly RoutePermission[],
  service: string,
  op: Operation,
): RoutePermission | undefined {
  return rules.find((r) => r.service === service && r.method === op.method && r.path === op.path);
}

async function call(
  t: ServiceTestApp,
  service: string,
  op: Operation,
  rule: RoutePermission,
  caller: Caller,
  token: string | null,
): Promise<Outcome> {
  const expected = expectedAnswer(rule, caller);
  const headers: Record<string, string> = { 'x-quartier-tenant': caller.tenant };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const hasBody = !['GET', 'DELETE', 'HEAD'].includes(op.method);
  if (hasBody) headers['content-type'] = 'application/json';
  const response = await fetch(`${t.url}${op.path.replace(/\{[^}]+\}/g, SOME_ID)}`, {
    method: op.method,
    headers,
    ...(hasBody ? { body: '{}' } : {}),
  });
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  return {
    service,
    operation: `${op.method} ${op.path}`,
    caller: caller.name,
    expected,
    status: response.status,
    code,
  };
}

/** What the permission rules say the operation answers the caller. */
function expectedAnswer(rule: RoutePermission, caller: Caller): string {
  if (rule.public) return 'public';
  if (!caller.authenticated) return 'Unauthenticated';
  return admits(rule, caller.roles) ? 'admitted' : 'MissingRole';
}

function matches(outcome: Outcome): boolean {
  switch (outcome.expected) {
    case 'public':
      return outcome.status !== 401 && outcome.status !== 403 && outcome.status < 500;
    case 'Unauthenticated':
      return outcome.status === 401;
    case 'MissingRole':
      return outcome.status === 403 && outcome.code === 'MissingRole';
    default:
      return outcome.status !== 401 && outcome.code !== 'MissingRole' && outcome.status < 500;
  }
}
