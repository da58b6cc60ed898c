import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger } from '@quartier/observability';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { PinoNestLogger } from '../nest-logger';
import { configureHttp } from './configure-http';

const COMMENT = 'Herr Müller von nebenan';

@Controller('api/survey')
class FailingController {
  // A service parsing a text it was given, unguarded: V8's SyntaxError quotes the text.
  @Post('parse')
  @HttpCode(200)
  parse(@Body() body: { text: string }) {
    return JSON.parse(body.text) as unknown;
  }

  // What PostgreSQL answers a date the API let through: it quotes the value.
  @Post('dates')
  date(@Body() body: { on: string }) {
    const driverError = Object.assign(new Error(`invalid input syntax for type date: "${body.on}"`), {
      code: '22007',
    });
    throw new QueryFailedError('UPDATE survey.survey_wave SET opens_on = $1', [body.on], driverError);
  }
}

@Module({ controllers: [FailingController] })
class FailingModule {}

describe('error log lines of failed requests', () => {
  it('carry the error’s wording, code and stack, never the values it quotes', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger('survey', 'info', sink);
    const app = await NestFactory.create(FailingModule, {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
    });
    configureHttp(app, { logger, docs: [] });
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const post = (path: string, body: unknown) =>
      fetch(`${url}/api/survey/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    try {
      expect((await post('parse', { text: COMMENT })).status).toBe(500);
      expect((await post('dates', { on: '31.02.2026 bei Müller' })).status).toBe(422);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const logged = lines.filter((l) => l['context'] === 'http');
      expect(logged).toHaveLength(2);
      expect(JSON.stringify(lines)).not.toContain('Müller');
      const [internal, refused] = logged as { msg: string }[];
      expect(internal?.msg).toMatch(
        /^SyntaxError: Unexpected token '…', "…"(\.\.\.)? is not valid JSON\n\s+at /,
      );
      expect(refused?.msg).toBe(
        `database refused a request's data (InvalidDate): invalid input syntax for type date: "…"`,
      );
    } finally {
      await app.close();
    }
  });
});
