import { loggableError, redactQuoted, type Logger } from '@quartier/observability';

let installed = false;

/**
 * A promise rejected where nobody awaits it (a stray fire-and-forget in a library, a timer)
 * would end Node by default and take every tenant's requests, jobs and consumers with it.
 * Requests, jobs and event handlers catch their own errors; this is the net below them: such a
 * rejection is logged with its stack and the process keeps serving. Uncaught synchronous
 * exceptions keep Node's default (exit): the process state is then unknown.
 */
export function keepServingOnStrayRejections(logger: Logger): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    // Whatever rejected may quote a request's values (a driver error, a parse error): blanked.
    logger.error(
      {
        err:
          reason instanceof Error
            ? { message: redactQuoted(reason.message), stack: loggableError(reason) }
            : loggableError(reason),
      },
      'unhandled promise rejection: logged, process keeps serving',
    );
  });
}
