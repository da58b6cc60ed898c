import { createLogger, redactQuoted, type Logger } from '@quartier/observability';

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
    debug: (message, fields) => logger.debug(loggable(fields), message),
    info: (message, fields) => logger.info(loggable(fields), message),
    warn: (message, fields) => logger.warn(loggable(fields), message),
    error: (message, fields) => logger.error(loggable(fields), message),
  };
}

// A handler's error and a dead letter's reason quote what they choke on: a payload's answers
// (V8's JSON errors quote the text, a handler's message the value it refused). The event's id,
// type, consumer and the wording stay; the payload is in the dead letter, not in the log.
const QUOTING_FIELDS = ['error', 'reason'] as const;

function loggable(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!fields) return {};
  const result = { ...fields };
  for (const name of QUOTING_FIELDS)
    if (typeof result[name] === 'string') result[name] = redactQuoted(result[name] as string);
  return result;
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
