import { Writable } from 'node:stream';
import { correlation, createLogger, Metrics } from './index';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, stream };
}

describe('observability', () => {
  it('logs JSON with service, level and the correlation id of the current work', async () => {
    const { lines, stream } = capture();
    const logger = createLogger('registry', 'info', stream);
    correlation.run('req-42', () => logger.info({ areaId: 'a1' }, 'area updated'));
    logger.info('outside');
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({
      service: 'registry',
      level: 'info',
      correlationId: 'req-42',
      areaId: 'a1',
      msg: 'area updated',
    });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it('redacts credentials from logs', async () => {
    const { lines, stream } = capture();
    createLogger('auth', 'info', stream).info({ password: 'secret', authorization: 'Bearer x' }, 'login');
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({ password: '[redacted]', authorization: '[redacted]' });
  });

  it('replaces unsafe or missing correlation ids with a fresh uuid', () => {
    expect(correlation.run('bad id with spaces\n', () => correlation.current())).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlation.run(undefined, () => correlation.current())).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlation.current()).toBeUndefined();
  });

  it('exposes Prometheus metrics including HTTP durations', async () => {
    const metrics = new Metrics();
    metrics.httpRequests.observe(
      { service: 'registry', method: 'GET', route: '/areas', status: '200' },
      0.02,
    );
    const text = await metrics.render();
    expect(text).toContain(
      'quartier_http_request_duration_seconds_count{service="registry",method="GET",route="/areas",status="200"} 1',
    );
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});
