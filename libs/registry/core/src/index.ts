export * from './registry.error';
export * from './area-levels';
export * from './geometry';
export * from './area-import';
export * from './crosswalk';
export * from './label-point';
export * from './role-assignment-rules';
export * from './tiles/area-tiles';
