import {
  describeTextProblem,
  nameText,
  NAME_MAX_LENGTH,
  SECTORS,
  textProblem,
  type Sector,
} from '@quartier/contracts';
import { contactSchema } from '../actors/actor.dto';
import type { ActorDraft } from '../actors/actor.repository';
import {
  ACTOR_KINDS,
  OFFERING_TYPES,
  TIE_TYPES,
  type ActorKind,
  type OfferingType,
  type TieType,
} from '../network.constants';
import {
  foldParallelTies,
  ImportIssues,
  parseBoolean,
  reportRefusedTie,
  type ImportIssueCode,
  type ImportIssueParams,
  type ParallelTiePolicy,
  type RawEdge,
  type RawGraph,
  type RawNode,
} from '@quartier/network-core';

/** One problem of a row before it is reported: its code, its English message, what it names. */
type RowProblem = [ImportIssueCode, string, ImportIssueParams];

/** An actor the network already has, as far as an import needs to know it. */
export interface KnownActor {
  readonly id: string;
  readonly externalId: string | null;
}

/** How the ties of a file become the network's ties (what the import wizard lets people choose). */
export interface TieOptions {
  /** Repeated ties of one pair and type: sum, max or first weight (default sum), or refuse. */
  readonly parallelTies: ParallelTiePolicy;
  /** Ties of an actor to itself: left out (default) or refused. */
  readonly selfTies: 'drop' | 'strict';
  /** The edge attribute holding the tie type (default `type`); labels are never read as types. */
  readonly typeAttribute?: string;
  /** The file's values of that attribute → Quartier's tie types, for values that are not one already. */
  readonly typeValues?: Readonly<Record<string, TieType>>;
}

export const DEFAULT_TIE_OPTIONS: TieOptions = { parallelTies: 'sum', selfTies: 'drop' };

export interface PlanContext {
  readonly networkDirected: boolean;
  readonly ties?: TieOptions;
  readonly actors: readonly KnownActor[];
  /** An area code or id of the tenant → the area id; undefined when the tenant has no such area. */
  resolveArea(value: string): string | undefined;
}

/** An actor row of the upload: a new actor, or fields to change on an existing one. */
export interface PlannedActor {
  readonly key: string;
  readonly file: string;
  readonly line: number;
  readonly existingId: string | null;
  /** Only the fields the upload gives (empty cells leave an existing actor's value alone). */
  readonly fields: Partial<ActorDraft>;
}

export interface PlannedTie {
  readonly file: string;
  readonly line: number;
  /** Actor references: `actor:<uuid>` for existing actors, `key:<upload id>` for new ones. */
  readonly source: string;
  readonly target: string;
  readonly directed: boolean;
  readonly type: TieType;
  readonly weight: number;
  readonly attributes: Record<string, string | number>;
}

