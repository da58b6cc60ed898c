import type { RefusedTie } from '../parallel-ties';

/** A node as read from an upload, before interpretation; attribute names are lower-cased. */
export interface RawNode {
  readonly file: string;
  readonly line: number;
  readonly id: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface RawEdge {
  readonly file: string;
  readonly line: number;
  readonly source: string;
  readonly target: string;
  /** Direction given on the tie itself; null = the file's (or network's) default. */
  readonly directed: boolean | null;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface RawGraph {
  /** Default direction declared by the file (GEXF defaultedgetype, GraphML edgedefault). */
  readonly directed: boolean | null;
  readonly nodes: RawNode[];
  readonly edges: RawEdge[];
}

/**
 * What is wrong, as a stable code the portal words in its reader's language (the message is the
 * English of it, for logs and API clients).
 */
export type ImportIssueCode =
  | 'NotWellFormed'
  | 'WrongDocument'
  | 'NotCsv'
  | 'EmptyFile'
  | 'MissingColumns'
  | 'NodeWithoutId'
  | 'EdgeWithoutEnds'
  | 'UndeclaredAttribute'
  | 'KeyForOtherElement'
  | 'NotBoolean'
  | 'DuplicateNode'
  | 'NameRequired'
  | 'InvalidName'
  | 'InvalidKind'
  | 'InvalidSector'
  | 'UnknownArea'
  | 'AreaOutOfScope'
  | 'InvalidPosition'
  | 'InvalidOffering'
  | 'InvalidContact'
  | 'UnstorableText'
  | 'UnknownActor'
  | 'InvalidTieType'
  | 'InvalidWeight'
  | 'SelfTie'
  | 'ParallelTie';

/** The values a problem names (the row's value, its column, the actor), for the worded sentence. */
export type ImportIssueParams = Readonly<Record<string, string | number>>;

/** One problem of an upload, with the file and (1-based) line it was found on. */
export interface ImportIssue {
  readonly file: string;
  readonly line: number | null;
  readonly code: ImportIssueCode;
  readonly params: ImportIssueParams;
  readonly message: string;
}

/** Parsing stops collecting after this many problems (the report says so). */
export const MAX_ISSUES = 100;

export class ImportIssues {
  readonly list: ImportIssue[] = [];
  truncated = false;

  add(
    file: string,
    line: number | null,
    code: ImportIssueCode,
    message: string,
    params: ImportIssueParams = {},
  ): void {
    if (this.list.length >= MAX_ISSUES) {
      this.truncated = true;
      return;
    }
    this.list.push({ file, line, code, params, message });
  }

  get full(): boolean {
    return this.list.length >= MAX_ISSUES;
  }
}

/**
 * Reports on its row a tie that foldParallelTies refused under a strict policy: a tie to itself
 * (SelfTie) or a pair already tied (ParallelTie, `repetition` saying what it repeats, as far as
 * the caller knows it: the importer the tie type, the converter the earlier line).
 */
export function reportRefusedTie(
  issues: ImportIssues,
  edge: RawEdge,
  reason: RefusedTie['reason'],
  directed: boolean,
  repetition: string,
): void {
  if (reason === 'self')
    issues.add(edge.file, edge.line, 'SelfTie', `tie from "${edge.source}" to itself`, { id: edge.source });
  else
    issues.add(
      edge.file,
      edge.line,
      'ParallelTie',
      `tie ${edge.source}${directed ? '→' : '–'}${edge.target} ${repetition}`,
      { source: edge.source, target: edge.target },
    );
}

export function parseBoolean(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (['true', '1', 'yes', 'ja', 'y', 'j', 'x'].includes(value)) return true;
  if (['false', '0', 'no', 'nein', 'n', ''].includes(value)) return false;
  return undefined;
}
