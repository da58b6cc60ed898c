// @quartier/portal-ui/days: calendar days on the platform's clock, for the feature libraries'
// pure modules and their unit tests (`node --test` cannot load the library's index, which
// re-exports components; see tools/portal-test/workspace-paths.mjs).
export { browserTimeZone, dayIn } from './lib/days/day-in';
