import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { hostPortal } from './portal-hosting';

/** A raw GET (fetch would decompress): status, headers and the bytes as sent. */
function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      request({ port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('hostPortal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quartier-portal-'));
  const script = `console.log(${JSON.stringify('Quartier '.repeat(500))});\n`;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Quartier</title>');
    writeFileSync(join(dir, 'main-ABC123.js'), script);
    const app = express();
    hostPortal(app as unknown as INestApplication, dir, {
      oidcIssuer: 'x',
      oidcClientId: 'y',
      apiBaseUrl: '',
    });
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a bundle gzipped to a browser that accepts it, the same bytes each time', async () => {
    const first = await get(port, '/main-ABC123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(first.status).toBe(200);
    expect(first.headers).toMatchObject({
      'content-encoding': 'gzip',
      'content-type': 'text/javascript; charset=UTF-8',
      vary: 'Accept-Encoding',
    });
    expect(gunzipSync(first.body).toString('utf8')).toBe(script);
    const again = await get(port, '/main-ABC123.js', { 'accept-encoding': 'gzip' });
    expect(again.body.equals(first.body)).toBe(true);
  });

  it('sends it plain to a client without gzip, and 404 for a bundle that does not exist', async () => {
    const plain = await get(port, '/main-ABC123.js', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(script);
    const missing = await get(port, '/chunk-NOPE.js', {
      'accept-encoding': 'gzip',
      accept: 'text/javascript',
    });
    expect(missing.status).toBe(404);
  });
});
