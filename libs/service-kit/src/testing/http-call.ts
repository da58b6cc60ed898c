import { request } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/**
 * One HTTP request on a connection of its own. Tests call servers with pauses in between (a
 * synchronous child process, a busy CI machine): a kept-alive socket the server closed while
 * the test was not looking would fail the next request with ECONNRESET, which `fetch` does not
 * retry for POST. A fresh connection per request cannot meet a closed one.
 */
export function httpCall(
  url: string,
  options: {
    method: string;
    headers?: Record<string, string>;
    body?: string | Uint8Array;
    timeoutMs?: number;
  },
): Promise<HttpAnswer> {
  const headers = { ...options.headers };
  // As fetch does: a body of known size says so (servers refuse an oversized upload before reading).
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method, headers, agent: false, timeout: options.timeoutMs ?? 180_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value === undefined) continue;
            for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
          }
          resolve({ status: res.statusCode ?? 0, headers, bytes: Buffer.concat(chunks) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${options.method} ${url}: no answer in time`)));
    req.on('error', reject);
    req.end(options.body);
  });
}
