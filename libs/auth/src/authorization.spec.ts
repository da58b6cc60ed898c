import type { Role } from '@quartier/contracts';
import { AuthError } from './auth.error';
import {
  actingTenantOf,
  assertCanAct,
  canAct,
  decideAccess,
  isInScope,
  requireTenant,
  scopeAreas,
  scopeProgrammes,
  type Assignment,
} from './authorization';
import type { Principal } from './principal';

// Berlin LOR ids (shortened): Mitte (01) > Zentrum (0110) > Alexanderplatz (011001) > Karl-Marx-Allee (01100101);
// Friedrichshain-Kreuzberg (02) > Kreuzberg Nord (0210).
const BERLIN = 'berlin';
const MITTE = ['berlin', '01'];
const ZENTRUM = [...MITTE, '0110'];
const ALEX = [...ZENTRUM, '011001'];
const KMA = [...ALEX, '01100101'];
const KREUZBERG_NORD = ['berlin', '02', '0210'];

function principal(roles: Role[], tenantId: string | null = 'berlin-demo'): Principal {
  return { subject: 'user', tokenSubject: 'sub-1', tenantId, roles };
}
const assign = (role: Role, areaId: string | null, programmeId: string | null = null): Assignment => ({
  role,
  areaId,
  programmeId,
});

describe('decideAccess: role ceiling', () => {
  it('refuses when the token lacks every required role, even with a matching assignment', () => {
    // The registry says planner in Mitte, but the identity provider no longer grants planner.
    expect(
      decideAccess(principal(['viewer']), [assign('planner', '01')], ['planner'], { areaPath: MITTE }),
    ).toEqual({
      allowed: false,
      reason: 'MissingRole',
    });
  });

  it('refuses a principal without any Quartier role when no role is specified', () => {
    expect(decideAccess(principal([]), [assign('viewer', null)], [])).toEqual({
      allowed: false,
      reason: 'MissingRole',
    });
  });

  it('accepts any held role with an assignment when no role is specified', () => {
    expect(decideAccess(principal(['viewer']), [assign('viewer', null)], [])).toEqual({
      allowed: true,
      via: 'assignment',
    });
  });

  it('refuses a held role without any assignment (token says who, registry says where)', () => {
    expect(decideAccess(principal(['analyst']), [], ['analyst'])).toEqual({
      allowed: false,
      reason: 'OutOfScope',
    });
  });

  it('ignores assignments of roles the action does not require', () => {
    const p = principal(['planner', 'viewer']);
    expect(decideAccess(p, [assign('viewer', null)], ['planner'], { areaPath: MITTE })).toEqual({
      allowed: false,
      reason: 'OutOfScope',
    });
  });
});

describe('decideAccess: admin roles', () => {
  it('lets a platform admin do anything, anywhere, without assignments or tenant', () => {
    const platform = principal(['platform-admin'], null);
    expect(decideAccess(platform, [], ['planner'], { areaPath: KREUZBERG_NORD })).toEqual({
      allowed: true,
      via: 'platform-admin',
    });
    expect(decideAccess(platform, [], ['tenant-admin'], { areaPath: null })).toEqual({
      allowed: true,
      via: 'platform-admin',
    });
  });

  it('applies tenant-admin tenant-wide without an assignment when the action accepts tenant-admin', () => {
    const admin = principal(['tenant-admin']);
    expect(decideAccess(admin, [], ['tenant-admin', 'planner'], { areaPath: KMA })).toEqual({
      allowed: true,
      via: 'tenant-admin',
    });
    expect(decideAccess(admin, [], ['tenant-admin'], { areaPath: null })).toEqual({
      allowed: true,
      via: 'tenant-admin',
    });
  });

  it('does not let tenant-admin stand in for a role the action does not list', () => {
    expect(decideAccess(principal(['tenant-admin']), [], ['planner'], { areaPath: MITTE })).toEqual({
      allowed: false,
      reason: 'MissingRole',
    });
  });

  it('gives no effect to admin assignments: their reach comes from the token only', () => {
    expect(
      decideAccess(principal(['planner']), [assign('tenant-admin', null)], ['tenant-admin', 'planner']),
    ).toEqual({
      allowed: false,
      reason: 'OutOfScope',
    });
  });
});

