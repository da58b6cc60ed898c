// Exchange formats of indicator values: periods, value cells, CSV records, tabular layouts
// (long / wide / SDMX-CSV), JSON-stat cubes and per-row validation. Pure; the service streams.
export * from './period';
export * from './dhis2-period';
export * from './value-cell';
export * from './csv-records';
export * from './tabular-layout';
export * from './observation';
export * from './json-stat';
export * from './dimension-map';
export * from './sdmx-layout';
export * from './dhis2';
export * from './values-file';
