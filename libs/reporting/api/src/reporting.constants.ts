import { ROLES, type Role } from '@quartier/contracts';

export const REPORTING_CONNECTION = 'reporting';

/** Every role may make reports: what a report contains is what its author may see. */
export const REPORT_AUTHORS: readonly Role[] = ROLES.filter((r) => r !== 'platform-admin');

/** Who keeps the tenant's report settings (retention) and scheduled report definitions. */
export const REPORT_ADMINS: readonly Role[] = ['tenant-admin'];

/** Default retention of generated reports when the tenant set none. */
export const DEFAULT_RETENTION_DAYS = 90;

/** The embedded platform and containers resolve the other services with this template. */
export const DEFAULT_SERVICE_URL_TEMPLATE = 'http://{service}-service:3000';
