// Network measures computed on worker threads, for the network service and the CLI. Pure
// computation over @quartier/network-core (no I/O); threads are the only thing it adds.
//
// The service answers HTTP requests and events in the same process, so there the calling thread
// only coordinates; the CLI lets it work along (`callerWorks`), one thread more for the kernel:
//  1. shortest-path measures (Brandes betweenness fused with closeness / harmonic / path lengths,
//     the O(n·m) part) run on worker threads that pull chunks of sources from one shared atomic
//     counter; each reports its progress, and the partial sums of disjoint source ranges add up;
//  2. everything else (Louvain, PageRank, constraint, brokerage, …) runs on one more worker with
//     the path measures handed in, so the result is exactly `computeNetworkMetrics` of the graph.
// Without compiled JavaScript (under Jest the file is TypeScript and cannot be a worker entry)
// the same steps run in-thread, yielding to the event loop between chunks.
// This file is its own worker entry point and imports nothing of Nest, so workers start fast.
import {
  addPathPartial,
  buildNetworkGraph,
  computeNetworkMetrics,
  emptyPathPartial,
  finalizePathMeasures,
  needsPathMeasures,
  pathKernelGraph,
  pathMeasuresForSources,
  ALL_MEASURES,
  type MeasureName,
  type NetworkGraph,
  type NetworkInput,
  type NetworkMetrics,
  type PathKernelGraph,
  type PathMeasures,
  type PathPartial,
} from '@quartier/network-core';
import { availableParallelism } from 'node:os';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Worker, isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';

const PATHS_TASK = 'quartier.network.compute.paths';
const MEASURES_TASK = 'quartier.network.compute.measures';
/** Below this many node pairs starting threads costs more than it saves. */
const PARALLEL_MIN_PAIRS = 250_000;

export type ComputePhase = 'paths' | 'measures';

export interface ComputeProgress {
  readonly phase: ComputePhase;
  /** Sources done in the path phase (of `total` = actors); 0/1 in the measures phase. */
  readonly done: number;
  readonly total: number;
  /** Overall share done, 0…1 (path phase weighted by its usual share of the work). */
  readonly fraction: number;
}

export interface ComputeOptions {
  readonly measures?: ReadonlySet<MeasureName>;
  readonly seed?: number;
  /**
   * Threads for the path phase, the calling thread among them when it works along; default: every
   * core. When that leaves no thread besides the caller, everything runs in the calling thread.
   */
  readonly threads?: number;
  readonly onProgress?: (progress: ComputeProgress) => void;
  /** Stops the computation (workers are terminated); the promise rejects with the reason. */
  readonly signal?: AbortSignal;
  /** Force in-thread computation (tests, tiny networks). */
  readonly inThread?: boolean;
  /**
   * Let the calling thread compute path chunks too (CLI: nothing else to do meanwhile). A
   * server keeps it free for requests and events.
   */
  readonly callerWorks?: boolean;
}

interface PathsTask {
  readonly kind: typeof PATHS_TASK;
  readonly graph: PathKernelGraph;
  readonly counter: SharedArrayBuffer;
  readonly chunk: number;
}

interface MeasuresTask {
  readonly kind: typeof MEASURES_TASK;
  readonly graph: NetworkGraph;
  readonly measures: MeasureName[];
  readonly seed: number;
  readonly pathMeasures?: PathMeasures;
}

/** What a worker answers when its task threw. */
type WorkerFailure = { type: 'error'; message: string };
type PathsMessage =
  { type: 'progress'; sources: number } | { type: 'done'; partial: PathPartial } | WorkerFailure;
type MeasuresMessage = { type: 'done'; metrics: NetworkMetrics } | WorkerFailure;

/** Share of the overall progress bar given to the path phase (it dominates on large networks). */
const PATH_SHARE = 0.9;

/** True when this module runs as compiled JavaScript and so can be a worker entry point. */
export function workersAvailable(): boolean {
  return __filename.endsWith('.js');
}

/**
 * All requested measures of the network given as input — equal to
 * `computeNetworkMetrics(buildNetworkGraph(input), { measures, seed })` of the core.
 * @throws NetworkInputError of the core for invalid input (before any thread starts).
 */
