export * from './evidence';
export * from './model';
export * from './validate';
export * from './template';
export * from './json';
export * from './svg';
// A complete example model (parents' café, bindings to a survey item, a network metric and MSS
// indicator S4) for demo data and for the tests of the libraries that build on this one.
export { languageCafeModel } from './fixtures';
