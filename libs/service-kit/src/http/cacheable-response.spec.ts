import type { Request, Response } from 'express';
import { sendCacheable, type CacheableBody } from './cacheable-response';

/** What a response received: headers, status and the body it ended with. */
function recorder() {
  const sent = { headers: {} as Record<string, string>, status: 200, body: undefined as unknown };
  const res = {
    setHeader: (name: string, value: string) => {
      sent.headers[name] = value;
    },
    status: (code: number) => {
      sent.status = code;
      return res;
    },
    end: (body?: unknown) => {
      sent.body = body;
    },
  };
  return { sent, res: res as unknown as Response };
}

const request = (headers: Record<string, string>) => ({ headers }) as unknown as Request;

describe('sendCacheable', () => {
  const gzipped = Buffer.from('gzipped');
  const body = (gzip: () => Buffer | undefined): CacheableBody => ({
    contentType: 'application/json; charset=utf-8',
    etag: '"abc"',
    body: '{"a":1}',
    gzip,
  });

  it('marks the body private and revalidated by its ETag, and answers 304 to a current copy', () => {
    const gzip = jest.fn(() => gzipped);
    const { sent, res } = recorder();
    sendCacheable(request({ 'if-none-match': '"abc"', 'accept-encoding': 'gzip' }), res, body(gzip));
    expect(sent).toEqual({
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        ETag: '"abc"',
        'Cache-Control': 'private, no-cache',
        Vary: 'Authorization, Accept-Encoding',
      },
      status: 304,
      body: undefined,
    });
    expect(gzip).not.toHaveBeenCalled();
  });

  it('sends the gzip form only to a client that accepts it', () => {
    const accepted = recorder();
    sendCacheable(
      request({ 'accept-encoding': 'br, gzip' }),
      accepted.res,
      body(() => gzipped),
    );
    expect(accepted.sent.headers['Content-Encoding']).toBe('gzip');
    expect(accepted.sent.body).toBe(gzipped);

    const gzip = jest.fn(() => gzipped);
    const plain = recorder();
    sendCacheable(request({ 'accept-encoding': 'br' }), plain.res, body(gzip));
    expect(plain.sent.headers['Content-Encoding']).toBeUndefined();
    expect(plain.sent.body).toBe('{"a":1}');
    expect(gzip).not.toHaveBeenCalled();
  });

  it('sends the body as it is when the caller declines to encode it', () => {
    const { sent, res } = recorder();
    sendCacheable(
      request({ 'accept-encoding': 'gzip' }),
      res,
      body(() => undefined),
    );
    expect(sent.headers['Content-Encoding']).toBeUndefined();
    expect(sent.status).toBe(200);
    expect(sent.body).toBe('{"a":1}');
  });
});
