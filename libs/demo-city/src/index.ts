export * from './city';
export * from './indicators';
export * from './network';
export * from './social-model';
export * from './ties';
export { seededRandom } from './random';
