export * from './network-api.module';
export { NetworkDemoSeeder } from './demo/network-demo-seeder';
export { computeMetrics, computeGraphMetrics, workersAvailable, type ComputeOptions, type ComputeProgress } from './compute/network-compute';
