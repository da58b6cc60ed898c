import type { AccessContext, Assignment } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import { mayReadNames, networkTarget, pseudonymOf } from './network-access';

const access = (roles: Role[], assignments: Assignment[] = []): AccessContext => ({
  principal: {
    subject: 'u',
    tokenSubject: 'u',
    tenantId: 'berlin-demo',
    roles,
    name: undefined,
  } as unknown as AccessContext['principal'],
  tenantId: 'berlin-demo',
  assignments,
});
const mitte = { areaId: 'mitte', areaAncestors: ['berlin'], programmeId: null };

describe('network access', () => {
  it('targets the network’s area path, and the tenant as a whole without a known area', () => {
    expect(networkTarget(mitte)).toEqual({ areaPath: ['berlin', 'mitte'], programmeId: undefined });
    expect(networkTarget({ areaId: 'gone', areaAncestors: null, programmeId: 'p1' })).toEqual({
      areaPath: null,
      programmeId: 'p1',
    });
  });

  it('shows names of pseudonymised actors to tenant admins and to planners whose scope covers the actor', () => {
    expect(mayReadNames(access(['tenant-admin']), ['berlin', 'kreuzberg'], mitte)).toBe(true);
    const planner = access(['planner'], [{ role: 'planner', areaId: 'mitte', programmeId: null }]);
    expect(mayReadNames(planner, ['berlin', 'mitte', 'wedding'], mitte)).toBe(true);
    expect(mayReadNames(planner, null, mitte)).toBe(true);
    expect(mayReadNames(planner, ['berlin', 'kreuzberg'], mitte)).toBe(false);
  });

  it('shows them to nobody else — viewers, analysts, and platform operators without a tenant role', () => {
    expect(
      mayReadNames(access(['viewer'], [{ role: 'viewer', areaId: null, programmeId: null }]), null, mitte),
    ).toBe(false);
    expect(
      mayReadNames(access(['analyst'], [{ role: 'analyst', areaId: null, programmeId: null }]), null, mitte),
    ).toBe(false);
    expect(mayReadNames(access(['platform-admin']), null, mitte)).toBe(false);
    // A planner role without an assignment grants nothing.
    expect(mayReadNames(access(['planner']), null, mitte)).toBe(false);
  });

  it('gives every actor a stable pseudonym that differs between actors', () => {
    expect(pseudonymOf('3f1c7a52-0000-4000-8000-000000000001')).toBe(
      pseudonymOf('3f1c7a52-0000-4000-8000-000000000001'),
    );
    expect(pseudonymOf('3f1c7a52-0000-4000-8000-000000000001')).toMatch(/^Akteur [A-Z2-9]{6}$/);
    const labels = new Set(Array.from({ length: 1000 }, (_, i) => pseudonymOf(`actor-${i}`)));
    expect(labels.size).toBe(1000);
  });
});
