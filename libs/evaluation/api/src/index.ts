export * from './evaluation-api.module';
