export * from './network-api.module';
export { NetworkDemoSeeder } from './demo/network-demo-seeder';
export * from './network.definition';
