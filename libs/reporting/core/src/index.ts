// @quartier/reporting-core: the report document model, the builders that make reports from
// report data, vector charts and maps, and the renderers (PDF, DOCX, XLSX, CSV). Pure: data in,
// bytes out — no database, no framework, no file system (fonts are passed in as bytes).
export * from './reporting-error';
export * from './model/report-document';
export * from './model/parse-report-document';
export * from './model/document-flow';
export * from './model/blocks';
export * from './format/number-format';
export * from './texts';
export * from './charts/palette';
export * from './charts/echarts-svg';
export * from './charts/time-series-chart';
export * from './charts/bar-chart';
export * from './charts/event-study-chart';
export * from './maps/geo';
export * from './maps/projection';
export * from './maps/choropleth-map';
export * from './maps/area-map';
export type { ReportFonts } from './render/pdf/pdf-context';
export * from './render/pdf/pdf-renderer';
export * from './render/docx/docx-renderer';
export * from './render/xlsx/xlsx-renderer';
export * from './render/csv/csv-renderer';
export * from './builders/report-data';
export * from './builders/area-profile';
export * from './builders/monitoring-data';
export * from './builders/monitoring-report';
export * from './builders/programme-data';
export * from './builders/programme-report';
export * from './maps/geodesic-area';
export * from './pinned/pinned-data';
export * from './pinned/area-index';
export * from './pinned/indicator-figures';
export * from './pinned/assemble-area-profile';
export * from './pinned/assemble-monitoring';
export * from './pinned/assemble-programme';
