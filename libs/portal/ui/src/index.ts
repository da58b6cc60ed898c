export * from './lib/i18n/translations';
export * from './lib/i18n/i18n';
export * from './lib/i18n/problem';
export * from './lib/language-switch/language-switch';
export * from './lib/notice/notice';
export * from './lib/page-heading/page-heading';
export * from './lib/route-focus-state';
export * from './lib/maplibre/maplibre';
