import type { LoggerService } from '@nestjs/common';
import type { Logger } from '@quartier/observability';

const NEST_STARTUP_CONTEXTS = new Set(['RoutesResolver', 'RouterExplorer', 'InstanceLoader']);

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
    // Nest announces every controller and route at start (~150 lines, in `migrate` and `seed`
    // too): useful when debugging routing, noise otherwise.
    if (level === 'info' && context !== undefined && NEST_STARTUP_CONTEXTS.has(context)) level = 'debug';
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
