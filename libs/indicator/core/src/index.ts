// @quartier/indicator-core: pure indicator math — composite indices (Berlin MSS method),
// aggregation up area hierarchies and across area versions, publication suppression,
// DHIS2-style formulas and time-series quality checks. No I/O, no framework.
export * from './indicator-error';
export * from './index-definition';
export * from './standardise';
export * from './composite-index';
export * from './combined-class';
export * from './formula';
export * from './aggregation';
export * from './suppression';
export * from './time-series';
export * from './hierarchy-values';
export * from './exchange';
export * from './derived-values';
export * from './period-calendar';
export * from './area-trend';
