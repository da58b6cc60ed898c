import { ProgressReporter, type ProgressState } from './progress-reporter';

describe('ProgressReporter', () => {
  function setup(intervalMs = 250) {
    let now = 1_000;
    const writes: ProgressState[] = [];
    const errors: unknown[] = [];
    const reporter = new ProgressReporter(
      intervalMs,
      async (state) => {
        writes.push(state);
      },
      (error) => errors.push(error),
      () => now,
    );
    return { reporter, writes, errors, advance: (ms: number) => (now += ms) };
  }

  it('writes the first report at once, then at most once per interval; settle answers the last one unwritten', async () => {
    const { reporter, writes, advance } = setup();
    reporter.report(0.1, { rows: 10, message: 'reading' });
    advance(100);
    reporter.report(0.2, { rows: 20 });
    advance(100);
    reporter.report(0.3, { rows: 30 });
    advance(100);
    reporter.report(0.4, { rows: 40 });
    reporter.report(0.5, { rows: 50, detail: { bytes: 5 } });
    const last = await reporter.settle();
    // The job's finish records the last state: writing it first would cost a commit more.
    expect(writes.map((w) => w.rows)).toEqual([10, 40]);
    expect(last).toEqual({ progress: 0.5, message: 'reading', rows: 50, detail: { bytes: 5 } });
  });

  it('throttles on real elapsed time, whatever the service clock says', async () => {
    // No elapsed-time source given: the process's monotonic clock. A fixed service clock (tests,
    // demos) used to hold the throttle shut after the first write.
    const writes: number[] = [];
    const reporter = new ProgressReporter(
      20,
      async (state) => {
        writes.push(state.rows);
      },
      () => undefined,
    );
    reporter.report(0.1, { rows: 1 });
    reporter.report(0.2, { rows: 2 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    reporter.report(0.3, { rows: 3 });
    await reporter.settle();
    expect(writes).toEqual([1, 3]);
  });

  it('settles only after the writes under way, and writes nothing after', async () => {
    let release!: () => void;
    const written: number[] = [];
    const reporter = new ProgressReporter(
      0,
      async (state) => {
        await new Promise<void>((resolve) => (release = resolve));
        written.push(state.rows);
      },
      () => undefined,
    );
    reporter.report(0.5, { rows: 5 });
    let settled = false;
    const settling = reporter.settle().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    release();
    await settling;
    expect(written).toEqual([5]);
    reporter.report(0.9, { rows: 9 });
    await Promise.resolve();
    expect(written).toEqual([5]);
  });

  it('clamps fractions to 0…1, keeps the last message, rows and detail, and cleans unstorable text', async () => {
    const { reporter, writes } = setup(0);
    reporter.report(1.7, { message: 'a\u0000b', detail: { phase: 'x' } });
    reporter.report(-1, { detail: { more: 1 } });
    reporter.report(Number.NaN);
    const last = await reporter.settle();
    expect(writes.map((w) => w.progress)).toEqual([1, 0, 0]);
    expect(last).toEqual({ progress: 0, message: 'a\uFFFDb', rows: 0, detail: { phase: 'x', more: 1 } });
  });

  it('keeps going when a write fails and reports the failure', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const reporter = new ProgressReporter(
      0,
      async () => {
        calls++;
        if (calls === 1) throw new Error('database gone');
      },
      (error) => errors.push(error),
    );
    reporter.report(0.5);
    reporter.report(0.6);
    await expect(reporter.settle()).resolves.toMatchObject({ progress: 0.6 });
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });
});
