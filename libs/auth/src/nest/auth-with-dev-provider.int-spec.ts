import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, Param, Patch, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AccessDirectory } from '../access-directory';
import type { Assignment } from '../authorization';
import { DEMO_PASSWORD } from '../dev-provider/demo-users';
import { createDevIdentityProvider } from '../dev-provider/dev-identity-provider';
import { requestPasswordGrant } from '../password-grant';
import { AreaScope, CurrentTenant, Public, Roles } from './auth.decorators';
import { AuthModule } from './auth.module';

/** Berlin demo tree (Bezirk Mitte 01, Friedrichshain-Kreuzberg 02) plus the demo seed's assignments. */
class DemoDirectory extends AccessDirectory {
  private readonly parents: Record<string, Record<string, string | null>> = {
    'berlin-demo': { berlin: null, '01': 'berlin', '0110': '01', '02': 'berlin', '0210': '02' },
    musterstadt: { 'ms-root': null },
  };

  async assignmentsOf(tenantId: string, subject: string): Promise<readonly Assignment[]> {
    if (tenantId === 'berlin-demo' && subject === 'planer')
      return [{ role: 'planner', areaId: '01', programmeId: null }];
    if (tenantId === 'berlin-demo' && subject === 'viewer')
      return [{ role: 'viewer', areaId: null, programmeId: null }];
    return [];
  }

  async ancestorsOf(tenantId: string, areaId: string): Promise<readonly string[] | null> {
    const tree = this.parents[tenantId];
    if (!tree || !(areaId in tree)) return null;
    const path: string[] = [];
    for (let parent = tree[areaId]; parent; parent = tree[parent]) path.unshift(parent);
    return path;
  }
}

@Controller('api/registry/areas')
class AreasController {
  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get(':id')
  @Roles('tenant-admin', 'planner', 'viewer')
  @AreaScope({ param: 'id' })
  get(@Param('id') id: string, @CurrentTenant() tenantId: string) {
    return { id, tenantId };
  }

  @Patch(':id')
  @Roles('tenant-admin', 'planner')
  @AreaScope({ param: 'id' })
  update(@Param('id') id: string) {
    return { updated: id };
  }
}

/**
 * The embedded platform's arrangement: one Nest application that mounts the dev provider at
 * /oidc (behind Nest's body parsers) and validates its own provider's tokens.
 */
describe('AuthModule with tokens of the dev provider mounted in the same Nest app', () => {
  let app: INestApplication;
  let issuer: string;

  beforeAll(async () => {
    // The platform knows its PORT from config before it starts; the test picks a free one.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    issuer = `http://127.0.0.1:${port}/oidc`;

    @Module({
      imports: [AuthModule.forRoot({ accessDirectory: DemoDirectory, useFactory: () => ({ issuer }) })],
      controllers: [AreasController],
    })
    class PlatformModule {}

    app = await NestFactory.create(PlatformModule, { logger: false });
    const idp = await createDevIdentityProvider({
      issuer,
      portalRedirectUris: [`http://127.0.0.1:${port}/callback`],
    });
    app.use(idp.mountPath, idp.handler);
    await app.listen(port, '127.0.0.1');
  });
  afterAll(() => app.close());

  const bearer = async (username: string) => {
    const { access_token } = await requestPasswordGrant({ issuer, username, password: DEMO_PASSWORD });
    return { authorization: `Bearer ${access_token}` };
  };
  const call = async (method: 'GET' | 'PATCH', path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${issuer.replace('/oidc', '')}${path}`, { method, headers });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      headers: response.headers,
    };
  };

  it('serves public routes and refuses anonymous calls with 401', async () => {
    expect((await call('GET', '/api/registry/areas/health')).status).toBe(200);
    const anonymous = await call('GET', '/api/registry/areas/01');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="quartier"');
  });

  it('lets planer edit inside Mitte and refuses outside (403) and in the other tenant (404)', async () => {
    const planer = await bearer('planer');
    expect(await call('PATCH', '/api/registry/areas/0110', planer)).toEqual(
      expect.objectContaining({ status: 200, body: { updated: '0110' } }),
    );
    expect((await call('PATCH', '/api/registry/areas/0210', planer)).body).toMatchObject({
      statusCode: 403,
      code: 'OutOfScope',
    });
    expect((await call('PATCH', '/api/registry/areas/ms-root', planer)).body).toMatchObject({
      statusCode: 404,
      code: 'AreaNotFound',
    });
  });

  it('lets viewer read but not write (403), and admin of musterstadt not see Berlin (404)', async () => {
    const viewer = await bearer('viewer');
    expect((await call('GET', '/api/registry/areas/0210', viewer)).body).toEqual({
      id: '0210',
      tenantId: 'berlin-demo',
    });
    expect((await call('PATCH', '/api/registry/areas/0210', viewer)).body).toMatchObject({
      statusCode: 403,
      code: 'MissingRole',
    });
    const muster = await bearer('musterstadt-admin');
    expect((await call('GET', '/api/registry/areas/01', muster)).status).toBe(404);
    expect((await call('GET', '/api/registry/areas/ms-root', muster)).body).toEqual({
      id: 'ms-root',
      tenantId: 'musterstadt',
    });
  });

  it('lets the platform admin act in a chosen tenant', async () => {
    const platform = await bearer('platform');
    const response = await call('GET', '/api/registry/areas/ms-root', {
      ...platform,
      'x-quartier-tenant': 'musterstadt',
    });
    expect(response.body).toEqual({ id: 'ms-root', tenantId: 'musterstadt' });
  });
});
