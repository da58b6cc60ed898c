import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { UploadError } from './upload.error';
import { UploadSpool, type ReceiveOptions } from './upload-spool';

describe('UploadSpool', () => {
  let root: string;
  let spool: UploadSpool;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'spool-spec-'));
    spool = new UploadSpool('testservice', root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const body = (text: string | Buffer, headers: Record<string, string> = {}) =>
    Object.assign(Readable.from([Buffer.from(text)]), { headers });

  it('streams a body into the service folder with its size, type and SHA-256', async () => {
    const text = 'area,period,indicator,value\n01,2022,S1,1\n';
    const upload = await spool.receive(body(text, { 'content-type': 'text/csv; charset=utf-8' }), {
      maxBytes: 1000,
      accept: ['text/csv'],
      extension: '.csv',
    });
    expect(upload).toMatchObject({
      bytes: Buffer.byteLength(text),
      contentType: 'text/csv',
      sha256: createHash('sha256').update(text).digest('hex'),
    });
    expect(upload.path.startsWith(join(root, 'quartier-spool', 'testservice', `${process.pid}-`))).toBe(true);
    expect(upload.path.endsWith('.csv')).toBe(true);
    expect(readFileSync(upload.path, 'utf8')).toBe(text);
    await spool.discard(upload.path);
    expect(existsSync(upload.path)).toBe(false);
  });

  it('refuses another content type (415), a declared size over the limit (413) and an empty body', async () => {
    await expect(
      spool.receive(body('x', { 'content-type': 'application/json' }), {
        maxBytes: 10,
        accept: ['text/csv'],
      }),
    ).rejects.toMatchObject({
      code: 'UnsupportedMediaType',
      message: 'send the file as text/csv (got application/json)',
    });
    await expect(
      spool.receive(body('x', { 'content-length': String(5 * 1024 ** 2) }), { maxBytes: 1024 ** 2 }),
    ).rejects.toMatchObject({
      code: 'PayloadTooLarge',
      message: 'the file is larger than 1 MB',
    });
    await expect(spool.receive(body(''), { maxBytes: 10 })).rejects.toBeInstanceOf(UploadError);
    await expect(
      spool.receive(body(''), { maxBytes: 10, empty: () => new Error('say it my way') }),
    ).rejects.toThrow('say it my way');
    expect((await spool.receive(body(''), { maxBytes: 10, allowEmpty: true })).bytes).toBe(0);
    expect(readdirSync(spool.dir)).toHaveLength(1);
  });

  it('keeps an upload that was handed over, and deletes it when the hand-over fails', async () => {
    const kept = await spool.receive(body('a'), { maxBytes: 10 });
    await expect(spool.handOver(kept, async () => 'queued')).resolves.toBe('queued');
    expect(existsSync(kept.path)).toBe(true);

    const failed = await spool.receive(body('b'), { maxBytes: 10 });
    const refusal = new Error('queue full');
    await expect(
      spool.handOver(failed, async () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(existsSync(failed.path)).toBe(false);
  });

  it('deletes a consumed upload after its reader, whether the reader succeeds or fails', async () => {
    let read = '';
    const answer = await spool.consume(body('a,b\n'), { maxBytes: 10 }, async (upload) => {
      read = readFileSync(upload.path, 'utf8');
      return upload.path;
    });
    expect(read).toBe('a,b\n');
    expect(existsSync(answer)).toBe(false);

    let path = '';
    const refusal = new Error('bad row');
    await expect(
      spool.consume(body('x'), { maxBytes: 10 }, async (upload) => {
        path = upload.path;
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(path).not.toBe('');
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a body that was already read instead of waiting for it forever', async () => {
    const consumed = body('{"a":1}');
    for await (const _chunk of consumed) void _chunk;
    await expect(spool.receive(consumed, { maxBytes: 100 })).rejects.toMatchObject({ code: 'UploadFailed' });
  });

  describe('over HTTP', () => {
    let server: Server;
    let port: number;
    let options: ReceiveOptions;

    beforeEach(async () => {
      server = createServer((req: IncomingMessage, res) => {
        spool.receive(req, options).then(
          (upload) => res.writeHead(200).end(JSON.stringify(upload)),
          (error: UploadError) =>
            res.writeHead(error.code === 'PayloadTooLarge' ? 413 : 400).end(error.message),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterEach(() => new Promise((resolve) => server.close(resolve)));

    it('answers a chunked body that grows past the limit with 413, not a reset, and keeps nothing', async () => {
      options = { maxBytes: 64 * 1024 };
      const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/' }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        const chunk = Buffer.alloc(16 * 1024, 'a');
        for (let i = 0; i < 40; i++) req.write(chunk);
        req.end();
      });
      expect(reply).toEqual({ status: 413, text: 'the file is larger than 64 kB' });
      expect(existsSync(spool.dir) ? readdirSync(spool.dir) : []).toEqual([]);
    });
  });

  it('sweeps files of dead writers that no job holds, keeping held ones and live writers’ uploads', async () => {
    mkdirSync(spool.dir, { recursive: true });
    const file = (name: string) => {
      const path = join(spool.dir, name);
      writeFileSync(path, 'x');
      return path;
    };
    const held = file('999999-held.upload');
    const dead = file('999999-dead.upload');
    const mine = file(`${process.pid}-left-by-an-earlier-run.upload`);
    const live = file(`${process.ppid}-in-progress.upload`);
    const strange = file('no-pid-here');
    const removed = await spool.removeOrphans(new Set([held]));
    expect(removed.sort()).toEqual([dead, mine, strange].sort());
    expect(readdirSync(spool.dir).sort()).toEqual(
      ['999999-held.upload', `${process.ppid}-in-progress.upload`].sort(),
    );
    expect(live).toBeDefined();
    expect(await new UploadSpool('never-used', root).removeOrphans(new Set())).toEqual([]);
  });
});
