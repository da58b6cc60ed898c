import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { processMetrics } from '@quartier/observability';

/**
 * Answers a metrics scrape: 401 without the right bearer token when one is configured, else the
 * process's Prometheus text. Shared by the API port's ops route and the separate metrics port.
 */
export async function answerMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  token: string | undefined,
): Promise<void> {
  if (token && !bearerMatches(req.headers.authorization, token)) {
    res.statusCode = 401;
    res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(
      JSON.stringify({
        statusCode: 401,
        code: 'Unauthorized',
        message: 'metrics require Authorization: Bearer <METRICS_TOKEN>',
      }),
    );
    return;
  }
  const metrics = processMetrics();
  const body = await metrics.render();
  res.statusCode = 200;
  res.setHeader('Content-Type', metrics.contentType);
  res.end(body);
}

/**
 * `METRICS_PORT`: a listener that serves nothing but `path` (GET), so the scraper's port can be
 * opened to the monitoring network alone while the API port carries no metrics.
 */
export async function startMetricsServer(options: {
  port: number;
  host: string;
  path: string;
  token: string | undefined;
}): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== options.path) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(
        JSON.stringify({ statusCode: 404, code: 'NotFound', message: `only GET ${options.path} here` }),
      );
      return;
    }
    answerMetrics(req, res, options.token).catch(() => {
      // A failed rendering is the scraper's gap, never the process's end.
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (\S+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1] as string);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
