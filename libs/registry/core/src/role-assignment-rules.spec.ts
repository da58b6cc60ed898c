import { assignableRole, assignmentEffective, assignmentRefusal } from './role-assignment-rules';

const viewerSeen = { roles: ['viewer'] as const, seenAt: '2026-03-02T08:00:00Z' };

describe('role assignment rules', () => {
  it('never offers or accepts the roles the provider grants tenant-wide by itself', () => {
    expect(assignableRole('platform-admin')).toBe(false);
    expect(assignableRole('tenant-admin')).toBe(false);
    expect(assignableRole('planner')).toBe(true);
    expect(assignmentRefusal('platform-admin', null)).toEqual({
      code: 'RoleNotAssignable',
      role: 'platform-admin',
    });
    expect(assignmentRefusal('tenant-admin', null, true)).toEqual({
      code: 'RoleNotAssignable',
      role: 'tenant-admin',
    });
  });

  it('refuses a role the user’s token did not carry at their last sign-in', () => {
    expect(assignmentRefusal('planner', viewerSeen)).toEqual({
      code: 'RoleNotHeldAtProvider',
      role: 'planner',
      providerRoles: ['viewer'],
      seenAt: '2026-03-02T08:00:00Z',
    });
  });

  it('accepts it when the administrator has the provider grant the role, or the user was never seen', () => {
    expect(assignmentRefusal('planner', viewerSeen, true)).toBeNull();
    expect(assignmentRefusal('planner', null)).toBeNull();
    expect(assignmentRefusal('viewer', viewerSeen)).toBeNull();
  });

  it('tells whether an existing assignment applies as the user was last seen', () => {
    expect(assignmentEffective('viewer', viewerSeen)).toBe(true);
    expect(assignmentEffective('planner', viewerSeen)).toBe(false);
    expect(assignmentEffective('planner', null)).toBeNull();
    expect(assignmentEffective('tenant-admin', viewerSeen)).toBe(false);
  });
});
