/** Name of the registry's TypeORM connection; in embedded mode six services share one process. */
export const REGISTRY_CONNECTION = 'registry';
export const REGISTRY_SCHEMA = 'registry';
