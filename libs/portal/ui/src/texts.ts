// @quartier/portal-ui/texts: the pure text helpers of the portal's UI library, for modules that
// the portal's unit tests import (`node --test` with tools/portal-test/workspace-paths.mjs). The
// library's index also re-exports its components, whose Angular decorators Node cannot run, so a
// pure module that imported the index could not be tested; the Angular build resolves both the
// same way (tsconfig paths).
export { codedTextKey, dictionaryMismatches } from './lib/i18n/coded-texts';
export { fillPlaceholders, type TranslationParams } from './lib/i18n/translations';
export { fixedDecimal } from './lib/feature-texts/number-format';
export { API_ERROR_DICTIONARIES } from './lib/i18n/api-error-texts';
