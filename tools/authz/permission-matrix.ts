// Markdown from the permission rules: the README's summary (role × service) and the complete
// matrix of every operation in docs/permissions.md. Both are checked by permissions.spec.ts.
import { TENANT_ROLES, type Role } from '@quartier/contracts';
import { admits, type RoutePermission } from './permission-rules';

/** Roles shown as columns; platform-admin passes every gate and gets a sentence instead. */
export const MATRIX_ROLES: readonly Role[] = TENANT_ROLES;

const isRead = (route: RoutePermission) => route.method === 'GET';

/** One row per service: operations a role may call, reads and writes apart ("R 8/8 · W 2/9"). */
export function summaryMatrix(routes: readonly RoutePermission[]): string {
  const guarded = routes.filter((r) => !r.public);
  const services = [...new Set(routes.map((r) => r.service))];
  const lines = [
    `| service | public | ${MATRIX_ROLES.join(' | ')} |`,
    `|---|---|${MATRIX_ROLES.map(() => '---').join('|')}|`,
  ];
  for (const service of services) {
    const own = guarded.filter((r) => r.service === service);
    const reads = own.filter(isRead);
    const writes = own.filter((r) => !isRead(r));
    const publicCount = routes.filter((r) => r.service === service && r.public).length;
    const cells = MATRIX_ROLES.map((role) => {
      const r = reads.filter((route) => admits(route, [role])).length;
      const w = writes.filter((route) => admits(route, [role])).length;
      return `R ${r}/${reads.length} · W ${w}/${writes.length}`;
    });
    lines.push(`| ${service} | ${publicCount} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Every operation with the roles that pass its gate. */
export function fullMatrix(routes: readonly RoutePermission[]): string {
  const lines = [
    '# Permissions of every operation',
    '',
    'Generated from the controllers’ `@Roles(…)` / `@Public()` metadata by `tools/authz`',
    '(`QUARTIER_WRITE_DOCS=1 npx jest -c jest.config.cjs tools/authz/permissions.spec.ts`); the test',
    'fails when this file is stale, and `tools/authz/authz-matrix.int-spec.ts` checks every',
    'documented operation against the running services.',
    '',
    '✓ = the role passes the operation’s role gate; · = 403. `platform-admin` passes every gate',
    '(it acts for the tenant it names in `X-Quartier-Tenant`). Passing the gate is not the end:',
    'the area scope of the caller’s role assignments (a planner of Mitte) and the programme scope',
    'are checked on the object, and indicator data changes need a tenant-wide grant.',
    '',
    `| operation | ${MATRIX_ROLES.join(' | ')} |`,
    `|---|${MATRIX_ROLES.map(() => '---').join('|')}|`,
  ];
  for (const route of routes) {
    const name = `\`${route.method} ${route.path}\`${route.documented ? '' : ' (ops)'}`;
    const cells = route.public
      ? MATRIX_ROLES.map(() => 'public')
      : MATRIX_ROLES.map((role) => (admits(route, [role]) ? '✓' : '·'));
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
