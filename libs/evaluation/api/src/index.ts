export * from './evaluation-api.module';
export * from './evaluation.definition';
export * from './demo/evaluation-demo-seeder';
