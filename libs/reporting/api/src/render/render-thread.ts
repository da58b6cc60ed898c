import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { JobFailure } from '@quartier/service-kit';
import type { AreaProfileDataset } from '@quartier/reporting-core';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { Writable } from 'node:stream';
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import {
  batchSubjects,
  renderBatchEntry,
  renderReport,
  type BatchEntry,
  type BatchHelpers,
  type PinnedDataset,
  type RenderHooks,
  type RenderSpec,
} from './report-renderer';

// Rendering runs on a worker thread: a monitoring report with its 448-area class maps keeps the
// CPU busy for seconds and a batch of profiles for a minute, which would stall every HTTP answer of the
// process (health probes included) on the main thread. One worker is kept warm between
// reports (modules loaded, fonts parsed: a single profile then takes a fraction of a second);
// its heap is capped, it is replaced after a batch (to give the memory back) or a cancel (it
// is terminated), and it ends after a while without work.
//
// A batch ("all planning areas") is CPU work of a minute or more for one thread. The render
// worker starts helper threads for it (one per further core, at most three): each parses the
// pinned data itself and renders every n-th profile, at most two ahead of the ZIP, while the
// render worker renders its own share and writes all entries in order — the same bytes as
// alone. Helpers end with the batch (and with the render worker, when a cancel terminates it).

const RENDER_WORKER = 'quartier-report-render';
const BATCH_HELPER = 'quartier-report-render-helper';
/** Helper threads of a batch: one per further core, at most three. */
const BATCH_HELPERS = Math.min(3, Math.max(0, availableParallelism() - 1));
/** Smaller batches are not worth a thread that parses the pinned data again. */
const MIN_BATCH_FOR_HELPERS = 8;
/** Entries a helper may render before the ZIP has taken its earlier ones. */
const HELPER_AHEAD = 2;
const WORKER_LIMITS = { maxOldGenerationSizeMb: 320, maxYoungGenerationSizeMb: 16 };
const IDLE_MS = 5 * 60_000;

type SerialSpec = Omit<RenderSpec, 'asOf' | 'generatedAt'> & { asOf: string; generatedAt: string };

interface RenderTask {
  spec: SerialSpec;
  /** The pinned data as stored (canonical JSON): the worker parses it itself. */
  dataset: string;
}

type ToWorker = { type: 'task'; task: RenderTask } | { type: 'ack' };
/** How a render thread (worker or helper) reports its failure: the error's code, or RenderFailed. */
type ThreadFailure = { type: 'error'; code: string; message: string };
type FromWorker =
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'progress'; fraction: number; message?: string }
  | { type: 'done' }
  | ThreadFailure;

function threadFailure(error: unknown): ThreadFailure {
  const code = (error as { code?: unknown }).code;
  return {
    type: 'error',
    code: typeof code === 'string' ? code : 'RenderFailed',
    message: error instanceof Error ? error.message : String(error),
  };
}

/** True when this module runs as compiled JavaScript and so can be a worker entry point. */
export function workersAvailable(): boolean {
  return __filename.endsWith('.js');
}

/** The process's render worker (one report at a time, as the job kind's concurrency is 1). */
@Injectable()
export class RenderThread implements OnApplicationShutdown {
  private worker: Worker | null = null;
  private idle: NodeJS.Timeout | null = null;

  /**
   * Renders a report from its stored pinned data into `output` (and ends it) — on the worker
   * when the code is compiled, in this thread otherwise (unit tests run the TypeScript sources).
   */
  async render(spec: RenderSpec, dataset: string, output: Writable, hooks: RenderHooks, signal: AbortSignal) {
    if (!workersAvailable()) return renderReport(spec, JSON.parse(dataset) as PinnedDataset, output, hooks);
    // A cancel that came while the report was being loaded: its abort event is already past.
    if (signal.aborted) throw signal.reason;
    if (this.idle) clearTimeout(this.idle);
    const worker = this.worker ?? this.spawn();
    let keep = false;
    const stop = () => void worker.terminate();
    signal.addEventListener('abort', stop, { once: true });
    try {
      await this.exchange(worker, { spec: serial(spec), dataset }, output, hooks, signal);
      // A batch leaves a large heap behind; a single report does not.
      keep = spec.params['level'] === undefined;
    } finally {
      signal.removeEventListener('abort', stop);
      if (keep) this.idle = setTimeout(() => void this.retire(), IDLE_MS).unref();
      else await this.retire();
    }
  }

