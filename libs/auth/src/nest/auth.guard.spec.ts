import {
  Body,
  Controller,
  Get,
  Module,
  Param,
  Patch,
  Post,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { AccessDirectory } from '../access-directory';
import { AuthError } from '../auth.error';
import { scopeAreas, type Assignment } from '../authorization';
import type { Principal } from '../principal';
import {
  startLocalTestIssuer,
  type LocalTestIssuer,
  type TestTokenInput,
} from '../testing/local-test-issuer';
import {
  AreaScope,
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  CurrentTenant,
  Public,
  Roles,
} from './auth.decorators';
import { AuthModule } from './auth.module';

/** Two tenants' area trees (child → parent) and role assignments, as a service's read models would hold them. */
class InMemoryAccessDirectory extends AccessDirectory {
  readonly parents: Record<string, Record<string, string | null>> = {
    'berlin-demo': {
      berlin: null,
      '01': 'berlin',
      '0110': '01',
      '011001': '0110',
      '02': 'berlin',
      '0210': '02',
    },
    musterstadt: { 'ms-root': null, 'ms-nord': 'ms-root' },
  };
  readonly assignments: Record<string, Record<string, Assignment[]>> = {
    'berlin-demo': {
      planer: [{ role: 'planner', areaId: '01', programmeId: null }],
      viewer: [{ role: 'viewer', areaId: null, programmeId: null }],
      analyst: [{ role: 'analyst', areaId: null, programmeId: null }],
    },
  };

  async assignmentsOf(tenantId: string, subject: string): Promise<readonly Assignment[]> {
    return this.assignments[tenantId]?.[subject] ?? [];
  }

  async ancestorsOf(tenantId: string, areaId: string): Promise<readonly string[] | null> {
    const tree = this.parents[tenantId];
    if (!tree || !(areaId in tree)) return null;
    const path: string[] = [];
    for (let parent = tree[areaId]; parent; parent = tree[parent]) path.unshift(parent);
    return path;
  }
}

const LIST_ROLES = ['tenant-admin', 'planner', 'analyst', 'viewer'] as const;

@Controller('areas')
class AreasController {
  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get()
  @Roles(...LIST_ROLES)
  @AreaScope({ query: 'parent', whenAbsent: 'any' })
  list(@CurrentCaller() { access }: Caller) {
    return {
      scope: scopeAreas(access.principal, access.assignments, [...LIST_ROLES]),
      areaPath: access.areaPath ?? null,
    };
  }

  @Get(':id')
  @Roles(...LIST_ROLES)
  @AreaScope({ param: 'id' })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @CurrentTenant() tenantId: string) {
    return { id, subject: principal.subject, tenantId };
  }

  @Patch(':id')
  @Roles('tenant-admin', 'planner')
  @AreaScope({ param: 'id' })
  update(@Param('id') id: string) {
    return { updated: id };
  }

  @Post()
  @Roles('tenant-admin', 'planner')
  @AreaScope({ body: 'parentId' })
  create(@Body() body: { parentId?: string; name: string }) {
    return { created: body.name, parentId: body.parentId ?? null };
  }
}

@Controller('me')
class MeController {
  @Get()
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Get('service-check')
  serviceCheck() {
    // A service that learns the area only after loading an entity refuses from pure code.
    throw new AuthError('OutOfScope', 'outside the area or programme scope of your role assignments');
  }
}

/** A Nest application with AuthModule wired as a service would do it. */
async function createApp(issuer: string, controllers: Type[]): Promise<INestApplication> {
  @Module({
    imports: [AuthModule.forRoot({ accessDirectory: InMemoryAccessDirectory, options: { issuer } })],
    controllers,
  })
  class TestAppModule {}
  const app = await NestFactory.create(TestAppModule, { logger: false });
  await app.init();
  return app;
}

