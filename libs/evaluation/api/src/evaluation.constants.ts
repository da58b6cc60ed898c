import { TENANT_ROLES, type Role } from '@quartier/contracts';

export const EVALUATION_CONNECTION = 'evaluation';

/** Who reads evaluations (within their programme or area scope). */
export const EVALUATION_READERS: readonly Role[] = TENANT_ROLES;
/** Who writes an evaluation: object, questions, design, ratings, findings, snapshots. */
export const EVALUATION_EDITORS: readonly Role[] = ['tenant-admin', 'evaluator'];
/** Every role that takes a workflow step (the core decides which step needs which). */
export const WORKFLOW_ROLES: readonly Role[] = ['tenant-admin', 'programme-manager', 'evaluator'];
