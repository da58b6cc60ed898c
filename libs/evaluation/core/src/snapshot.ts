import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { EvaluationError } from './evaluation-error';
import {
  SNAPSHOT_SCHEMA,
  SNAPSHOT_VERSION,
  SNAPSHOT_VERSIONS,
  evidenceContentSchema,
  evidenceSnapshotSchema,
  type EvidenceContent,
  type EvidenceSnapshot,
} from './snapshot-schema';

// Frozen evidence: an evaluation's inputs as one canonical document with a content hash, so a
// report can be reproduced years later and anyone can check that nothing was changed.
// Canonical form: arrays of facts sorted by their key (values by area, indicator, period; …),
// design lists kept in the evaluator's order, object keys sorted, numbers in JavaScript's
// shortest round-trip notation, −0 written as 0. Equal content ⇒ equal hash, whatever order
// the inputs came in.

export type SnapshotInput = Omit<EvidenceContent, 'schema' | 'version'> & {
  takenAt: string;
  takenBy: string;
};

/**
 * Builds the canonical snapshot and its hash.
 * @throws EvaluationError `InvalidSnapshot`: a field of the wrong shape (path named), a value
 *   twice, or a value/aggregate naming an area, indicator or period the snapshot does not list.
 */
export function buildSnapshot(input: SnapshotInput): EvidenceSnapshot {
  const { takenAt, takenBy, ...rest } = input;
  const content = canonicalContent(
    validate(evidenceContentSchema, { schema: SNAPSHOT_SCHEMA, version: SNAPSHOT_VERSION, ...rest }),
  );
  checkReferences(content);
  if (!takenBy)
    throw new EvaluationError('InvalidSnapshot', 'takenBy: the person taking the snapshot is not named', {
      path: 'takenBy',
    });
  if (Number.isNaN(Date.parse(takenAt)))
    throw new EvaluationError('InvalidSnapshot', `takenAt: "${takenAt}" is not an ISO 8601 timestamp`, {
      path: 'takenAt',
    });
  return { content, hash: contentHash(content), takenAt, takenBy };
}

/**
 * Reads a stored snapshot (parsed JSON) and verifies its hash.
 * @throws EvaluationError `InvalidSnapshot`: unknown schema or version, wrong shape, hash mismatch.
 */
export function parseSnapshot(json: unknown): EvidenceSnapshot {
  const header = json as { content?: { schema?: unknown; version?: unknown } } | null;
  const version = header?.content?.version;
  if (header?.content?.schema === SNAPSHOT_SCHEMA && !SNAPSHOT_VERSIONS.includes(version as number))
    throw new EvaluationError(
      'InvalidSnapshot',
      `snapshot version ${String(version)} is not known (this build reads ${SNAPSHOT_VERSIONS.join(', ')})`,
      {
        version,
      },
    );
  const snapshot = validate(evidenceSnapshotSchema, json);
  verifySnapshot(snapshot);
  return snapshot;
}

/** @throws EvaluationError `InvalidSnapshot` when the content no longer matches its hash. */
export function verifySnapshot(snapshot: EvidenceSnapshot): void {
  const actual = contentHash(snapshot.content);
  if (actual !== snapshot.hash)
    throw new EvaluationError(
      'InvalidSnapshot',
      `the snapshot's content does not match its hash (stored ${snapshot.hash}, computed ${actual}): it was changed after it was taken`,
      { stored: snapshot.hash, computed: actual },
    );
}

/** SHA-256 (hex) over the canonical JSON of the content. */
export function contentHash(content: EvidenceContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth, no whitespace, undefined
 * properties left out; rejects non-finite numbers, which JSON cannot carry faithfully.
 */
export function canonicalJson(value: unknown): string {
  return write(value, []);
}

// Strings are concatenated (V8 ropes) rather than collected and joined, and the path is a stack
// turned into text only for an error message: 20,000 values serialise in a few milliseconds.
function write(value: unknown, path: (string | number)[]): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw unserialisable(path, String(value));
      // String(x) is JSON's number notation for finite x; −0 becomes 0.
      return value === 0 ? '0' : String(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          out += (i > 0 ? ',' : '') + write(value[i] ?? null, path);
          path.pop();
        }
        return out + ']';
      }
      const record = value as Record<string, unknown>;
      let out = '{';
      let first = true;
      for (const key of Object.keys(record).sort()) {
        if (record[key] === undefined) continue;
        path.push(key);
        out += (first ? '' : ',') + JSON.stringify(key) + ':' + write(record[key], path);
        path.pop();
        first = false;
      }
      return out + '}';
    }
    default:
      throw unserialisable(path, `a ${typeof value}`);
  }
}

