export * from './reporting-api.module';
export * from './reporting.service';
