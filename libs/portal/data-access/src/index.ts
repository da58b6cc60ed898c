export * from './lib/models';
export * from './lib/portal-config';
export * from './lib/api-error';
export * from './lib/registry-api';
export * from './lib/session';
export * from './lib/auth/auth';
export * from './lib/auth/auth-interceptor';
export * from './lib/auth/auth-guard';
