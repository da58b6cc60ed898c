// @quartier/survey-form-runtime: the public survey form's script, browser code only. Bundled by
// esbuild (build.cjs, from src/main.ts) and served by the survey service as
// /api/survey/public/assets/form-runtime.js.
export { FormRuntime, bootFormRuntime } from './form-runtime';
export type { Definition } from './definition';
