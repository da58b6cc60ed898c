// Shared by the deployment specs: where the repository is and how services are named in it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
/** The port every service container listens on (libs/service-kit's PORT default). */
export const SERVICE_PORT = 3000;

/** The compiled entry point of a service, as tools/build.mjs lays out dist/server. */
export const entrypoint = (service: string): string => `dist/server/apps/${service}-service/src/main.js`;
/** Container, compose service and Kubernetes Service name of a service. */
export const hostOf = (service: string): string => `${service}-service`;
