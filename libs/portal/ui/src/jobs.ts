// @quartier/portal-ui/jobs: following the services' background jobs, for the feature libraries'
// pure modules and their unit tests (`node --test` cannot load the library's index, which
// re-exports components; see tools/portal-test/workspace-paths.mjs).
export { jobActive, progressPercent } from './lib/follow-job/follow-job';