  private spawn(): Worker {
    const worker = new Worker(__filename, { workerData: RENDER_WORKER, resourceLimits: WORKER_LIMITS });
    // Errors of a running task are answered by its exchange; an idle worker's end is just noted.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  private exchange(
    worker: Worker,
    task: RenderTask,
    output: Writable,
    hooks: RenderHooks,
    signal: AbortSignal,
  ) {
    return new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type === 'chunk')
          // The worker waits for this answer before it renders on: the database sets the pace.
          output.write(Buffer.from(message.bytes), (error) =>
            error ? fail(error) : worker.postMessage({ type: 'ack' } satisfies ToWorker),
          );
        else if (message.type === 'progress') hooks.progress(message.fraction, message.message);
        else if (message.type === 'done') output.end(() => settle(resolve));
        else fail(new JobFailure(message.code, message.message));
      };
      const onExit = (code: number) =>
        fail(
          signal.aborted
            ? signal.reason
            : new JobFailure('RenderFailed', `the render worker stopped (exit ${code})`),
        );
      const settle = (finish: () => void) => {
        worker.off('message', onMessage);
        worker.off('error', fail);
        worker.off('exit', onExit);
        finish();
      };
      const fail = (error: unknown) => settle(() => reject(error));
      worker.on('message', onMessage);
      worker.on('error', fail);
      worker.on('exit', onExit);
      worker.postMessage({ type: 'task', task } satisfies ToWorker);
    });
  }

  private async retire(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    await this.retire();
  }
}

function serial(spec: RenderSpec): SerialSpec {
  return { ...spec, asOf: spec.asOf.toISOString(), generatedAt: spec.generatedAt.toISOString() };
}

/** The worker's output: each chunk goes to the main thread, the next waits for its "ack". */
function portSink(port: MessagePort, acks: { next: ((error?: Error | null) => void) | null }): Writable {
  return new Writable({
    highWaterMark: 256 * 1024,
    write(chunk: Buffer, _encoding, done) {
      acks.next = done;
      const bytes = new Uint8Array(chunk.byteLength);
      bytes.set(chunk);
      port.postMessage({ type: 'chunk', bytes } satisfies FromWorker, [bytes.buffer]);
    },
  });
}

async function runTask(
  port: MessagePort,
  task: RenderTask,
  acks: { next: ((error?: Error | null) => void) | null },
) {
  try {
    const sink = portSink(port, acks);
    const finished = once(sink, 'finish');
    const spec: RenderSpec = {
      ...task.spec,
      asOf: new Date(task.spec.asOf),
      generatedAt: new Date(task.spec.generatedAt),
    };
    await renderReport(
      spec,
      JSON.parse(task.dataset) as PinnedDataset,
      sink,
      {
        progress: (fraction, message) =>
          port.postMessage({ type: 'progress', fraction, message } satisfies FromWorker),
        checkpoint: () => undefined,
      },
      (subjects) =>
        BATCH_HELPERS > 0 && subjects >= MIN_BATCH_FOR_HELPERS ? startHelpers(task, BATCH_HELPERS) : null,
    );
    await finished;
    port.postMessage({ type: 'done' } satisfies FromWorker);
  } catch (error) {
    port.postMessage(threadFailure(error) satisfies FromWorker);
  }
}

interface HelperData {
  kind: typeof BATCH_HELPER;
  task: RenderTask;
  /** This helper renders the positions p with p % of === share. */
  share: number;
  of: number;
}

type FromHelper =
  { type: 'entry'; position: number; entries: { name: string; bytes: Uint8Array }[] } | ThreadFailure;

class HelperFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Starts `count` helpers for the batch of `task`; the render worker renders positions p % (count + 1) === 0. */
function startHelpers(task: RenderTask, count: number): BatchHelpers {
  const of = count + 1;
  const done = new Map<number, BatchEntry[]>();
  const waiting = new Map<
    number,
    { resolve: (entries: BatchEntry[]) => void; reject: (error: Error) => void }
  >();
  let failure: Error | null = null;
  let stopped = false;
  const fail = (error: Error) => {
    if (stopped || failure) return;
    failure = error;
    for (const waiter of waiting.values()) waiter.reject(error);
    waiting.clear();
  };
  const helpers = Array.from({ length: count }, (_, i) => {
    const helper = new Worker(__filename, {
      workerData: { kind: BATCH_HELPER, task, share: i + 1, of } satisfies HelperData,
      resourceLimits: WORKER_LIMITS,
    });
    helper.on('message', (message: FromHelper) => {
      if (message.type === 'error') return fail(new HelperFailed(message.code, message.message));
      const entries = message.entries.map((e) => ({
        name: e.name,
        bytes: Buffer.from(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength),
      }));
      const waiter = waiting.get(message.position);
      waiting.delete(message.position);
      if (waiter) waiter.resolve(entries);
      else done.set(message.position, entries);
    });
    helper.on('error', (error) => fail(error));
    helper.on('exit', (code) => {
      if (code !== 0) fail(new HelperFailed('RenderFailed', `a batch helper stopped (exit ${code})`));
    });
    return helper;
  });
  return {
    takes: (position) => position % of !== 0,
    entries(position) {
      const helper = helpers[(position % of) - 1];
      const taken = (entries: BatchEntry[]) => {
        helper.postMessage('credit');
        return entries;
      };
      const ready = done.get(position);
      if (ready) {
        done.delete(position);
        return Promise.resolve(taken(ready));
      }
      if (failure) return Promise.reject(failure);
      return new Promise<BatchEntry[]>((resolve, reject) => waiting.set(position, { resolve, reject })).then(
        taken,
      );
    },
    async stop() {
      stopped = true;
      await Promise.all(helpers.map((h) => h.terminate()));
    },
  };
}

/** A helper: renders its share of the batch in order, never more than HELPER_AHEAD unacknowledged. */
async function runHelper(port: MessagePort, data: HelperData) {
  let credit = HELPER_AHEAD;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credit++;
    const resume = wake;
    wake = null;
    resume?.();
  });
  try {
    const spec: RenderSpec = {
      ...data.task.spec,
      asOf: new Date(data.task.spec.asOf),
      generatedAt: new Date(data.task.spec.generatedAt),
    };
    const dataset = JSON.parse(data.task.dataset) as AreaProfileDataset;
    const batch = batchSubjects(dataset);
    for (let position = data.share; position < batch.subjects.length; position += data.of) {
      while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credit--;
      const entries = (await renderBatchEntry(spec, dataset, batch, position)).map((e) => ({
        name: e.name,
        bytes: new Uint8Array(e.bytes),
      }));
      port.postMessage(
        { type: 'entry', position, entries } satisfies FromHelper,
        entries.map((e) => e.bytes.buffer as ArrayBuffer),
      );
    }
  } catch (error) {
    port.postMessage(threadFailure(error) satisfies FromHelper);
  }
  // Stays until the render worker ends it: its last entries are still on their way.
}

if (!isMainThread && parentPort && (workerData as Partial<HelperData> | null)?.kind === BATCH_HELPER) {
  void runHelper(parentPort, workerData as HelperData);
}

if (!isMainThread && parentPort && workerData === RENDER_WORKER) {
  const port = parentPort;
  const acks: { next: ((error?: Error | null) => void) | null } = { next: null };
  port.on('message', (message: ToWorker) => {
    if (message.type === 'ack') {
      const done = acks.next;
      acks.next = null;
      done?.();
    } else void runTask(port, message.task, acks);
  });
}
