export * from './berlin-manifest';
export * from './fetch';
export * from './reference-data';
export * from './testing';
