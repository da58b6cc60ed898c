import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * Reads docker-compose.yml the way `docker compose config` sees it: YAML merge keys (`<<`)
 * resolved, then `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}` and `$$`
 * interpolated from `env` (an empty env means: every default applies, as on a fresh checkout
 * without a .env file).
 */

export interface ComposeHealthcheck {
  test: string[] | string;
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

export interface ComposeService {
  image?: string;
  build?: { context: string; target?: string; dockerfile?: string };
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: ComposeHealthcheck;
  ports?: string[];
  volumes?: string[];
  networks?: Record<string, { aliases?: string[] } | null>;
  restart?: string;
  init?: boolean;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export class ComposeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComposeError';
  }
}

export function loadCompose(path: string, env: Record<string, string | undefined> = {}): ComposeFile {
  const raw = parse(readFileSync(path, 'utf8'), { merge: true }) as unknown;
  const resolved = interpolateDeep(raw, env) as ComposeFile;
  if (typeof resolved !== 'object' || resolved === null || typeof resolved.services !== 'object') {
    throw new ComposeError(`${path}: no services`);
  }
  return resolved;
}

export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(
    /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (match, braced: string | undefined, operator: string | undefined, argument: string | undefined, bare) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare) as string;
      const current = env[name];
      const unsetOrEmpty = current === undefined || (operator?.startsWith(':') === true && current === '');
      if (operator === ':-' || operator === '-') {
        return unsetOrEmpty ? interpolate(argument ?? '', env) : (current as string);
      }
      if (operator === ':?' || operator === '?') {
        if (unsetOrEmpty) throw new ComposeError(`${name}: ${argument || 'required variable is not set'}`);
        return current as string;
      }
      return current ?? '';
    },
  );
}

function interpolateDeep(value: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((v) => interpolateDeep(v, env));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, env)]));
  }
  return value;
}

/** `docker compose`'s command forms as an argv (a string is split the way compose splits it). */
export function argv(command: string[] | string | undefined): string[] {
  if (command === undefined) return [];
  return Array.isArray(command) ? command : command.split(/\s+/).filter(Boolean);
}
