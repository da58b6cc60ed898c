export * from './network-compute';
