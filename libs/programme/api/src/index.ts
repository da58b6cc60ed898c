export * from './programme-api.module';
export * from './programme.definition';
