export * from './reporting-api.module';
export * from './reporting.definition';
