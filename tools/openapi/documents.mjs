// The portal's API types, generated from each service's OpenAPI document. The document is built
// by the function the running service builds it with (service-kit's buildServiceDocument, called
// by configure-http.ts), but from a Nest application in preview mode: the
// module graph is resolved without instantiating a provider, so no database, broker or login
// provider is needed.
// Used by tools/openapi/generate.mjs (compiled services from dist/server) and by
// tools/openapi/generated-clients.spec.ts (the TypeScript sources), so both see the same code;
// types.mjs turns the documents into TypeScript.
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/** Placeholders only: a preview application never connects anywhere. */
const PREVIEW_RUNTIME = {
  databaseUrl: 'postgres://preview.invalid/none',
  oidcIssuer: 'http://preview.invalid/oidc',
  oidcAudience: 'quartier',
};

/**
 * The service's OpenAPI document as `/api/<service>/docs-json` serves it.
 * @param {import('@quartier/service-kit').ServiceDefinition} service
 * @param {{ RuntimeModule: any, AuthModule: any, createReadModelAccessDirectory: Function, buildServiceDocument: Function }} kit
 *   the service-kit and auth exports (from the sources under Jest, from dist/server otherwise)
 */
export async function serviceDocument(service, kit) {
  class OpenApiPreviewModule {}
  Module({
    imports: [
      kit.RuntimeModule.forRoot(PREVIEW_RUNTIME),
      kit.AuthModule.forRoot({
        accessDirectory: service.accessDirectory ?? kit.createReadModelAccessDirectory(service.name),
        options: { issuer: PREVIEW_RUNTIME.oidcIssuer, audience: PREVIEW_RUNTIME.oidcAudience },
      }),
      service.module(PREVIEW_RUNTIME),
    ],
  })(OpenApiPreviewModule);
  const app = await NestFactory.create(OpenApiPreviewModule, {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return kit.buildServiceDocument(app, {
      title: service.title,
      description: service.description,
      modules: [service.moduleClass],
    });
  } finally {
    await app.close();
  }
}

/**
 * Every service's OpenAPI document, in platform order.
 * @param {readonly import('@quartier/service-kit').ServiceDefinition[]} services
 * @returns {Promise<{ service: string, document: object }[]>}
 */
export async function serviceDocuments(services, kit) {
  const out = [];
  for (const service of services)
    out.push({ service: service.name, document: await serviceDocument(service, kit) });
  return out;
}
