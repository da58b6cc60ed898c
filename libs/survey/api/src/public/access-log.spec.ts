import 'reflect-metadata';
import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger } from '@quartier/observability';
import { configureHttp } from '@quartier/service-kit';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { PUBLIC_BASE } from './public-urls';

@Controller()
class ProbeController {
  @Post(`${PUBLIC_BASE.slice(1)}/surveys/x/waves/y/responses`)
  @HttpCode(201)
  submit() {
    return { submittedOn: '2026-01-01' };
  }

  @Get(`${PUBLIC_BASE.slice(1)}/f/:id`)
  page() {
    return {};
  }

  @Get('auth/callback')
  callback() {
    return {};
  }

  @Post('api/survey/surveys')
  @HttpCode(201)
  create() {
    return {};
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

function captureLines(): { lines: Record<string, unknown>[]; sink: Writable } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, sink };
}

describe('access log of public submissions', () => {
  it('carries no correlation id for /api/*/public/ requests, and keeps it for the others', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    const app = await NestFactory.create(ProbeModule, { logger: false, bodyParser: false });
    configureHttp(app, { logger: createLogger('survey', 'info', sink), docs: [] });
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    try {
      const headers = { 'content-type': 'application/json', 'x-correlation-id': 'trace-me-123' };
      const pub = await fetch(`${url}${PUBLIC_BASE}/surveys/x/waves/y/responses`, {
        method: 'POST',
        headers,
        body: '{}',
      });
      expect(pub.status).toBe(201);
      await fetch(`${url}/api/survey/surveys`, { method: 'POST', headers, body: '{}' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const [publicLine, otherLine] = lines.filter((l) => l['msg'] === 'http request');
      expect(publicLine).toMatchObject({ url: `${PUBLIC_BASE}/surveys/x/waves/y/responses`, status: 201 });
      expect(JSON.stringify(publicLine)).not.toContain('trace-me-123');
      expect(publicLine).not.toHaveProperty('correlationId');
      expect(otherLine).toMatchObject({ url: '/api/survey/surveys', correlationId: 'trace-me-123' });
    } finally {
      await app.close();
    }
  });

  it('logs query keys, ids and the platform’s own options, never a code, token or typed text', async () => {
    const { lines, sink } = captureLines();
    const app = await NestFactory.create(ProbeModule, { logger: false, bodyParser: false });
    configureHttp(app, { logger: createLogger('survey', 'info', sink), docs: [] });
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const wave = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
    try {
      await fetch(`${url}${PUBLIC_BASE}/f/s1?lang=en&area=tiergarten-sued&wave=${wave}&code=ABCDE-FGHIJ`);
      await fetch(`${url}/auth/callback?code=oidc-secret-code-123&state=st4te-xyz&iss=http%3A%2F%2Fidp`);
      await fetch(`${url}${PUBLIC_BASE}/f/s1?ABCDE-FGHIJ&kommentar=Herr%20M%C3%BCller`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const urls = lines.filter((l) => l['msg'] === 'http request').map((l) => l['url']);
      expect(urls).toEqual([
        `${PUBLIC_BASE}/f/s1?lang=en&area=tiergarten-sued&wave=${wave}&code=…`,
        '/auth/callback?code=…&state=…&iss=…',
        `${PUBLIC_BASE}/f/s1?…&kommentar=…`,
      ]);
      const logged = JSON.stringify(lines);
      for (const secret of ['ABCDE', 'oidc-secret', 'st4te', 'ller']) expect(logged).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
