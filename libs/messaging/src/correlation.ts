// One AsyncLocalStorage for the whole process: the HTTP middleware (observability) sets the id,
// the envelope picks it up, the consumer restores it around the handler, logs print it.
export { correlation } from '@quartier/observability';
