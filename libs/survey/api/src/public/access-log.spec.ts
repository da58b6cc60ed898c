import 'reflect-metadata';
import { Controller, HttpCode, Module, Post } from '@nestjs/common';
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

  @Post('api/survey/surveys')
  @HttpCode(201)
  create() {
    return {};
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

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
});
