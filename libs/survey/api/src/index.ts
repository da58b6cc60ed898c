export * from './survey-api.module';
