// @quartier/programme-core: pure programme logic — need-based allocation, attainment, programme-area
// rules, measure workflow, budget and commitment, impact models, IATI export. No I/O, no framework.
export * from './programme-error';
export * from './allocation';
export * from './attainment';
export * from './impact-model';
export * from './area-selection';
export * from './area-diff';
export * from './workflow';
export * from './budget';
export * from './iati';
export * from './measure-table';
