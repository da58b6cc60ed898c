import { AuthError } from './auth.error';
import { principalFromClaims } from './principal';

const keycloakClaims = {
  exp: 1_900_000_000,
  iat: 1_899_999_700,
  jti: 'b7e0b1a4-6f0e-4bd3-9a6e-2d8d1f1f0c55',
  iss: 'https://sso.example.de/realms/quartier',
  aud: ['quartier-api', 'account'],
  sub: 'f3d1c7a2-4b8e-4e59-8c1a-0c6a1b2d3e4f',
  typ: 'Bearer',
  azp: 'quartier-portal',
  realm_access: {
    roles: ['default-roles-quartier', 'offline_access', 'planner', 'uma_authorization', 'viewer'],
  },
  scope: 'openid profile email',
  name: 'Paul Planer',
  preferred_username: 'planer',
  tenant: 'berlin-demo',
};

describe('principalFromClaims', () => {
  it('maps a Keycloak access token: username as subject, sub kept, foreign realm roles dropped', () => {
    expect(principalFromClaims(keycloakClaims)).toEqual({
      subject: 'planer',
      tokenSubject: 'f3d1c7a2-4b8e-4e59-8c1a-0c6a1b2d3e4f',
      tenantId: 'berlin-demo',
      roles: ['planner', 'viewer'],
      name: 'Paul Planer',
    });
  });

  it('orders roles as ROLES does and removes duplicates', () => {
    const principal = principalFromClaims({
      ...keycloakClaims,
      realm_access: { roles: ['viewer', 'tenant-admin', 'viewer'] },
    });
    expect(principal.roles).toEqual(['tenant-admin', 'viewer']);
  });

  it('yields no roles when realm_access is missing', () => {
    const { realm_access: _ignored, ...claims } = keycloakClaims;
    expect(principalFromClaims(claims).roles).toEqual([]);
  });

  it('treats a missing or empty tenant claim as no tenant (platform administrators)', () => {
    const { tenant: _ignored, ...claims } = keycloakClaims;
    expect(principalFromClaims(claims).tenantId).toBeNull();
    expect(principalFromClaims({ ...keycloakClaims, tenant: '' }).tenantId).toBeNull();
    expect(principalFromClaims({ ...keycloakClaims, tenant: null }).tenantId).toBeNull();
  });

  it('omits the name when the token has none', () => {
    const { name: _ignored, ...claims } = keycloakClaims;
    expect(principalFromClaims(claims)).not.toHaveProperty('name');
  });

  it.each([
    ['no sub', { sub: undefined }, 'token has no subject (sub)'],
    ['empty sub', { sub: '' }, 'token has no subject (sub)'],
    ['no preferred_username', { preferred_username: undefined }, 'token has no preferred_username claim'],
    ['blank preferred_username', { preferred_username: '  ' }, 'token has no preferred_username claim'],
    ['roles not an array', { realm_access: { roles: 'planner' } }, 'realm_access.roles must be an array'],
    ['tenant not a tenant id', { tenant: 'Berlin Demo' }, 'tenant claim is not a valid tenant id'],
    [
      'tenant as a list (multivalued attribute mapper)',
      { tenant: ['berlin-demo'] },
      'tenant claim is not a valid tenant id',
    ],
  ])('rejects a token with %s', (_case, override, message) => {
    expect(() => principalFromClaims({ ...keycloakClaims, ...override })).toThrow(
      new AuthError('InvalidToken', message),
    );
  });
});
