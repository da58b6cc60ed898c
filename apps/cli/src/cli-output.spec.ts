import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { CliError } from './cli-error';
import { emitResult, writeResultFile } from './cli-output';

describe('a command result', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cli-output-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sink = (fail?: NodeJS.ErrnoException) => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString('utf8'));
        done(fail);
      },
    });
    stream.on('error', () => undefined);
    return { stream, chunks };
  };

  it('goes to the --out file with its summary on stderr, or to stdout', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const file = join(dir, 'result.csv');
      const out = sink();
      await emitResult('a,b\n', file, out.stream, '2 areas');
      expect(readFileSync(file, 'utf8')).toBe('a,b\n');
      expect(out.chunks).toEqual([]);
      expect(stderr).toHaveBeenCalledWith(`2 areas → ${file}\n`);

      await emitResult('c\n', undefined, out.stream, 'unused');
      expect(out.chunks).toEqual(['c\n']);
      expect(stderr).toHaveBeenCalledTimes(1);
    } finally {
      stderr.mockRestore();
    }
  });

  it('takes a closed pipe as the reader’s choice, and fails on any other write error', async () => {
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    await expect(emitResult('x\n', undefined, sink(epipe).stream)).resolves.toBeUndefined();
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    await expect(emitResult('x\n', undefined, sink(full).stream)).rejects.toBe(full);
  });

  it('names a file that cannot be written', async () => {
    const path = join(dir, 'missing', 'result.csv');
    const failure = writeResultFile(path, 'x');
    await expect(failure).rejects.toBeInstanceOf(CliError);
    await expect(failure).rejects.toThrow(`cannot write ${path}: ENOENT`);
  });
});
