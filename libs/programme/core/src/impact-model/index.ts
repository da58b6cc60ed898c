export * from './evidence';
export * from './model';
export * from './validate';
export * from './template';
export * from './json';
export * from './svg';