export async function computeMetrics(
  input: NetworkInput,
  options: ComputeOptions = {},
): Promise<NetworkMetrics> {
  const graph = buildNetworkGraph(input);
  return computeGraphMetrics(graph, options);
}

export async function computeGraphMetrics(
  graph: NetworkGraph,
  options: ComputeOptions = {},
): Promise<NetworkMetrics> {
  const measures = options.measures ?? new Set(ALL_MEASURES);
  const seed = options.seed ?? 1;
  const threads = options.threads ?? availableParallelism();
  const parallel = onWorkers(graph, threads, options);
  const report = (phase: ComputePhase, done: number, total: number) => {
    const fraction =
      phase === 'paths'
        ? total === 0
          ? PATH_SHARE
          : (done / total) * PATH_SHARE
        : PATH_SHARE + (1 - PATH_SHARE) * done;
    options.onProgress?.({ phase, done, total, fraction });
  };
  options.signal?.throwIfAborted();

  let pathMeasures: PathMeasures | undefined;
  if (needsPathMeasures(measures)) {
    pathMeasures = parallel
      ? await parallelPaths(
          graph,
          threads,
          (done) => report('paths', done, graph.n),
          options.signal,
          options.callerWorks,
        )
      : await inThreadPaths(graph, (done) => report('paths', done, graph.n), options.signal);
  }
  report('measures', 0, 1);
  const metrics = parallel
    ? await measuresOnWorker(
        { kind: MEASURES_TASK, graph, measures: [...measures], seed, pathMeasures },
        options.signal,
      )
    : computeNetworkMetrics(graph, { measures, seed, pathMeasures });
  report('measures', 1, 1);
  return metrics;
}

/**
 * Whether the computation starts worker threads: for large graphs, when the threads allowed
 * leave one besides the caller. A caller that works along is one of them, so alone (`threads`
 * 1, or one core) it computes everything itself — a worker would only add its start and the
 * graph's copy. A server's caller is none of them: one worker keeps its event loop free for
 * requests and lets a job be stopped in the middle of a phase.
 */
function onWorkers(
  graph: NetworkGraph,
  threads: number,
  options: Pick<ComputeOptions, 'inThread' | 'callerWorks'>,
): boolean {
  const besidesCaller = options.callerWorks ? threads - 1 : threads;
  return (
    !options.inThread && besidesCaller > 0 && workersAvailable() && graph.n * graph.n >= PARALLEL_MIN_PAIRS
  );
}

function chunkSize(n: number, threads: number): number {
  return Math.max(8, Math.min(256, Math.floor(n / (threads * 16))));
}

async function inThreadPaths(
  graph: NetworkGraph,
  progress: (done: number) => void,
  signal?: AbortSignal,
): Promise<PathMeasures> {
  const kernel = pathKernelGraph(graph);
  const total = emptyPathPartial(graph.n);
  const chunk = chunkSize(graph.n, 1);
  for (let from = 0; from < graph.n; from += chunk) {
    const to = Math.min(graph.n, from + chunk);
    pathMeasuresForSources(kernel, from, to, total);
    progress(to);
    // Lets requests, events and progress writes through between chunks.
    await yieldToEventLoop();
    signal?.throwIfAborted();
  }
  progress(graph.n);
  return finalizePathMeasures(graph.n, total);
}

/**
 * The shortest-path measures alone (Brandes betweenness, closeness, harmonic, path lengths),
 * spread over threads when the graph is large enough to pay for them.
 */
export async function parallelPathMeasures(
  graph: NetworkGraph,
  options: Pick<ComputeOptions, 'threads' | 'signal' | 'callerWorks' | 'inThread'> & {
    onProgress?: (sourcesDone: number, total: number) => void;
  } = {},
): Promise<PathMeasures> {
  const progress = (done: number) => options.onProgress?.(done, graph.n);
  const threads = options.threads ?? availableParallelism();
  const parallel = onWorkers(graph, threads, options);
  return parallel
    ? parallelPaths(graph, threads, progress, options.signal, options.callerWorks)
    : inThreadPaths(graph, progress, options.signal);
}

