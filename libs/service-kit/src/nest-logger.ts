import type { LoggerService } from '@nestjs/common';
import type { Logger } from '@quartier/observability';

/** Routes Nest's own log lines into the same JSON log stream as everything else. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, stringify(message));
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace', message: unknown, context?: string): void {
    if (message && typeof message === 'object') {
      const { message: text, ...fields } = message as Record<string, unknown>;
      this.logger[level]({ context, ...fields }, stringify(text));
    } else {
      this.logger[level]({ context }, stringify(message));
    }
  }
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
