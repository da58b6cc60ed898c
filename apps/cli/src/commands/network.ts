import type { Command } from 'commander';
import type { Writable } from 'node:stream';
import type { NetworkEdgeInput, NetworkMetrics, NetworkNodeInput } from '@quartier/network-core';
import { CliError } from '../cli-error';
import { csvHeader, PLAIN_DECIMAL, readCsvRecords } from '../csv-input';
import { writeResultFile } from '../cli-output';
import { csvOutput } from '../csv-output';

// `quartier network metrics`: the network measures of an edge list (+ optional actor list), as
// NetworkX computes them, offline over @quartier/network-core. Output contract:
// { "graph": { nodes, edges, density, components, modularity, … }, "nodes": { "<id>": { … } } }.
// Heavy modules (the core with graphology, csv-parse, worker threads) load inside the action so
// `quartier --help` stays fast.

export interface NetworkMetricsOptions {
  edges: string;
  nodes?: string;
  directed?: boolean;
  weighted?: boolean;
  /** Comma-separated measure names; default all. */
  measures?: string;
  seed?: string;
  out?: string;
  /** Threads for the shortest-path measures (default: all cores). */
  threads?: string;
}

export function registerNetworkCommands(program: Command): void {
  const network = program.command('network').description('actor networks: measures, communities, brokerage');
  network
    .command('metrics')
    .description('compute network measures (NetworkX conventions) of an edge list; JSON to stdout or --out')
    .requiredOption('--edges <file>', 'ties CSV with header source,target[,weight]')
    .option(
      '--nodes <file>',
      'actors CSV with header id[,sector]; lists isolates too, and ties may then only name these actors',
    )
    .option('--directed', 'ties are directed (source → target)', false)
    .option(
      '--weighted',
      'use the weight column as tie strength (distance = 1/weight on path measures)',
      false,
    )
    .option('--measures <list>', 'comma-separated measures to compute (default: all)')
    .option('--seed <n>', 'seed of the Louvain community detection (same seed, same communities)', '1')
    .option('--threads <n>', 'threads for betweenness/closeness (default: all cores)')
    .option('--out <file>', 'write the JSON here instead of stdout')
    .action(async (options: NetworkMetricsOptions) => {
      await networkMetricsCommand(options);
    });
  network
    .command('convert')
    .description(
      'turn a GEXF or GraphML file into the edges/nodes CSVs that `network metrics` reads (repeated ties folded, self-ties handled)',
    )
    .requiredOption('--in <file>', 'the .gexf or .graphml file')
    .option(
      '--merge <policy>',
      'repeated ties of one pair: sum (default; count as weight where unweighted), max, first weight, or strict (refuse, also self-ties unless --self-ties is given)',
    )
    .option('--self-ties <policy>', 'ties of an actor to itself: drop (default) or keep')
    .requiredOption('--edges <file>', 'write the ties here (source,target,weight,type,label)')
    .requiredOption('--nodes <file>', 'write the actors here (id,name,sector)')
    .action(async (options: NetworkConvertOptions) => {
      await networkConvertCommand(options);
    });
}

export interface NetworkConvertOptions {
  in: string;
  merge?: string;
  selfTies?: string;
  edges: string;
  nodes: string;
}

/**
 * Runs `network convert` over the import's own GEXF/GraphML readers. Exported for tests.
 * @throws CliError (exit 2) naming every bad row, or for unreadable files and bad options.
 */
