export * from './survey-api.module';
export { SurveyDemoSeeder } from './demo/survey-demo-seeder';
export { type SurveyModuleOptions } from './survey.constants';
export * from './survey.definition';
