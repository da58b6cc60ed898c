// @quartier/portal-ui/class-breaks: the classes of a choropleth (breaks, a value's class, how a
// legend writes a class, the classes' colours), for the feature libraries' pure legend modules
// and their unit tests (`node --test` cannot load the library's index, which re-exports
// components; see tools/portal-test/workspace-paths.mjs).
export {
  type ClassRange,
  classOf,
  classRangeLabel,
  classRanges,
  quantileBreaks,
  roundSignificant,
  spreadPalette,
} from './lib/class-breaks/class-breaks';