export async function networkConvertCommand(options: NetworkConvertOptions): Promise<string> {
  const parallelTies = choice(options.merge ?? 'sum', '--merge', ['sum', 'max', 'first', 'strict'] as const);
  const selfTies =
    options.selfTies === undefined
      ? parallelTies === 'strict'
        ? 'strict'
        : 'drop'
      : choice(options.selfTies, '--self-ties', ['drop', 'keep'] as const);
  const [{ readFile }, core] = await Promise.all([
    import('node:fs/promises'),
    import('@quartier/network-core'),
  ]);
  const format = core.networkDocumentFormat(options.in);
  if (!format) throw new CliError(`--in: ${options.in} is neither a .gexf nor a .graphml file`);
  let text: string;
  try {
    text = await readFile(options.in, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${options.in}: ${(error as Error).message}`);
  }
  const network = core.convertNetworkDocument(text, options.in, format, { parallelTies, selfTies });
  if (network.issues.length > 0) {
    const lines = network.issues.map(
      (i) => `${i.file}${i.line === null ? '' : ` line ${i.line}`}: ${i.message}`,
    );
    if (network.truncated) lines.push('… further problems not listed');
    throw new CliError(lines.join('\n'));
  }
  // Ids, names and labels come from a file from anywhere; `network metrics` reads the guard back.
  const edges = await csvOutput([
    ['source', 'target', 'weight', 'type', 'label'],
    ...network.edges.map((e) => [e.source, e.target, e.weight, e.type ?? '', e.label ?? '']),
  ]);
  const nodes = await csvOutput([
    ['id', 'name', 'sector'],
    ...network.nodes.map((n) => [n.id, n.name ?? '', n.sector ?? '']),
  ]);
  for (const [file, body] of [
    [options.edges, edges],
    [options.nodes, nodes],
  ]) {
    await writeResultFile(file, body);
  }
  const summary = [
    `${options.in}: ${network.nodes.length} actors, ${network.edges.length} ties`,
    `${network.directed ? 'directed' : 'undirected'}${network.weighted ? ', weighted' : ''}`,
    `${network.parallelTiesMerged} repeated ties merged (${parallelTies})`,
    `${network.selfTiesDropped} self-ties dropped`,
    ...(network.selfTiesKept > 0
      ? [`${network.selfTiesKept} self-ties kept (network metrics refuses them)`]
      : []),
    ...(network.undirectedAsArcs > 0
      ? [`${network.undirectedAsArcs} undirected ties written as two arcs`]
      : []),
    ...(network.directedAsUndirected > 0
      ? [`${network.directedAsUndirected} directed ties of the undirected network written as undirected`]
      : []),
  ].join('; ');
  const next = `network metrics --edges ${options.edges} --nodes ${options.nodes}${network.directed ? ' --directed' : ''}${network.weighted || network.parallelTiesMerged > 0 ? ' --weighted' : ''}`;
  process.stderr.write(`${summary}\n→ ${next}\n`);
  return summary;
}

function choice<T extends string>(value: string, option: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`${option}: "${value}" is not one of ${allowed.join(', ')}`);
}

/**
 * Runs `network metrics`. Exported for in-process tests and scripting.
 * @throws CliError for every expected failure (unreadable or malformed CSV, unknown actors, …).
 */
export async function networkMetricsCommand(
  options: NetworkMetricsOptions,
  stdout: Writable = process.stdout,
): Promise<NetworkMetrics> {
  const core = await import('@quartier/network-core');
  const seed = parseInteger(options.seed ?? '1', '--seed', 0, 2 ** 32 - 1);
  const threads =
    options.threads === undefined ? undefined : parseInteger(options.threads, '--threads', 1, 64);
  let measures;
  try {
    measures = options.measures === undefined ? undefined : core.parseMeasures(options.measures);
  } catch (error) {
    if (error instanceof core.NetworkInputError) throw new CliError(`--measures: ${error.message}`);
    throw error;
  }
  if (measures && measures.size === 0) throw new CliError('--measures: name at least one measure');

  const weighted = options.weighted ?? false;
  const nodes = options.nodes ? await readNodes(options.nodes) : undefined;
  const edges = await readEdges(options.edges, weighted);

  let graph;
  try {
    graph = core.buildNetworkGraph({
      nodes: nodes?.rows,
      edges: edges.rows,
      directed: options.directed ?? false,
      weighted,
    });
  } catch (error) {
    if (error instanceof core.NetworkInputError) {
      const { edgeIndex, nodeIndex } = error.location;
      if (edgeIndex !== undefined)
        throw new CliError(
          `${options.edges} line ${edges.lines[edgeIndex]}: ${error.message}${error.code === 'UnknownNode' ? ` (not in ${options.nodes})` : ''}`,
        );
      if (nodeIndex !== undefined && nodes)
        throw new CliError(`${options.nodes} line ${nodes.lines[nodeIndex]}: ${error.message}`);
      throw new CliError(error.message);
    }
    throw error;
  }

  const wanted = measures ?? new Set(core.ALL_MEASURES);
  let pathMeasures;
  if (core.needsPathMeasures(wanted)) {
    const { parallelPathMeasures } = await import('@quartier/network-compute');
    pathMeasures = await parallelPathMeasures(graph, { threads, callerWorks: true });
  }
  const metrics = core.computeNetworkMetrics(graph, { measures: wanted, seed, pathMeasures });

  const json = `${JSON.stringify(metrics, null, 2)}\n`;
  if (options.out) {
    await writeResultFile(options.out, json);
    process.stderr.write(`network: ${graph.n} actors, ${graph.m} ties → ${options.out}\n`);
  } else {
    await new Promise<void>((resolve, reject) =>
      stdout.write(json, (error) => (error ? reject(error) : resolve())),
    );
  }
  return metrics;
}

function parseInteger(text: string, option: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new CliError(`${option}: "${text}" is not a whole number`);
  const value = Number(text.trim());
  if (value < min || value > max) throw new CliError(`${option}: ${value} is outside ${min}..${max}`);
  return value;
}

interface Parsed<T> {
  rows: T[];
  /** File line of each row (1-based, header is usually line 1). */
  lines: number[];
}

async function readCsv(file: string, what: string, required: readonly string[], optional: readonly string[]) {
  const records = await readCsvRecords(file, what);
  if (records.length === 0)
    throw new CliError(
      `${file}: empty file (expected the header ${[...required, ...optional.map((c) => `[${c}]`)].join(',')})`,
    );
  const header = csvHeader(file, records[0].record, required, [...required, ...optional]);
  const column = (name: string) => header.indexOf(name);
  return { records: records.slice(1), column };
}

async function readNodes(file: string): Promise<Parsed<NetworkNodeInput>> {
  const { records, column } = await readCsv(file, 'actors', ['id'], ['sector']);
  const id = column('id');
  const sector = column('sector');
  const rows: NetworkNodeInput[] = [];
  const lines: number[] = [];
  for (const { record, line } of records) {
    if (record[id] === '') throw new CliError(`${file} line ${line}: empty id`);
    rows.push({ id: record[id], sector: sector >= 0 && record[sector] !== '' ? record[sector] : null });
    lines.push(line);
  }
  return { rows, lines };
}

async function readEdges(file: string, weighted: boolean): Promise<Parsed<NetworkEdgeInput>> {
  const { records, column } = await readCsv(file, 'ties', ['source', 'target'], ['weight']);
  const source = column('source');
  const target = column('target');
  const weight = column('weight');
  if (weighted && weight < 0)
    throw new CliError(`${file}: --weighted needs a weight column (header source,target,weight)`);
  const rows: NetworkEdgeInput[] = [];
  const lines: number[] = [];
  for (const { record, line } of records) {
    if (record[source] === '' || record[target] === '')
      throw new CliError(`${file} line ${line}: empty source or target`);
    let value: number | undefined;
    const text = weight >= 0 ? record[weight] : '';
    if (text !== '') {
      // Weights are checked even without --weighted: a broken column is broken input either way.
      if (!PLAIN_DECIMAL.test(text))
        throw new CliError(`${file} line ${line}: weight "${text}" is not a number`);
      value = Number(text);
      if (!(value > 0) || !Number.isFinite(value))
        throw new CliError(`${file} line ${line}: weight ${text} must be positive (it is a tie strength)`);
    } else if (weighted) {
      throw new CliError(`${file} line ${line}: missing weight (--weighted)`);
    }
    rows.push({ source: record[source], target: record[target], weight: value });
    lines.push(line);
  }
  return { rows, lines };
}