async function parallelPaths(
  graph: NetworkGraph,
  threads: number,
  progress: (done: number) => void,
  signal?: AbortSignal,
  callerWorks = false,
): Promise<PathMeasures> {
  const kernel = pathKernelGraph(graph);
  const count = Math.max(1, Math.min(threads, graph.n));
  const task: PathsTask = {
    kind: PATHS_TASK,
    graph: kernel,
    counter: new SharedArrayBuffer(4),
    chunk: chunkSize(graph.n, count),
  };
  let done = 0;
  const workers = Array.from(
    { length: callerWorks ? count - 1 : count },
    () => new Worker(__filename, { workerData: task }),
  );
  // The calling thread's own share, when it works along: drained synchronously while the
  // workers start, from the same shared counter.
  const own = emptyPathPartial(graph.n);
  if (callerWorks) {
    const counter = new Int32Array(task.counter);
    for (;;) {
      const from = Atomics.add(counter, 0, task.chunk);
      if (from >= graph.n) break;
      const to = Math.min(graph.n, from + task.chunk);
      pathMeasuresForSources(kernel, from, to, own);
      done += to - from;
      progress(done);
    }
  }
  const stop = () => void Promise.all(workers.map((worker) => worker.terminate()));
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const partials = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<PathPartial>((resolve, reject) => {
            worker.on('message', (message: PathsMessage) => {
              if (message.type === 'progress') {
                done += message.sources;
                progress(done);
              } else if (message.type === 'done') resolve(message.partial);
              else reject(new Error(`path-measure worker failed: ${message.message}`));
            });
            worker.once('error', reject);
            worker.once('exit', (code) => {
              if (signal?.aborted) reject(signal.reason);
              else if (code !== 0) reject(new Error(`path-measure worker exited with code ${code}`));
            });
          }),
      ),
    );
    for (const partial of partials) addPathPartial(own, partial);
    return finalizePathMeasures(graph.n, own);
  } finally {
    signal?.removeEventListener('abort', stop);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

async function measuresOnWorker(task: MeasuresTask, signal?: AbortSignal): Promise<NetworkMetrics> {
  const worker = new Worker(__filename, { workerData: task });
  const stop = () => void worker.terminate();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return await new Promise<NetworkMetrics>((resolve, reject) => {
      worker.once('message', (message: MeasuresMessage) =>
        message.type === 'done'
          ? resolve(message.metrics)
          : reject(new Error(`measure worker failed: ${message.message}`)),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (signal?.aborted) reject(signal.reason);
        else if (code !== 0) reject(new Error(`measure worker exited with code ${code}`));
      });
    });
  } finally {
    signal?.removeEventListener('abort', stop);
    await worker.terminate();
  }
}

function runPathsTask(port: MessagePort, task: PathsTask): void {
  try {
    const counter = new Int32Array(task.counter);
    const partial = emptyPathPartial(task.graph.n);
    for (;;) {
      const from = Atomics.add(counter, 0, task.chunk);
      if (from >= task.graph.n) break;
      const to = Math.min(task.graph.n, from + task.chunk);
      pathMeasuresForSources(task.graph, from, to, partial);
      port.postMessage({ type: 'progress', sources: to - from } satisfies PathsMessage);
    }
    port.postMessage({ type: 'done', partial } satisfies PathsMessage, [
      partial.betweenness.buffer,
      partial.farness.buffer,
      partial.reach.buffer,
      partial.harmonic.buffer,
    ] as ArrayBuffer[]);
  } catch (error) {
    port.postMessage(failureOf(error));
  }
}

function runMeasuresTask(port: MessagePort, task: MeasuresTask): void {
  try {
    const metrics = computeNetworkMetrics(task.graph, {
      measures: new Set(task.measures),
      seed: task.seed,
      pathMeasures: task.pathMeasures,
    });
    port.postMessage({ type: 'done', metrics } satisfies MeasuresMessage);
  } catch (error) {
    port.postMessage(failureOf(error));
  }
}

function failureOf(error: unknown): WorkerFailure {
  return { type: 'error', message: error instanceof Error ? error.message : String(error) };
}

function taskKind(data: unknown): string | undefined {
  return typeof data === 'object' && data !== null
    ? ((data as { kind?: unknown }).kind as string | undefined)
    : undefined;
}

if (!isMainThread && parentPort) {
  const kind = taskKind(workerData);
  if (kind === PATHS_TASK) runPathsTask(parentPort, workerData as PathsTask);
  else if (kind === MEASURES_TASK) runMeasuresTask(parentPort, workerData as MeasuresTask);
}
