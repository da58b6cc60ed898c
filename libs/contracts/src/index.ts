export * from './values';
export * from './envelope';
export * from './event-map';
export * from './events/registry.events';
export * from './events/domain.events';
export * from './events/programme.events';
export * from './text-safety';
export * from './csv-safety';
