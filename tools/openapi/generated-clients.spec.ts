import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule } from '@quartier/auth';
import { createReadModelAccessDirectory, RuntimeModule } from '@quartier/service-kit';
import { PLATFORM_SERVICES } from '../../apps/platform/src/services';
import { serviceDocuments, type ServiceDocument } from './documents.mjs';

// The portal calls the services through types generated from their OpenAPI documents; a service
// change that is not regenerated would let the portal drift from it again.
const ROOT = join(__dirname, '../..');
/**
 * Programme routes whose controller another change owns (measure-files.controller.ts): their
 * response declarations are that change's to add. Remove an entry when it is done.
 */
const NOT_YET_DESCRIBED = new Set([
  'GET /api/programme/programmes/{programmeId}/measures/export',
  'POST /api/programme/programmes/{programmeId}/measures/import',
]);
const REGENERATE =
  'run `node tools/build.mjs --server && node tools/openapi/generate.mjs` and commit the result';

describe('generated portal clients', () => {
  let documents: ServiceDocument[];
  let clients: { service: string; file: string; content: string }[];
  beforeAll(async () => {
    documents = await serviceDocuments(PLATFORM_SERVICES, {
      RuntimeModule,
      AuthModule,
      createReadModelAccessDirectory,
    });
    // openapi-typescript is ESM-only below its CommonJS face: it runs in Node itself.
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    writeFileSync(join(dir, 'documents.json'), JSON.stringify(documents));
    const typed = spawnSync(process.execPath, [join(__dirname, 'types.mjs'), join(dir, 'documents.json')], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    rmSync(dir, { recursive: true, force: true });
    if (typed.status !== 0) throw new Error(`types.mjs failed: ${typed.stderr}`);
    clients = JSON.parse(typed.stdout);
  }, 120_000);

  it('exist for every platform service', () => {
    expect(clients.map((c) => c.service)).toEqual(PLATFORM_SERVICES.map((s) => s.name));
  });

  it('are up to date with the services’ OpenAPI documents', () => {
    const stale = clients
      .filter((c) => {
        try {
          return readFileSync(join(ROOT, c.file), 'utf8') !== c.content;
        } catch {
          return true;
        }
      })
      .map((c) => c.file);
    expect({ stale, fix: stale.length > 0 ? REGENERATE : 'nothing to do' }).toEqual({
      stale: [],
      fix: 'nothing to do',
    });
  });

  it('declare a response schema and the error schema for every programme operation', () => {
    const programme = documents.find((d) => d.service === 'programme');
    const paths = (programme?.document.paths ?? {}) as Record<
      string,
      Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
    >;
    const missing: string[] = [];
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (NOT_YET_DESCRIBED.has(`${method.toUpperCase()} ${path}`)) continue;
        const responses = operation.responses ?? {};
        const success = Object.entries(responses).find(([status]) => /^2\d\d$/.test(status));
        if (!success?.[1].content) missing.push(`${method.toUpperCase()} ${path}: success body`);
        if (!responses['default']?.content?.['application/json'])
          missing.push(`${method.toUpperCase()} ${path}: error body`);
      }
    }
    expect(missing).toEqual([]);
  });
});
