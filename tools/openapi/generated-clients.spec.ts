import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule } from '@quartier/auth';
import { buildServiceDocument, createReadModelAccessDirectory, RuntimeModule } from '@quartier/service-kit';
import { z } from 'zod';
import { PLATFORM_SERVICES } from '@quartier/platform-services';
import { serviceDocuments, type ServiceDocument } from './documents.mjs';

// The portal calls the services through types generated from their OpenAPI documents; a service
// change that is not regenerated would let the portal drift from it again.
const ROOT = join(__dirname, '../..');
/** Services whose every operation documents its answer and the error body (all, once done). */
const DESCRIBED = new Set(['programme', 'evaluation', 'registry', 'survey', 'network', 'indicator']);
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
      buildServiceDocument,
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

  it('declare a response schema and the error schema for every operation', () => {
    const missing: string[] = [];
    for (const { service, document } of documents) {
      if (!DESCRIBED.has(service)) continue;
      const paths = (document.paths ?? {}) as Record<string, Record<string, { responses?: Responses }>>;
      // The error response is one reusable response that every operation refers to.
      const shared = (document.components as { responses?: Responses } | undefined)?.responses ?? {};
      const resolve = (response: DocumentedResponse | undefined) =>
        response?.$ref?.startsWith('#/components/responses/')
          ? shared[response.$ref.slice('#/components/responses/'.length)]
          : response;
      for (const [path, item] of Object.entries(paths)) {
        for (const [method, operation] of Object.entries(item)) {
          const responses = operation.responses ?? {};
          const success = Object.entries(responses).find(([status]) => /^2\d\d$/.test(status));
          // 204 No Content is the one success without a body.
          if (!success || (success[0] !== '204' && !success[1].content))
            missing.push(`${method.toUpperCase()} ${path}: success body`);
          if (!resolve(responses['default'])?.content?.['application/json'])
            missing.push(`${method.toUpperCase()} ${path}: error body`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  // A schema named with `.meta({ id })` is one component that every DTO using it refers to. Two
  // different schemas under one name fail in one document (zod and nestjs-zod refuse them), but
  // in two services' documents only this sees it: the portal would get two types of one name.
  // (DTO class names are per service: `WaveViewDto` is a network wave and a survey wave.)
  it('give one name to one schema across the services', () => {
    const named = new Map<string, { service: string; schema: string }>();
    const clashes: string[] = [];
    for (const { service, document } of documents) {
      const components = document.components as { schemas?: Record<string, unknown> } | undefined;
      for (const [name, schema] of Object.entries(components?.schemas ?? {})) {
        if (/Dto(_Output)?$/.test(name)) continue;
        const first = named.get(name);
        if (!first) named.set(name, { service, schema: JSON.stringify(schema) });
        else if (first.schema !== JSON.stringify(schema))
          clashes.push(`${name}: ${first.service}, ${service}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  // nestjs-zod#473: a bare nullable primitive at the top level of a DTO (`z.string().nullable()`)
  // reaches the document as an array, so the portal's type would be `string[]`. orNull() of
  // service-kit documents it right.
  it('document no top-level field of a request or response DTO as an array by mistake', () => {
    const wrong = new Set<string>();
    for (const service of PLATFORM_SERVICES) {
      for (const controller of service.module({ kafkaBrokers: [] } as never).controllers ?? []) {
        for (const dto of dtosOf(controller)) {
          const json = z.toJSONSchema(dto.schema, { io: dto.io, unrepresentable: 'any' }) as {
            properties?: Record<string, { type?: unknown }>;
          };
          for (const [key, property] of Object.entries(json.properties ?? {}))
            if (Array.isArray(property.type)) wrong.add(`${service.name}: ${dto.name}.${key}`);
        }
      }
    }
    expect({
      wrong: [...wrong],
      fix: wrong.size > 0 ? 'orNull() of @quartier/service-kit' : 'nothing to do',
    }).toEqual({
      wrong: [],
      fix: 'nothing to do',
    });
  });
});

/** A response of an operation, or a reference to a reusable one. */
interface DocumentedResponse {
  $ref?: string;
  content?: Record<string, unknown>;
}
type Responses = Record<string, DocumentedResponse>;

interface ZodDto {
  name: string;
  schema: z.ZodType;
  io: 'input' | 'output';
}

/** The zod DTOs a controller's routes take (bodies, queries) and answer (response decorators). */
function dtosOf(controller: unknown): ZodDto[] {
  const out: ZodDto[] = [];
  const add = (type: unknown, io: 'input' | 'output') => {
    const candidate = type as { name?: string; schema?: unknown };
    if (typeof type === 'function' && candidate.schema instanceof z.ZodType)
      out.push({ name: candidate.name ?? '?', schema: candidate.schema, io });
  };
  const responsesOf = (target: object) =>
    Object.values(
      (Reflect.getMetadata('swagger/apiResponse', target) ?? {}) as Record<string, { type?: unknown }>,
    );
  if (typeof controller !== 'function') return out;
  for (const response of responsesOf(controller)) add(response.type, 'output');
  const prototype = controller.prototype as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const handler = prototype[name];
    if (name === 'constructor' || typeof handler !== 'function') continue;
    for (const response of responsesOf(handler)) add(response.type, 'output');
    for (const parameter of (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as unknown[])
      add(parameter, 'input');
  }
  return out;
}
