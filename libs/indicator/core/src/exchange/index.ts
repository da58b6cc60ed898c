// Exchange formats of indicator values: periods, value cells, CSV records, tabular layouts
// (long / wide / SDMX-CSV), JSON-stat cubes and per-row validation. Pure; the service streams.
export * from './period';
export * from './value-cell';
export * from './csv-records';
export * from './tabular-layout';
export * from './observation';
export * from './json-stat';
