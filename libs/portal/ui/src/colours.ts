// @quartier/portal-ui/colours: the WCAG colour measures, for the feature libraries' palettes and
// their unit tests (`node --test` cannot load the library's index, which re-exports components;
// see tools/portal-test/workspace-paths.mjs).
export { contrast, relativeLuminance, rgbChannels } from './lib/colours/colours';
