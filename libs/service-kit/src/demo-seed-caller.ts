import type { Caller } from '@quartier/auth';

/**
 * The caller a demo seeder acts as: the tenant's administrator, so the demo is seeded through the
 * same use cases and rules as users' edits (a seeder never writes around a service's checks).
 */
export function demoSeedCaller(tenantId: string): Caller {
  const principal = {
    subject: 'demo-seed',
    tokenSubject: 'demo-seed',
    tenantId,
    roles: ['tenant-admin' as const],
  };
  return { tenantId, subject: 'demo-seed', access: { principal, tenantId, assignments: [] } };
}
