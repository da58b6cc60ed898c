// Shared by the deployment specs: where the repository is, how services are named in it, the
// topic list and the Dockerfile stages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES, deadLetterTopicOf, topicOf } from '@quartier/contracts';

export const ROOT = join(__dirname, '..', '..');
export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
/** The port every service container listens on (libs/service-kit's PORT default). */
export const SERVICE_PORT = 3000;

/** The compiled entry point of a service, as tools/build.mjs lays out dist/server. */
export const entrypoint = (service: string): string => `dist/server/apps/${service}-service/src/main.js`;
/** Container, compose service and Kubernetes Service name of a service. */
export const hostOf = (service: string): string => `${service}-service`;

export const REALM_FILE = 'infra/keycloak/quartier-realm.json';
/** Where Keycloak imports realms from at start (compose volume, k8s volume mount). */
export const REALM_IMPORT_DIR = '/opt/keycloak/data/import';

export interface Topic {
  name: string;
  partitions: number;
  retentionMs: number;
}
export function readTopicList(): Topic[] {
  return read('infra/kafka/topics.txt')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const [name, partitions, retention] = line.split(/\s+/);
      return { name: name!, partitions: Number(partitions), retentionMs: Number(retention) };
    });
}
export const EXPECTED_TOPICS = SERVICES.flatMap((s) => [topicOf(s), deadLetterTopicOf(topicOf(s))]).sort();

export interface DockerStage {
  name: string;
  from: string;
  lines: string[];
}
export function dockerStages(): DockerStage[] {
  // Join continuation lines, drop comments, split at FROM.
  const lines = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: DockerStage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ name: from[2] ?? `#${stages.length}`, from: from[1]!, lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}
export function stage(name: string): DockerStage {
  const found = dockerStages().find((s) => s.name === name);
  if (!found) throw new Error(`Dockerfile has no stage ${name}`);
  return found;
}
