export * from './reporting-api.module';
