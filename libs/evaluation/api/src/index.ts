export * from './evaluation-api.module';
export * from './evaluation.definition';
