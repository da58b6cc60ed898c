import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('keepServingOnStrayRejections', () => {
  it('logs a rejection nobody awaits and keeps the process alive', () => {
    const result = spawnSync(
      process.execPath,
      [
        '-r',
        join(__dirname, '../../messaging/src/testing/register-ts.cjs'),
        join(__dirname, 'testing/stray-rejection.fixture.ts'),
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('still serving');
    expect(result.stdout).toContain('unhandled promise rejection: logged, process keeps serving');
    expect(result.stdout).toContain('nobody awaits this: \\"…\\"');
    expect(result.stdout).toContain('not an error: \\"…\\"');
    // What rejected may quote a request's values: not in the log.
    expect(result.stdout).not.toMatch(/Müller|Hauptstraße/);
  });

  it('is what a bare Node process does not do (the default ends it)', () => {
    const result = spawnSync(
      process.execPath,
      ['-e', 'void Promise.reject(new Error("x")); setTimeout(() => {}, 200)'],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status).not.toBe(0);
  });
});
