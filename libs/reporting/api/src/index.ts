export * from './reporting-api.module';
export * from './reporting.definition';
export * from './reports/report.dto';
export * from './schedules/schedule.dto';
export { contentDisposition } from './reports/report-files';
