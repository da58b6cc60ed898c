import { correlation } from './correlation';

/** The few log calls messaging needs; the Nest module adapts Nest's Logger to it. */
export interface MessagingLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

type Level = keyof MessagingLogger;
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * JSON lines on stderr, each with the correlation id in scope, so a handler's failure can be
 * traced back to the request that caused the event.
 */
export function jsonLogger(context: string, minLevel: Level = 'warn'): MessagingLogger {
  const write = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < RANK[minLevel]) return;
    const correlationId = correlation.current();
    const line = { level, time: new Date().toISOString(), context, msg: message, ...(correlationId ? { correlationId } : {}), ...fields };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: MessagingLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