describe('AuthGuard in a Nest application (tokens from a real local issuer)', () => {
  let issuer: LocalTestIssuer;
  let app: INestApplication;
  const token = (input: TestTokenInput) => issuer.sign(input);
  const as = async (input: TestTokenInput) => ({ Authorization: `Bearer ${await token(input)}` });
  const planer = { username: 'planer', roles: ['planner'] } as const satisfies TestTokenInput;
  const viewer = { username: 'viewer', roles: ['viewer'] } as const satisfies TestTokenInput;
  const admin = { username: 'admin', roles: ['tenant-admin'] } as const satisfies TestTokenInput;
  const musterAdmin = {
    username: 'musterstadt-admin',
    roles: ['tenant-admin'],
    tenant: 'musterstadt',
  } as const satisfies TestTokenInput;
  const platform = {
    username: 'platform',
    roles: ['platform-admin'],
    tenant: null,
  } as const satisfies TestTokenInput;

  beforeAll(async () => {
    issuer = await startLocalTestIssuer();
    app = await createApp(issuer.issuer, [AreasController, MeController]);
  });
  afterAll(async () => {
    await app.close();
    await issuer.close();
  });

  const http = () => request(app.getHttpServer());

  describe('authentication (401)', () => {
    it('lets @Public routes through without a token', async () => {
      await http().get('/areas/health').expect(200, { status: 'ok' });
    });

    it('answers 401 with WWW-Authenticate: Bearer when no token is sent', async () => {
      const response = await http().get('/areas/01').expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="quartier"');
      expect(response.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'Unauthenticated',
        message: 'authentication required',
      });
    });

    it('answers 401 invalid_token for a non-bearer Authorization header', async () => {
      const response = await http()
        .get('/areas/01')
        .set('Authorization', 'Basic YWRtaW46ZGVtbw==')
        .expect(401);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="quartier", error="invalid_token", error_description="Authorization header must be \'Bearer <token>\'"',
      );
    });

    it('answers 401 invalid_token for an expired token', async () => {
      const response = await http()
        .get('/areas/01')
        .set(await as({ ...viewer, expiresIn: -600 }))
        .expect(401);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="quartier", error="invalid_token", error_description="token expired"',
      );
      expect(response.body.code).toBe('InvalidToken');
    });

    it('answers 401 for a token with a foreign signature', async () => {
      const forged = await issuer.signWithForeignKey({ ...platform });
      await http().get('/areas/01').set('Authorization', `Bearer ${forged}`).expect(401);
    });

    it('answers 401 for a token meant for another API', async () => {
      await http()
        .get('/areas/01')
        .set(await as({ ...viewer, audience: 'reporting-api' }))
        .expect(401);
    });
  });

  describe('roles (403)', () => {
    it('refuses a role the route does not accept', async () => {
      const response = await http()
        .patch('/areas/0110')
        .set(await as(viewer))
        .expect(403);
      expect(response.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        code: 'MissingRole',
        message: 'requires one of the roles: tenant-admin, planner',
      });
    });

    it('refuses a caller without any Quartier role on routes without @Roles', async () => {
      const response = await http()
        .get('/me')
        .set(await as({ username: 'x', roles: [] }))
        .expect(403);
      expect(response.body.code).toBe('MissingRole');
    });

    it('refuses the role before looking at the area: no hint whether another tenant’s area exists', async () => {
      const response = await http()
        .patch('/areas/ms-root')
        .set(await as(viewer))
        .expect(403);
      expect(response.body.code).toBe('MissingRole');
    });

    it('exposes the principal to controllers', async () => {
      await http()
        .get('/me')
        .set(await as({ ...planer, sub: 'kc-7', name: 'Paul Planer' }))
        .expect(200, {
          subject: 'planer',
          tokenSubject: 'kc-7',
          tenantId: 'berlin-demo',
          roles: ['planner'],
          name: 'Paul Planer',
        });
    });
  });

  describe('area scope (403) and tenant isolation (404)', () => {
    it.each(['01', '0110', '011001'])('lets the Mitte planner edit %s (Mitte subtree)', async (id) => {
      await http()
        .patch(`/areas/${id}`)
        .set(await as(planer))
        .expect(200, { updated: id });
    });

    it.each(['0210', '02', 'berlin'])('refuses the Mitte planner on %s (outside the subtree)', async (id) => {
      const response = await http()
        .patch(`/areas/${id}`)
        .set(await as(planer))
        .expect(403);
      expect(response.body.code).toBe('OutOfScope');
    });

    it('answers 404 alike for another tenant’s area and for an unknown area', async () => {
      const other = await http()
        .patch('/areas/ms-root')
        .set(await as(planer))
        .expect(404);
      const unknown = await http()
        .patch('/areas/does-not-exist')
        .set(await as(planer))
        .expect(404);
      expect(other.body).toEqual(unknown.body);
      expect(other.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        code: 'AreaNotFound',
        message: 'area not found',
      });
    });

    it('keeps the second tenant’s admin inside their tenant', async () => {
      await http()
        .get('/areas/01')
        .set(await as(musterAdmin))
        .expect(404);
      await http()
        .get('/areas/ms-nord')
        .set(await as(musterAdmin))
        .expect(200, { id: 'ms-nord', subject: 'musterstadt-admin', tenantId: 'musterstadt' });
    });

    it('lets a tenant admin act tenant-wide without assignments', async () => {
      await http()
        .patch('/areas/0210')
        .set(await as(admin))
        .expect(200);
      await http()
        .post('/areas')
        .set(await as(admin))
        .send({ name: 'Neuer Bezirk' })
        .expect(201, { created: 'Neuer Bezirk', parentId: null });
    });

    it('lets a tenant-wide viewer read any area of the tenant', async () => {
      await http()
        .get('/areas/0210')
        .set(await as(viewer))
        .expect(200, { id: '0210', subject: 'viewer', tenantId: 'berlin-demo' });
    });

    it('refuses a role held in the token but without assignment in the registry', async () => {
      const response = await http()
        .get('/areas/01')
        .set(await as({ username: 'newcomer', roles: ['analyst'] }))
        .expect(403);
      expect(response.body.code).toBe('OutOfScope');
    });

    it('checks a body field: children of Mitte yes, a new root area no', async () => {
      await http()
        .post('/areas')
        .set(await as(planer))
        .send({ parentId: '0110', name: 'Neu' })
        .expect(201);
      const root = await http()
        .post('/areas')
        .set(await as(planer))
        .send({ name: 'Neu' })
        .expect(403);
      expect(root.body.code).toBe('OutOfScope');
      await http()
        .post('/areas')
        .set(await as(planer))
        .send({ parentId: '02', name: 'Neu' })
        .expect(403);
      await http()
        .post('/areas')
        .set(await as(planer))
        .send({ parentId: 'ms-root', name: 'Neu' })
        .expect(404);
    });

    it('checks a query parameter and lets lists without it narrow by scope', async () => {
      await http()
        .get('/areas')
        .set(await as(planer))
        .expect(200, { scope: ['01'], areaPath: null });
      await http()
        .get('/areas?parent=0110')
        .set(await as(planer))
        .expect(200, { scope: ['01'], areaPath: ['berlin', '01', '0110'] });
      await http()
        .get('/areas?parent=0210')
        .set(await as(planer))
        .expect(403);
      await http()
        .get('/areas?parent=ms-root')
        .set(await as(planer))
        .expect(404);
      await http()
        .get('/areas')
        .set(await as(viewer))
        .expect(200, { scope: 'all', areaPath: null });
    });

    it('refuses a non-platform token without tenant claim', async () => {
      const response = await http()
        .get('/me')
        .set(await as({ ...viewer, tenant: null }))
        .expect(403);
      expect(response.body).toMatchObject({
        code: 'NoTenant',
        message: 'your account is not assigned to a tenant',
      });
    });

    it('answers 404 when an ordinary user names another tenant in the header', async () => {
      const response = await http()
        .get('/areas/01')
        .set(await as(admin))
        .set('X-Quartier-Tenant', 'musterstadt')
        .expect(404);
      expect(response.body.code).toBe('TenantNotFound');
    });
  });

  describe('platform admin', () => {
    it('acts in the tenant chosen by header, with 404 for areas outside it', async () => {
      await http()
        .get('/areas/ms-root')
        .set(await as(platform))
        .set('X-Quartier-Tenant', 'musterstadt')
        .expect(200, {
          id: 'ms-root',
          subject: 'platform',
          tenantId: 'musterstadt',
        });
      await http()
        .patch('/areas/0210')
        .set(await as(platform))
        .set('X-Quartier-Tenant', 'berlin-demo')
        .expect(200);
      await http()
        .get('/areas/01')
        .set(await as(platform))
        .set('X-Quartier-Tenant', 'musterstadt')
        .expect(404);
    });

    it('must choose a tenant for tenant-bound endpoints (400)', async () => {
      const response = await http()
        .get('/areas/01')
        .set(await as(platform))
        .expect(400);
      expect(response.body.code).toBe('TenantRequired');
    });

    it('gets 404 for a malformed tenant header', async () => {
      await http()
        .get('/me')
        .set(await as(platform))
        .set('X-Quartier-Tenant', '../etc')
        .expect(404);
    });
  });

  it('maps AuthError thrown by a service to the same HTTP answer', async () => {
    const response = await http()
      .get('/me/service-check')
      .set(await as(viewer))
      .expect(403);
    expect(response.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      code: 'OutOfScope',
      message: 'outside the area or programme scope of your role assignments',
    });
  });

  it('answers 503 while the identity provider is unreachable, without caching the failure', async () => {
    const headers = await as(viewer);
    issuer.setAvailable(false);
    try {
      // The verifier already holds the keys from earlier requests, so it needs a fresh module.
      const fresh = await createApp(issuer.issuer, [MeController]);
      try {
        const down = await request(fresh.getHttpServer()).get('/me').set(headers).expect(503);
        expect(down.body.code).toBe('IssuerUnavailable');
        issuer.setAvailable(true);
        await request(fresh.getHttpServer()).get('/me').set(headers).expect(200);
      } finally {
        await fresh.close();
      }
    } finally {
      issuer.setAvailable(true);
    }
  });
});
