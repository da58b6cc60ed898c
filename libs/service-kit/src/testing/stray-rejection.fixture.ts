// Run by process-safety.spec.ts in a child process: a stray rejection must not end it.
import { createLogger } from '@quartier/observability';
import { keepServingOnStrayRejections } from '../process-safety';

keepServingOnStrayRejections(createLogger('fixture', 'info'));
void Promise.reject(new Error('nobody awaits this: "Herr Müller"'));
void Promise.reject('not an error: "Hauptstraße 5"');
setTimeout(() => {
  process.stdout.write('still serving\n');
  process.exit(0);
}, 200);
