import { createLogger, type Logger } from '@quartier/observability';

/** The few log calls messaging needs; tests pass `silentLogger`, services their pino logger. */
export interface MessagingLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Adapts a pino logger (observability's JSON logs with correlation id). */
export function fromPino(logger: Logger): MessagingLogger {
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}

/** What a bus or relay logs to when not given a logger: the service's JSON log, tagged. */
export function defaultLogger(service: string, component: string): MessagingLogger {
  return fromPino(createLogger(service).child({ component }));
}

export const silentLogger: MessagingLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/**
 * The message of anything a handler threw. It must never throw itself: it runs in the catch
 * block of delivery, and a throw there once skipped the dead letter (in-process the event was
 * lost, with Kafka redelivered forever).
 */
export function errorMessage(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return error !== null && typeof error === 'object' && Object.getPrototypeOf(error) === null
      ? '[object without prototype]'
      : '[unprintable value]';
  }
}
