import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '@quartier/contracts';
import { DEMO_TENANTS, DEMO_USERS } from './dev-provider/demo-users';
import { CLI_CLIENT_ID, PORTAL_CLIENT_ID } from './password-grant';
import { DEFAULT_AUDIENCE } from './token-verifier';

interface Mapper {
  name: string;
  protocolMapper: string;
  config: Record<string, string>;
}
interface Client {
  clientId: string;
  publicClient: boolean;
  standardFlowEnabled: boolean;
  implicitFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  serviceAccountsEnabled: boolean;
  redirectUris: string[];
  attributes: Record<string, string>;
  protocolMappers: Mapper[];
}
interface User {
  id: string;
  username: string;
  enabled: boolean;
  firstName: string;
  lastName: string;
  email: string;
  attributes?: Record<string, string[]>;
  credentials: { type: string; value: string; temporary: boolean }[];
  realmRoles: string[];
  requiredActions: string[];
}
interface Realm {
  realm: string;
  enabled: boolean;
  roles: { realm: { name: string }[] };
  clients: Client[];
  users: User[];
  components: Record<string, { providerId: string; config: Record<string, string[]> }[]>;
}

const realm = JSON.parse(
  readFileSync(join(__dirname, '../../../infra/keycloak/quartier-realm.json'), 'utf8'),
) as Realm;
const client = (id: string) => realm.clients.find((c) => c.clientId === id)!;

describe('Keycloak realm export (infra/keycloak/quartier-realm.json)', () => {
  it('is the enabled realm "quartier"', () => {
    expect(realm.realm).toBe('quartier');
    expect(realm.enabled).toBe(true);
  });

  it('declares exactly the Quartier roles as realm roles', () => {
    expect(realm.roles.realm.map((r) => r.name).sort()).toEqual([...ROLES].sort());
  });

  it('has the portal as public client with the code flow and PKCE S256, nothing else', () => {
    const portal = client(PORTAL_CLIENT_ID);
    expect(portal).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
    });
    expect(portal.attributes['pkce.code.challenge.method']).toBe('S256');
    expect(portal.redirectUris).toContain('http://localhost:3000/*');
  });

  it('has the CLI as public client with direct access grant only', () => {
    expect(client(CLI_CLIENT_ID)).toMatchObject({
      publicClient: true,
      standardFlowEnabled: false,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: true,
      serviceAccountsEnabled: false,
      redirectUris: [],
    });
  });

  it('contains no other clients (Keycloak adds its built-in ones itself)', () => {
    expect(realm.clients.map((c) => c.clientId).sort()).toEqual([CLI_CLIENT_ID, PORTAL_CLIENT_ID].sort());
  });

  it.each([PORTAL_CLIENT_ID, CLI_CLIENT_ID])(
    '%s puts quartier-api into aud and the tenant attribute into "tenant"',
    (id) => {
      const mappers = client(id).protocolMappers;
      const audience = mappers.filter((m) => m.protocolMapper === 'oidc-audience-mapper');
      expect(audience).toHaveLength(1);
      expect(audience[0]!.config).toMatchObject({
        'included.custom.audience': DEFAULT_AUDIENCE,
        'access.token.claim': 'true',
      });

      const tenant = mappers.filter((m) => m.protocolMapper === 'oidc-usermodel-attribute-mapper');
      expect(tenant).toHaveLength(1);
      expect(tenant[0]!.config).toMatchObject({
        'user.attribute': 'tenant',
        'claim.name': 'tenant',
        'jsonType.label': 'String',
        multivalued: 'false',
        'access.token.claim': 'true',
      });
    },
  );

  it('declares the tenant attribute in the user profile, editable by administrators only', () => {
    const [profileComponent] = realm.components['org.keycloak.userprofile.UserProfileProvider']!;
    const profile = JSON.parse(profileComponent!.config['kc.user.profile.config']![0]!) as {
      attributes: { name: string; permissions: { edit: string[] } }[];
    };
    const tenant = profile.attributes.find((a) => a.name === 'tenant');
    expect(tenant?.permissions.edit).toEqual(['admin']);
    expect(profile.attributes.map((a) => a.name)).toEqual(
      expect.arrayContaining(['username', 'email', 'firstName', 'lastName']),
    );
  });

  it('has exactly the demo users of the dev provider', () => {
    expect(realm.users.map((u) => u.username).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
  });

  it.each(DEMO_USERS.map((u) => [u.username, u] as const))(
    'user %s matches the dev provider',
    (_name, demo) => {
      const user = realm.users.find((u) => u.username === demo.username)!;
      expect(user.id).toBe(demo.id);
      expect(user.enabled).toBe(true);
      expect(`${user.firstName} ${user.lastName}`).toBe(demo.name);
      expect(user.email).toBe(demo.email);
      expect(user.realmRoles.filter((r) => (ROLES as readonly string[]).includes(r)).sort()).toEqual(
        [...demo.roles].sort(),
      );
      expect(user.credentials).toEqual([{ type: 'password', value: demo.password, temporary: false }]);
      expect(user.requiredActions).toEqual([]);
      if (demo.tenantId === null) expect(user.attributes?.['tenant']).toBeUndefined();
      else expect(user.attributes?.['tenant']).toEqual([demo.tenantId]);
    },
  );

  it('only names demo tenants', () => {
    const tenants = new Set<string>(DEMO_TENANTS.map((t) => t.id));
    for (const user of realm.users)
      for (const tenant of user.attributes?.['tenant'] ?? []) expect(tenants.has(tenant)).toBe(true);
  });
});
