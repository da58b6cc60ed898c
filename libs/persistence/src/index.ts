export * from './data-source';
export * from './schema-migration';
export * from './embedded-postgres';
export * from './testing/test-database';
export * from './query-logger';