function unserialisable(path: (string | number)[], what: string): EvaluationError {
  const at = path.join('.');
  return new EvaluationError('InvalidSnapshot', `${at || 'value'}: ${what} cannot be serialised`, {
    path: at,
  });
}

function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues
    .slice(0, 20)
    .map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
  throw new EvaluationError('InvalidSnapshot', `invalid snapshot:\n${lines.join('\n')}`, {
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  });
}

/**
 * Sorts facts by their key — the key's parts joined by U+0000, which sorts below every other
 * character, so the order is that of the tuples — rejecting a fact listed twice.
 */
function sortUnique<T>(items: readonly T[], what: string, ...parts: ((item: T) => string)[]): T[] {
  const keyed = items.map((item) => ({ item, key: parts.map((part) => part(item)).join('\u0000') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 1; i < keyed.length; i++)
    if (keyed[i - 1].key === keyed[i].key)
      throw new EvaluationError(
        'InvalidSnapshot',
        `${what} ${keyed[i].key
          .split('\u0000')
          .map((part) => `"${part}"`)
          .join(' / ')} is listed twice`,
        { what },
      );
  return keyed.map(({ item }) => item);
}

/** Sorts the fact lists into their canonical order. */
function canonicalContent(content: EvidenceContent): EvidenceContent {
  return {
    ...content,
    areas: sortUnique(content.areas, 'area', (a) => a.code),
    periods: sortUnique(content.periods, 'period', (p) => p),
    indicators: sortUnique(content.indicators, 'indicator', (i) => i.code),
    values: sortUnique(
      content.values,
      'value',
      (v) => v.area,
      (v) => v.indicator,
      (v) => v.period,
    ),
    surveyAggregates: sortUnique(
      content.surveyAggregates,
      'survey aggregate',
      (s) => s.survey,
      (s) => s.waveDate,
      (s) => s.wave,
      (s) => s.item,
      (s) => s.option ?? '',
      (s) => s.area,
      (s) => s.statistic,
    ),
    networkMeasures: sortUnique(
      content.networkMeasures,
      'network measure',
      (n) => n.network,
      (n) => n.waveDate,
      (n) => n.wave,
      (n) => n.measure,
      (n) => n.area ?? '',
    ),
  };
}

/** Every value, design list and aggregate refers to areas, indicators and periods of the snapshot. */
function checkReferences(content: EvidenceContent): void {
  const areas = new Set(content.areas.map((a) => a.code));
  const indicators = new Set(content.indicators.map((i) => i.code));
  const periods = new Set(content.periods);
  const fail = (path: string, what: string, name: string) => {
    throw new EvaluationError(
      'InvalidSnapshot',
      `${path}: ${what} "${name}" is not in the snapshot's ${what}s`,
      { path, [what]: name },
    );
  };
  content.values.forEach((v, i) => {
    if (!areas.has(v.area)) fail(`values.${i}`, 'area', v.area);
    if (!indicators.has(v.indicator)) fail(`values.${i}`, 'indicator', v.indicator);
    if (!periods.has(v.period)) fail(`values.${i}`, 'period', v.period);
  });
  const { design } = content;
  const areaLists: [string, readonly string[]][] = [
    ['design.treated', design.treated],
    ['design.comparison', design.comparison],
    ['design.reference.areas', design.reference?.areas ?? []],
    ['design.matching.candidatePool', design.matching?.candidatePool ?? []],
    ['design.adjustments', design.adjustments.map((a) => a.area)],
  ];
  for (const [path, list] of areaLists)
    for (const area of list) if (!areas.has(area)) fail(path, 'area', area);
  for (const [path, list] of [
    ['design.outcomes', design.outcomes],
    ['design.matching.on', design.matching?.on ?? []],
  ] as const)
    for (const code of list) if (!indicators.has(code)) fail(path, 'indicator', code);
  for (const [path, list] of [
    ['design.pre', design.pre],
    ['design.post', design.post],
    ['design.matching.period', design.matching ? [design.matching.period] : []],
  ] as const)
    for (const period of list) if (!periods.has(period)) fail(path, 'period', period);
}
