export * from './types';
export * from './activities';
export * from './results';
export { periodRange } from './periods';
