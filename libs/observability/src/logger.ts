import pino, { type Logger, type LoggerOptions } from 'pino';
import { correlation } from './correlation';

export type { Logger } from 'pino';

/** JSON logs, one line per entry, with the correlation id of the current request or event. */
export function createLogger(
  service: string,
  level: LoggerOptions['level'] = 'info',
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const correlationId = correlation.current();
        return correlationId ? { correlationId } : {};
      },
      redact: {
        paths: ['req.headers.authorization', 'authorization', 'password', '*.password'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
