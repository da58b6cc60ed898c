export * from './berlin-manifest';
export * from './reference-data';
export * from './testing';
