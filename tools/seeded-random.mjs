// The repository's one seeded generator (mulberry32, libs/demo-city/src/random.ts) for its
// scripts: Node runs the TypeScript source itself (type stripping), so the benchmarks and the
// fuzzer draw the same numbers as the fixtures for the same seed, without a build first.
export { seededRandom } from '../libs/demo-city/src/random.ts';