describe('decideAccess: area scope is the assigned area and its subtree', () => {
  const planner = principal(['planner']);
  const inMitte = [assign('planner', '01')];

  it.each([
    ['the scope area itself (Mitte)', MITTE],
    ['a child (Zentrum)', ZENTRUM],
    ['a grandchild (Alexanderplatz)', ALEX],
    ['a planning area deep below (Karl-Marx-Allee)', KMA],
  ])('allows %s', (_name, areaPath) => {
    expect(decideAccess(planner, inMitte, ['planner'], { areaPath })).toEqual({
      allowed: true,
      via: 'assignment',
    });
  });

  it.each([
    ['a sibling district (Kreuzberg Nord)', KREUZBERG_NORD],
    ['the parent of the scope (Berlin)', [BERLIN]],
    ['the tenant as a whole', null],
  ])('refuses %s', (_name, areaPath) => {
    expect(decideAccess(planner, inMitte, ['planner'], { areaPath })).toEqual({
      allowed: false,
      reason: 'OutOfScope',
    });
  });

  it('narrow scopes do not widen upwards: a scope on Alexanderplatz excludes Zentrum', () => {
    expect(canAct(planner, [assign('planner', '011001')], ['planner'], { areaPath: ZENTRUM })).toBe(false);
    expect(canAct(planner, [assign('planner', '011001')], ['planner'], { areaPath: KMA })).toBe(true);
  });

  it('takes the area path directly as shorthand', () => {
    expect(canAct(planner, inMitte, ['planner'], KMA)).toBe(true);
    expect(canAct(planner, inMitte, ['planner'], KREUZBERG_NORD)).toBe(false);
  });

  it('accepts a role held somewhere when the action names no area (lists filtered later)', () => {
    expect(decideAccess(planner, inMitte, ['planner'])).toEqual({ allowed: true, via: 'assignment' });
  });

  it('lets a tenant-wide assignment reach every area and the tenant as a whole', () => {
    const analyst = principal(['analyst']);
    const tenantWide = [assign('analyst', null)];
    expect(canAct(analyst, tenantWide, ['analyst'], { areaPath: KMA })).toBe(true);
    expect(canAct(analyst, tenantWide, ['analyst'], { areaPath: null })).toBe(true);
  });

  it('combines several assignments', () => {
    const two = [assign('planner', '01'), assign('planner', '0210')];
    expect(canAct(planner, two, ['planner'], { areaPath: KREUZBERG_NORD })).toBe(true);
    expect(canAct(planner, two, ['planner'], { areaPath: ['berlin', '02'] })).toBe(false);
  });
});

describe('decideAccess: programme scope', () => {
  const manager = principal(['programme-manager']);
  const qmInMitte = [assign('programme-manager', '01', 'qm')];

  it('allows the assigned programme inside the assigned area', () => {
    expect(canAct(manager, qmInMitte, ['programme-manager'], { areaPath: ALEX, programmeId: 'qm' })).toBe(
      true,
    );
  });

  it('refuses another programme, and the programme outside the area', () => {
    expect(canAct(manager, qmInMitte, ['programme-manager'], { areaPath: ALEX, programmeId: 'szh' })).toBe(
      false,
    );
    expect(
      canAct(manager, qmInMitte, ['programme-manager'], { areaPath: KREUZBERG_NORD, programmeId: 'qm' }),
    ).toBe(false);
  });

  it('refuses actions that are not programme-specific to a programme-limited assignment', () => {
    expect(canAct(manager, qmInMitte, ['programme-manager'], { areaPath: ALEX, programmeId: null })).toBe(
      false,
    );
  });

  it('lets an assignment without programme limit cover every programme', () => {
    expect(
      canAct(manager, [assign('programme-manager', '01')], ['programme-manager'], { programmeId: 'szh' }),
    ).toBe(true);
    expect(
      canAct(manager, [assign('programme-manager', '01')], ['programme-manager'], { programmeId: null }),
    ).toBe(true);
  });

  it('accepts any programme when the action names none', () => {
    expect(canAct(manager, qmInMitte, ['programme-manager'], { areaPath: ALEX })).toBe(true);
  });
});

describe('assertCanAct', () => {
  it('throws MissingRole naming the required roles', () => {
    expect(() => assertCanAct(principal(['viewer']), [], ['planner', 'tenant-admin'])).toThrow(
      new AuthError('MissingRole', 'requires one of the roles: planner, tenant-admin'),
    );
  });

  it('throws OutOfScope outside the assignments', () => {
    expect(() =>
      assertCanAct(principal(['planner']), [assign('planner', '01')], ['planner'], {
        areaPath: KREUZBERG_NORD,
      }),
    ).toThrow(new AuthError('OutOfScope', 'outside the area or programme scope of your role assignments'));
  });

  it('returns quietly when allowed', () => {
    expect(
      assertCanAct(principal(['planner']), [assign('planner', '01')], ['planner'], { areaPath: KMA }),
    ).toBeUndefined();
  });
});

