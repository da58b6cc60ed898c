// Shortest-path measures (Brandes betweenness fused with closeness / harmonic / path lengths)
// spread over worker threads. The kernel itself lives in the pure @quartier/network-core and
// only knows "sources from..to"; threads are an application concern, so this runner sits with
// the command that needs it. The same compiled file is the worker entry point.
//
// Scheduling: the calling thread and the workers pull chunks of sources from one shared atomic
// counter, so a slow thread simply takes fewer chunks — no static split that a hub-heavy range
// could unbalance, and the calling thread works instead of idling.
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { NetworkGraph, PathKernelGraph, PathMeasures, PathPartial } from '@quartier/network-core';

// The core is loaded lazily (as everywhere in the CLI) to keep `quartier --help` fast.
type Core = typeof import('@quartier/network-core');
const loadCore = (): Promise<Core> => import('@quartier/network-core');

const JOB_KIND = 'quartier.network.path-measures';
/** Below this many node pairs a thread costs more than it saves. */
const PARALLEL_MIN_PAIRS = 1_000_000;

interface PathJob {
  readonly kind: typeof JOB_KIND;
  readonly graph: PathKernelGraph;
  readonly counter: SharedArrayBuffer;
  readonly chunk: number;
}

type WorkerMessage = { type: 'progress'; sources: number } | { type: 'done'; partial: PathPartial } | { type: 'error'; message: string };

export interface ParallelPathOptions {
  /** Threads including the calling one; default: the machine's available parallelism. */
  readonly threads?: number;
  /** Called with the number of sources done so far (of n). */
  readonly onProgress?: (sourcesDone: number, total: number) => void;
}

/**
 * True when this module runs from compiled JavaScript, i.e. when it can be a worker entry point
 * (under ts-jest/swc-jest the file is TypeScript and the runner stays in-thread).
 */
export function workersAvailable(): boolean {
  return __filename.endsWith('.js');
}

/** All shortest-path measures of the graph, using worker threads when it pays off. */
export async function parallelPathMeasures(graph: NetworkGraph, options: ParallelPathOptions = {}): Promise<PathMeasures> {
  const core = await loadCore();
  const n = graph.n;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), n));
  const kernel = core.pathKernelGraph(graph);
  const total = core.emptyPathPartial(n);
  let done = 0;
  const progress = (sources: number) => {
    done += sources;
    options.onProgress?.(done, n);
  };

  if (threads === 1 || !workersAvailable() || n * n < PARALLEL_MIN_PAIRS) {
    core.pathMeasuresForSources(kernel, 0, n, total);
    progress(n);
    return core.finalizePathMeasures(n, total);
  }

  const chunk = Math.max(8, Math.min(256, Math.floor(n / (threads * 16))));
  const counter = new SharedArrayBuffer(4);
  const job: PathJob = { kind: JOB_KIND, graph: kernel, counter, chunk };
  const workers = Array.from({ length: threads - 1 }, () => new Worker(__filename, { workerData: job }));
  const results = workers.map(
    (worker) =>
      new Promise<PathPartial>((resolve, reject) => {
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'progress') progress(message.sources);
          else if (message.type === 'done') resolve(message.partial);
          else reject(new Error(`path-measure worker failed: ${message.message}`));
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`path-measure worker exited with code ${code}`));
        });
      }),
  );
  try {
    // The calling thread works through chunks too; the workers start while it does.
    drainChunks(core, kernel, new Int32Array(counter), chunk, total, progress);
    for (const partial of await Promise.all(results)) core.addPathPartial(total, partial);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return core.finalizePathMeasures(n, total);
}

function drainChunks(core: Core, graph: PathKernelGraph, counter: Int32Array, chunk: number, into: PathPartial, progress: (sources: number) => void): void {
  for (;;) {
    const from = Atomics.add(counter, 0, chunk);
    if (from >= graph.n) return;
    const to = Math.min(graph.n, from + chunk);
    core.pathMeasuresForSources(graph, from, to, into);
    progress(to - from);
  }
}

function isPathJob(data: unknown): data is PathJob {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === JOB_KIND;
}

async function runWorker(port: MessagePort, job: PathJob): Promise<void> {
  try {
    const core = await loadCore();
    const partial = core.emptyPathPartial(job.graph.n);
    drainChunks(core, job.graph, new Int32Array(job.counter), job.chunk, partial, (sources) =>
      port.postMessage({ type: 'progress', sources } satisfies WorkerMessage),
    );
    port.postMessage({ type: 'done', partial } satisfies WorkerMessage, [
      partial.betweenness.buffer,
      partial.farness.buffer,
      partial.reach.buffer,
      partial.harmonic.buffer,
    ] as ArrayBuffer[]);
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
  }
}

if (!isMainThread && parentPort && isPathJob(workerData)) void runWorker(parentPort, workerData);
