export * from './reference-data';
export * from './testing';
