import type { ImportFormat } from '../indicator-api';

/**
 * The file formats the import wizard offers, in its order, each with its text key: a Record over
 * the formats the indicator service's generated client declares, so a format the service adds
 * (or drops) fails to compile here until the wizard offers (or stops offering) it.
 */
export const IMPORT_FORMAT_KEYS: Readonly<Record<ImportFormat, ImportFormatTextKey>> = {
  csv: 'format.csv',
  xlsx: 'format.xlsx',
  'sdmx-csv': 'format.sdmx-csv',
  'json-stat': 'format.json-stat',
  dhis2: 'format.dhis2',
};

export const IMPORT_FORMATS = Object.keys(IMPORT_FORMAT_KEYS) as readonly ImportFormat[];

export const IMPORT_FORMAT_TEXTS_DE = {
  'format.csv': 'CSV (lang oder breit)',
  'format.xlsx': 'Excel (XLSX)',
  'format.sdmx-csv': 'SDMX-CSV',
  'format.json-stat': 'JSON-stat (2.0, 1.x)',
  'format.dhis2': 'DHIS2 dataValueSets (JSON)',
} as const;

export type ImportFormatTextKey = keyof typeof IMPORT_FORMAT_TEXTS_DE;

export const IMPORT_FORMAT_TEXTS_EN: Readonly<Record<ImportFormatTextKey, string>> = {
  'format.csv': 'CSV (long or wide)',
  'format.xlsx': 'Excel (XLSX)',
  'format.sdmx-csv': 'SDMX-CSV',
  'format.json-stat': 'JSON-stat (2.0, 1.x)',
  'format.dhis2': 'DHIS2 dataValueSets (JSON)',
};