export interface ImportPlan {
  readonly actors: PlannedActor[];
  readonly ties: PlannedTie[];
  /** Rows folded into an earlier tie of the same pair and type. */
  readonly parallelTiesMerged: number;
  readonly selfTiesDropped: number;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

// Spreadsheets from German offices use German words; both spellings are accepted.
const SECTOR_WORDS: Record<string, Sector> = {
  verwaltung: 'public-administration',
  'öffentliche verwaltung': 'public-administration',
  staat: 'public-administration',
  wohlfahrt: 'welfare',
  'soziale dienste': 'welfare',
  'professionelle dienste': 'welfare',
  zivilgesellschaft: 'civil-society',
  wirtschaft: 'business',
  markt: 'business',
  bewohner: 'residents',
  bewohnerschaft: 'residents',
  'bewohner*innen': 'residents',
};
const TIE_WORDS: Record<string, TieType> = {
  kooperation: 'cooperation',
  zusammenarbeit: 'cooperation',
  austausch: 'information',
  vermittlung: 'referral',
  weitervermittlung: 'referral',
  ressourcen: 'resources',
  finanzierung: 'funding',
  förderung: 'funding',
};
const OFFERING_WORDS: Record<string, OfferingType> = {
  räume: 'rooms',
  raum: 'rooms',
  dienstleistungen: 'services',
  angebote: 'services',
  wissen: 'know-how',
  ausstattung: 'equipment',
  ehrenamtliche: 'volunteers',
  finanzierung: 'funding',
  sonstiges: 'other',
};
const KIND_WORDS: Record<string, ActorKind> = {
  organisation: 'organisation',
  organization: 'organisation',
  org: 'organisation',
  person: 'person',
};

function pick<T extends string>(value: string, known: readonly T[], words: Record<string, T>): T | undefined {
  const v = value.trim().toLowerCase();
  return (known as readonly string[]).includes(v) ? (v as T) : words[v];
}

/**
 * A column with a closed list of values (an actor's kind, its sector): the value it names, or
 * undefined with a problem under `code` that lists what the column accepts.
 */
function listed<T extends string>(
  column: string,
  value: string,
  known: readonly T[],
  words: Record<string, T>,
  code: ImportIssueCode,
  problems: RowProblem[],
): T | undefined {
  const found = pick(value, known, words);
  if (!found) problems.push([code, `${column} "${value}" is not one of ${known.join(', ')}`, { value }]);
  return found;
}

/**
 * Interprets the rows of an upload against the network: validates every value, resolves ties to
 * the upload's actors or the network's existing ones (by id or external id), and reports every
 * problem with its file and line. The caller writes nothing unless the issue list stays empty.
 */
export function planImport(graph: RawGraph, context: PlanContext, issues: ImportIssues): ImportPlan {
  const byId = new Map(context.actors.map((a) => [a.id, a]));
  const byExternal = new Map(
    context.actors.filter((a) => a.externalId !== null).map((a) => [a.externalId as string, a]),
  );
  const existing = (key: string) => byId.get(key) ?? byExternal.get(key);

  const actors: PlannedActor[] = [];
  const refByKey = new Map<string, string>();
  // Ties of an actor row that is itself invalid are not reported again as "unknown actor".
  const rejected = new Set<string>();
  for (const node of graph.nodes) {
    if (issues.full) break;
    if (refusedText(node, [['id', node.id]], issues)) {
      rejected.add(node.id);
      continue;
    }
    if (refByKey.has(node.id)) {
      issues.add(node.file, node.line, 'DuplicateNode', `actor id "${node.id}" appears twice`, {
        id: node.id,
      });
      continue;
    }
    const known = existing(node.id);
    const fields = actorFields(node, context, issues);
    if (fields && !known && fields.name === undefined)
      issues.add(
        node.file,
        node.line,
        'NameRequired',
        `new actor "${node.id}" needs a name (column name or label)`,
        { id: node.id },
      );
    if (!fields || (!known && fields.name === undefined)) {
      rejected.add(node.id);
      continue;
    }
    if (!known) fields.externalId = node.id;
    refByKey.set(node.id, known ? `actor:${known.id}` : `key:${node.id}`);
    actors.push({ key: node.id, file: node.file, line: node.line, existingId: known?.id ?? null, fields });
  }

  const options = context.ties ?? DEFAULT_TIE_OPTIONS;
  const candidates: { tie: PlannedTie; edge: RawEdge; weighted: boolean }[] = [];
  for (const edge of graph.edges) {
    if (issues.full) break;
    if (
      refusedText(
        edge,
        [
          ['source', edge.source],
          ['target', edge.target],
        ],
        issues,
      )
    )
      continue;
    if (rejected.has(edge.source) || rejected.has(edge.target)) continue;
    const tie = plannedTie(
      edge,
      graph.directed ?? context.networkDirected,
      (key) => refByKey.get(key) ?? (existing(key) ? `actor:${(existing(key) as KnownActor).id}` : undefined),
      options,
      issues,
    );
    if (tie) candidates.push({ tie, edge, weighted: edge.attributes['weight'] !== undefined });
  }
  const folded = foldParallelTies(
    candidates.map(({ tie, weighted }) => ({
      source: tie.source,
      target: tie.target,
      directed: tie.directed,
      kind: tie.type,
      ...(weighted ? { weight: tie.weight } : {}),
    })),
    { parallel: options.parallelTies, selfTies: options.selfTies },
  );
  for (const refused of folded.refused) {
    const { edge, tie } = candidates[refused.index];
    reportRefusedTie(issues, edge, refused.reason, tie.directed, `(${tie.type}) repeats an earlier row`);
  }
  const ties = folded.ties.map(({ index, weight }) => ({ ...candidates[index].tie, weight }));
  return {
    actors,
    ties,
    parallelTiesMerged: folded.parallelMerged,
    selfTiesDropped: folded.selfTiesDropped,
  };
}

/**
 * Refuses a row with text that cannot be stored (NUL from a CSV, however it got there): the row
 * is reported with the column, and nothing of it is written.
 */
function refusedText(row: RawNode | RawEdge, keys: [string, string][], issues: ImportIssues): boolean {
  for (const [column, value] of [...keys, ...Object.entries(row.attributes)]) {
    const problem = textProblem(value) ?? textProblem(column);
    if (problem) {
      // The column's own name may be the culprit: it is not repeated in the report then.
      const shown = textProblem(column) ? '(its header)' : column;
      issues.add(
        row.file,
        row.line,
        'UnstorableText',
        `column ${shown}: ${describeTextProblem(problem)}`,
        textProblem(column) ? {} : { column },
      );
      return true;
    }
  }
  return false;
}

function actorFields(node: RawNode, context: PlanContext, issues: ImportIssues): Partial<ActorDraft> | null {
  const a = node.attributes;
  const fields: Partial<ActorDraft> = {};
  const problems: RowProblem[] = [];
  const name = a['name'] ?? a['label'];
  if (name !== undefined) {
    // The same rule as the API's: 1 to NAME_MAX_LENGTH characters, no bidirectional controls.
    const parsed = nameText().safeParse(name);
    if (parsed.success) fields.name = parsed.data;
    else {
      const message = parsed.error.issues.some((i) => i.code === 'custom')
        ? `name ${parsed.error.issues[0].message}`
        : `name must have 1 to ${NAME_MAX_LENGTH} characters`;
      problems.push(['InvalidName', message, { max: NAME_MAX_LENGTH }]);
    }
  }
  if (a['kind'] !== undefined) {
    const kind = listed('kind', a['kind'], ACTOR_KINDS, KIND_WORDS, 'InvalidKind', problems);
    if (kind) fields.kind = kind;
  }
  if (a['sector'] !== undefined) {
    const sector = listed('sector', a['sector'], SECTORS, SECTOR_WORDS, 'InvalidSector', problems);
    if (sector) fields.sector = sector;
  }
  if (a['field'] !== undefined) fields.field = a['field'].trim().slice(0, 100);
  if (a['address'] !== undefined) fields.address = a['address'].trim().slice(0, 300);
  if (a['area'] !== undefined) {
    const areaId = context.resolveArea(a['area'].trim());
    if (areaId) fields.areaId = areaId;
    else
      problems.push([
        'UnknownArea',
        `area "${a['area']}" is not an area (code or id) of this tenant`,
        { value: a['area'] },
      ]);
  }
  if (a['lon'] !== undefined || a['lat'] !== undefined) {
    const lon = Number(a['lon']);
    const lat = Number(a['lat']);
    if (
      !NUMBER.test(a['lon'] ?? '') ||
      !NUMBER.test(a['lat'] ?? '') ||
      Math.abs(lon) > 180 ||
      Math.abs(lat) > 90
    ) {
      problems.push([
        'InvalidPosition',
        `lon/lat "${a['lon'] ?? ''}"/"${a['lat'] ?? ''}" is not a WGS84 position (decimal degrees, both needed)`,
        { lon: a['lon'] ?? '', lat: a['lat'] ?? '' },
      ]);
    } else fields.point = { lon, lat };
  }
  if (a['offerings'] !== undefined) fields.offerings = offeringsOf(a['offerings'], problems);
  const contact: Record<string, string> = {};
  for (const key of ['person', 'email', 'phone', 'website'])
    if (a[`contact_${key}`] !== undefined) contact[key] = a[`contact_${key}`].trim();
  if (Object.keys(contact).length > 0) {
    const parsed = contactSchema.safeParse(contact);
    if (parsed.success) fields.contact = parsed.data;
    else
      problems.push([
        'InvalidContact',
        `contact: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
        { fields: [...new Set(parsed.error.issues.map((i) => `contact_${i.path.join('.')}`))].join(', ') },
      ]);
  }
  if (a['pseudonymised'] !== undefined) {
    const value = parseBoolean(a['pseudonymised']);
    if (value === undefined)
      problems.push([
        'NotBoolean',
        `pseudonymised "${a['pseudonymised']}" is not true/false`,
        { column: 'pseudonymised', value: a['pseudonymised'] },
      ]);
    else fields.pseudonymised = value;
  }
  for (const [code, message, params] of problems) issues.add(node.file, node.line, code, message, params);
  return problems.length > 0 ? null : fields;
}

/** `type: description; …` as offerings; a part that is not one is a problem of the row. */
function offeringsOf(text: string, problems: RowProblem[]): { type: OfferingType; description: string }[] {
  const offerings = [];
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    const type = colon > 0 ? pick(part.slice(0, colon), OFFERING_TYPES, OFFERING_WORDS) : undefined;
    const description = colon > 0 ? part.slice(colon + 1).trim() : '';
    if (!type || description === '')
      problems.push([
        'InvalidOffering',
        `offering "${part}" is not "type: description" with a type of ${OFFERING_TYPES.join(', ')}`,
        { value: part },
      ]);
    else offerings.push({ type, description: description.slice(0, 500) });
  }
  return offerings;
}

/**
 * Which attribute says the tie type: the one the person chose; else a declared `type`; else a
 * GEXF `kind` that already names a tie type. Labels and other kinds stay what they are.
 */
function typeSource(a: Readonly<Record<string, string>>, options: TieOptions): string | undefined {
  if (options.typeAttribute !== undefined) return options.typeAttribute.toLowerCase();
  if (a['type'] !== undefined) return 'type';
  if (a['kind'] !== undefined && pick(a['kind'], TIE_TYPES, TIE_WORDS)) return 'kind';
  return undefined;
}

function plannedTie(
  edge: RawEdge,
  defaultDirected: boolean,
  resolve: (key: string) => string | undefined,
  options: TieOptions,
  issues: ImportIssues,
): PlannedTie | null {
  const a = edge.attributes;
  const problems: RowProblem[] = [];
  const actorOf = (id: string) => {
    const actor = resolve(id);
    if (!actor)
      problems.push([
        'UnknownActor',
        `tie names unknown actor "${id}" (neither in the actors of the upload nor in the network)`,
        { id },
      ]);
    return actor;
  };
  const source = actorOf(edge.source);
  const target = actorOf(edge.target);
  let type: TieType = 'cooperation';
  const typeKey = typeSource(a, options);
  const typeValue = typeKey === undefined ? undefined : a[typeKey];
  if (typeValue !== undefined) {
    const known = options.typeValues?.[typeValue] ?? pick(typeValue, TIE_TYPES, TIE_WORDS);
    if (known) type = known;
    else
      problems.push([
        'InvalidTieType',
        `tie type "${typeValue}" is not one of ${TIE_TYPES.join(', ')}; map the values of "${typeKey}" to these in the import`,
        { value: typeValue, attribute: typeKey ?? '' },
      ]);
  }
  let weight = 1;
  if (a['weight'] !== undefined) {
    weight = Number(a['weight']);
    if (!NUMBER.test(a['weight'].trim()) || !(weight > 0) || !Number.isFinite(weight))
      problems.push([
        'InvalidWeight',
        `weight "${a['weight']}" must be a positive number (decimal point, no unit)`,
        { value: a['weight'] },
      ]);
  }
  for (const [code, message, params] of problems) issues.add(edge.file, edge.line, code, message, params);
  if (problems.length > 0 || !source || !target) return null;
  const attributes: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(a))
    // Quartier's own GEXF repeats the type as `kind`: not an attribute of its own then.
    if (key === 'kind' && value === typeValue) continue;
    else if (key !== typeKey && key !== 'weight' && key !== 'id') attributes[key] = value;
  return {
    file: edge.file,
    line: edge.line,
    source,
    target,
    directed: edge.directed ?? defaultDirected,
    type,
    weight,
    attributes,
  };
}
