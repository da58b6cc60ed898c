// @quartier/evaluation-core: pure evaluation methods — difference-in-differences and event
// studies with area-clustered standard errors, nearest-neighbour matching (Mahalanobis),
// balance tables, before/after comparisons, OECD-DAC ratings and the evaluation workflow, and
// frozen evidence snapshots with content hashes. No I/O, no framework.
export * from './evaluation-error';
export { GROUPS, type Group, type LongValue } from './values';
export * from './clustered-ols';
export * from './did';
export * from './event-study';
export * from './matching';
export * from './balance';
export * from './comparison-set';
export * from './before-after';
export * from './dac';
export * from './workflow';
export * from './snapshot-schema';
export * from './snapshot';
export * from './snapshot-diff';
export * from './evidence';
export * from './recompute';
