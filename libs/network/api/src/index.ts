export * from './network-api.module';
