import { AuthError, requestPasswordGrant, type Caller } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import { ReportingServiceError } from '../reporting.errors';
import { ServiceClient, UpstreamAnswer, type OnBehalfOf } from '../upstream/service-client';
import { z } from 'zod';

// A scheduled report runs when nobody is signed in, so it cannot borrow a reader's token. It
// signs in as the tenant's schedule account instead (the CLI's password grant, against the same
// identity provider) and gathers with that account's permissions. The account must be a
// tenant-wide viewer: then the report contains exactly what every tenant-wide reader may see,
// and it is listed for all of them.

export interface ScheduleAccount {
  username: string;
  password: string;
}

const meSchema = z.object({
  subject: z.string(),
  tenantId: z.string().nullable(),
  roles: z.array(z.string()),
  assignments: z.array(
    z.object({ role: z.string(), areaId: z.string().nullable(), programmeId: z.string().nullable() }),
  ),
});

/** Signs the account in and checks it is a tenant-wide viewer of `tenantId`; answers its caller and token. */
export async function signInScheduleAccount(
  account: ScheduleAccount,
  tenantId: string,
  issuer: string,
  serviceUrlTemplate: string,
): Promise<{ caller: Caller; auth: OnBehalfOf }> {
  let token: string;
  try {
    token = (await requestPasswordGrant({ issuer, username: account.username, password: account.password }))
      .access_token;
  } catch (error) {
    if (error instanceof AuthError)
      throw new ReportingServiceError(
        'NoScheduleAccount',
        `the schedule account could not sign in: ${error.message}`,
      );
    throw error;
  }
  const auth = { token, tenantId };
  let me: z.infer<typeof meSchema>;
  try {
    me = await new ServiceClient(serviceUrlTemplate, auth).get('registry', '/api/registry/me', meSchema);
  } catch (error) {
    if (error instanceof UpstreamAnswer)
      throw new ReportingServiceError(
        'NoScheduleAccount',
        `the schedule account is refused by the registry (${error.status})`,
      );
    throw error;
  }
  const viewerOnly =
    me.tenantId === tenantId &&
    me.roles.length === 1 &&
    me.roles[0] === 'viewer' &&
    me.assignments.length > 0 &&
    me.assignments.every((a) => a.role === 'viewer' && a.areaId === null && a.programmeId === null);
  if (!viewerOnly)
    throw new ReportingServiceError(
      'NoScheduleAccount',
      `the schedule account ${me.subject} must hold only the viewer role, tenant-wide, in ${tenantId}`,
    );
  const roles = me.roles as Role[];
  const principal = { subject: me.subject, tokenSubject: me.subject, tenantId, roles };
  const assignments = me.assignments.map((a) => ({ role: a.role as Role, areaId: null, programmeId: null }));
  return { caller: { tenantId, subject: me.subject, access: { principal, tenantId, assignments } }, auth };
}
