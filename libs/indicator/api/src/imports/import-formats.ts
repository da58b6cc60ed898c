export const IMPORT_FORMATS = ['csv', 'xlsx', 'sdmx-csv', 'json-stat', 'dhis2'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const EXPORT_FORMATS = ['csv', 'csv-wide', 'xlsx', 'sdmx-csv', 'json-stat', 'dhis2'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
