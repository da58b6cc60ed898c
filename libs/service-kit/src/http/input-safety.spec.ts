import { Body, Controller, Module, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { nameText } from '@quartier/contracts';
import { createLogger } from '@quartier/observability';
import { createZodDto } from 'nestjs-zod';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { configureHttp } from './configure-http';

class ThingDto extends createZodDto(
  z.object({ name: nameText(), answers: z.record(z.string(), z.unknown()).default({}) }),
) {}
class SearchDto extends createZodDto(z.object({ q: z.string().max(100).optional() })) {}

/** Stands in for a handler that would write what it got to PostgreSQL. */
@Controller('api/registry/things')
class ThingsController {
  @Post(':key')
  create(@Param('key') key: string, @Query() query: SearchDto, @Body() body: ThingDto) {
    return { key, q: query.q ?? null, name: body.name, answers: Object.keys(body.answers).length };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

/** Written as text: JSON.stringify itself overflows the stack on such a value. */
const nestedJson = (depth: number) => `${'{"x":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('HTTP shell: unsafe input is refused with 422 naming the field', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create(ThingsModule, { logger: false, bodyParser: false });
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    configureHttp(app, {
      logger: createLogger('input-safety-test', 'error', silent),
      docs: [{ service: 'registry', title: 't', description: 't', modules: [ThingsModule] }],
    });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  const post = async (path: string, body: string) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return { status: response.status, body: await response.json() };
  };

  it('accepts ordinary input', async () => {
    const reply = await post(
      '/api/registry/things/k1?q=mitte',
      JSON.stringify({ name: ' Kiez ', answers: { a: 1 } }),
    );
    expect(reply).toEqual({ status: 201, body: { key: 'k1', q: 'mitte', name: 'Kiez', answers: 1 } });
  });

  it('refuses a NUL byte in a body string, naming the member', async () => {
    const reply = await post('/api/registry/things/k1', '{"name":"a","answers":{"q1":"x\\u0000y"}}');
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'UnsafeText', details: [{ field: 'answers.q1' }] });
    expect(reply.body.message).toMatch(/^answers\.q1: contains a NUL character/);
  });

  it('refuses lone surrogates in values and member names', async () => {
    const value = await post('/api/registry/things/k1', '{"name":"\\ud800"}');
    expect(value.status).toBe(422);
    expect(value.body).toMatchObject({ code: 'UnsafeText', details: [{ field: 'name' }] });
    const key = await post('/api/registry/things/k1', '{"name":"a","answers":{"\\udc00":1}}');
    expect(key.status).toBe(422);
    expect(key.body.details[0].field).toBe('answers');
  });

  it('refuses a 5,000-deep answer before anything walks it recursively', async () => {
    const reply = await post('/api/registry/things/k1', `{"name":"a","answers":{"q":${nestedJson(5000)}}}`);
    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe('TooDeep');
    expect(reply.body.details[0].field).toMatch(/^answers\.q\.x\.x/);
  });

  it('refuses NUL in query strings and route parameters', async () => {
    const query = await post('/api/registry/things/k1?q=a%00b', JSON.stringify({ name: 'a' }));
    expect(query.status).toBe(422);
    expect(query.body.details[0].field).toBe('q');
    const param = await post('/api/registry/things/k%00', JSON.stringify({ name: 'a' }));
    expect(param.status).toBe(422);
    expect(param.body.details[0].field).toBe('key');
  });

  it('refuses bidirectional controls in names with 422 and keeps 400 for malformed values', async () => {
    const bidi = await post('/api/registry/things/k1', JSON.stringify({ name: 'Kita \u202eetiM' }));
    expect(bidi.status).toBe(422);
    expect(bidi.body).toMatchObject({ code: 'UnsafeText', details: [{ field: 'name' }] });
    const wrongType = await post('/api/registry/things/k1', JSON.stringify({ name: 42 }));
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.code).toBe('ValidationFailed');
  });

  it('answers 413 with the error body for a JSON body over the limit', async () => {
    const reply = await post(
      '/api/registry/things/k1',
      JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(reply.status).toBe(413);
    expect(reply.body.code).toBe('PayloadTooLarge');
  });
});
