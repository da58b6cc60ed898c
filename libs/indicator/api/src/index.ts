export * from './indicator-api.module';