describe('scopeAreas', () => {
  it('is "all" for platform admins, tenant admins (when accepted) and tenant-wide assignments', () => {
    expect(scopeAreas(principal(['platform-admin'], null), [], ['viewer'])).toBe('all');
    expect(scopeAreas(principal(['tenant-admin']), [], ['tenant-admin', 'viewer'])).toBe('all');
    expect(scopeAreas(principal(['viewer']), [assign('viewer', null)], ['viewer'])).toBe('all');
  });

  it('lists the scope roots of matching assignments, deduplicated and sorted', () => {
    const assignments = [
      assign('planner', '02'),
      assign('planner', '01'),
      assign('planner', '01'),
      assign('viewer', null),
    ];
    expect(scopeAreas(principal(['planner', 'viewer']), assignments, ['planner'])).toEqual(['01', '02']);
  });

  it('is empty without a matching role or assignment', () => {
    expect(scopeAreas(principal(['tenant-admin']), [], ['planner'])).toEqual([]);
    expect(scopeAreas(principal(['viewer']), [assign('planner', '01')], ['planner'])).toEqual([]);
    expect(scopeAreas(principal(['planner']), [], ['planner'])).toEqual([]);
  });

  it('narrows to assignments valid for a programme', () => {
    const assignments = [assign('programme-manager', '01', 'qm'), assign('programme-manager', '02', 'szh')];
    const manager = principal(['programme-manager']);
    expect(scopeAreas(manager, assignments, ['programme-manager'], { programmeId: 'qm' })).toEqual(['01']);
    expect(scopeAreas(manager, assignments, ['programme-manager'], { programmeId: null })).toEqual([]);
    expect(scopeAreas(manager, assignments, ['programme-manager'])).toEqual(['01', '02']);
  });
});

describe('scopeProgrammes', () => {
  const manager = principal(['programme-manager']);
  const assignments = [assign('programme-manager', '01', 'qm'), assign('programme-manager', '02', 'szh')];

  it('lists programmes, optionally only those valid in an area', () => {
    expect(scopeProgrammes(manager, assignments, ['programme-manager'])).toEqual(['qm', 'szh']);
    expect(scopeProgrammes(manager, assignments, ['programme-manager'], { areaPath: KMA })).toEqual(['qm']);
  });

  it('is "all" for an assignment without programme limit and for admins', () => {
    expect(scopeProgrammes(manager, [assign('programme-manager', '01')], ['programme-manager'])).toBe('all');
    expect(scopeProgrammes(principal(['tenant-admin']), [], ['tenant-admin'])).toBe('all');
  });
});

describe('isInScope', () => {
  it('finds an area whose path contains a scope root', () => {
    expect(isInScope(['01'], KMA)).toBe(true);
    expect(isInScope(['01'], KREUZBERG_NORD)).toBe(false);
    expect(isInScope([], MITTE)).toBe(false);
    expect(isInScope('all', KREUZBERG_NORD)).toBe(true);
  });
});

describe('actingTenantOf / requireTenant', () => {
  it('uses the token tenant for ordinary users', () => {
    expect(actingTenantOf(principal(['viewer']))).toBe('berlin-demo');
    expect(actingTenantOf(principal(['viewer']), 'berlin-demo')).toBe('berlin-demo');
  });

  it('answers "not found" when an ordinary user names another tenant', () => {
    expect(() => actingTenantOf(principal(['tenant-admin']), 'musterstadt')).toThrow(
      new AuthError('TenantNotFound', 'tenant not found'),
    );
  });

  it('refuses an ordinary user without a tenant claim', () => {
    expect(() => actingTenantOf(principal(['viewer'], null))).toThrow(
      new AuthError('NoTenant', 'your account is not assigned to a tenant'),
    );
  });

  it('lets a platform admin choose any tenant, falling back to their own claim or none', () => {
    expect(actingTenantOf(principal(['platform-admin'], null), 'musterstadt')).toBe('musterstadt');
    expect(actingTenantOf(principal(['platform-admin'], 'berlin-demo'))).toBe('berlin-demo');
    expect(actingTenantOf(principal(['platform-admin'], null))).toBeNull();
  });

  it('requires a chosen tenant for tenant-bound work', () => {
    expect(requireTenant('musterstadt')).toBe('musterstadt');
    expect(() => requireTenant(null)).toThrow(AuthError);
    expect(() => requireTenant(null)).toThrow(/X-Quartier-Tenant/);
  });
});
