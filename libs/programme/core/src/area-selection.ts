import { z } from 'zod';
import { ProgrammeError, type ProgrammeIssue } from './programme-error';

// Programme areas from an index run: a saved rule over the run's per-area classes ("status
// class 4, or status 3 with dynamics −"), plus manual additions and removals each with a
// reason. The resolution is stored with the run it came from; a newer run is compared with it
// (entering, leaving, staying — with why) and nothing changes until a manager accepts.

/** One alternative of a rule: an area matches when it satisfies every condition given. */
export interface SelectionClause {
  /** Allowed status class codes (e.g. `['4']`); absent = any status class. */
  readonly statusClasses?: readonly string[];
  /** Allowed dynamics class codes (e.g. `['-']`); absent = any dynamics class. */
  readonly dynamicsClasses?: readonly string[];
  /** Only areas of this level (e.g. `Planungsraum`). */
  readonly level?: string;
  /** Only this area and its descendants (e.g. the district Mitte). */
  readonly withinAreaId?: string;
}

/** A serialisable rule: the OR of its clauses. */
export interface SelectionRule {
  readonly version: 1;
  readonly clauses: readonly SelectionClause[];
}

/** One area of an index run, as the programme service reads it from the indicator service. */
export interface IndexRunArea {
  readonly areaId: string;
  readonly code: string;
  readonly name?: string;
  readonly level: string;
  /** The area's ancestors in its area version (any order). */
  readonly ancestorIds: readonly string[];
  /** false when the index left the area out (too few inhabitants, outlier): it has no classes. */
  readonly valid: boolean;
  readonly statusClass: string | null;
  readonly dynamicsClass: string | null;
}

export interface IndexRunResults {
  readonly runId: string;
  /** The area version the run was computed on (areas are only comparable within one). */
  readonly areaVersionId?: string;
  readonly areas: readonly IndexRunArea[];
}

export interface ManualAreaChange {
  readonly action: 'add' | 'remove';
  readonly areaId: string;
  readonly code: string;
  readonly reason: string;
  readonly by?: string;
  readonly at?: string;
}

/** Why an area is a programme area. */
export interface ResolvedProgrammeArea {
  readonly areaId: string;
  readonly code: string;
  readonly name?: string;
  /** Whether the area occurs in the run (a manual addition may name one that does not). */
  readonly inRun: boolean;
  readonly statusClass: string | null;
  readonly dynamicsClass: string | null;
  /** Indices of the rule's clauses the area matches (empty: it is in by addition only). */
  readonly matchedClauses: readonly number[];
  readonly addition: ManualAreaChange | null;
}

export type NotSelectedReason = 'removed' | 'no-clause-matched' | 'not-indexed';

/** A run area that is not a programme area, and why. */
export interface NotSelectedArea {
  readonly areaId: string;
  readonly code: string;
  readonly name?: string;
  readonly statusClass: string | null;
  readonly dynamicsClass: string | null;
  readonly reason: NotSelectedReason;
  /** Clauses the area matches although it was removed (the removal won). */
  readonly matchedClauses: readonly number[];
  readonly removal: ManualAreaChange | null;
}

export interface ProgrammeAreaResolution {
  readonly runId: string;
  readonly areaVersionId?: string;
  readonly rule: SelectionRule;
  /** Programme areas: run areas in run order, then additions of areas outside the run. */
  readonly areas: readonly ResolvedProgrammeArea[];
  /** Every other run area (the map's candidates and non-candidates). */
  readonly notSelected: readonly NotSelectedArea[];
  readonly changes: readonly ManualAreaChange[];
}

const classList = z.array(z.string().trim().min(1)).min(1, 'must name at least one class');
const ruleSchema = z.object({
  version: z.literal(1),
  clauses: z
    .array(
      z
        .object({
          statusClasses: classList.optional(),
          dynamicsClasses: classList.optional(),
          level: z.string().trim().min(1).optional(),
          withinAreaId: z.string().trim().min(1).optional(),
        })
        .strict()
        .refine((c) => c.statusClasses !== undefined || c.dynamicsClasses !== undefined, {
          message: 'a clause needs statusClasses or dynamicsClasses (otherwise it selects every area)',
        }),
    )
    .min(1, 'a rule needs at least one clause'),
});

/**
 * Validates a stored or submitted rule.
 * @throws ProgrammeError `InvalidSelectionRule` with one issue per problem (`clauses.1.level`).
 */
export function parseSelectionRule(input: unknown): SelectionRule {
  const parsed = ruleSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: ProgrammeIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    reason: issue.message,
  }));
  throw new ProgrammeError(
    'InvalidSelectionRule',
    `invalid selection rule:\n${issues.map((i) => `${i.path || '(rule)'}: ${i.reason}`).join('\n')}`,
    {},
    issues,
  );
}

/** The indices of the clauses an area satisfies (never any for an area the index left out). */
export function matchingClauses(rule: SelectionRule, area: IndexRunArea): number[] {
  if (!area.valid) return [];
  const matches: number[] = [];
  rule.clauses.forEach((clause, index) => {
    if (clause.statusClasses && !clause.statusClasses.includes(area.statusClass ?? '')) return;
    if (clause.dynamicsClasses && !clause.dynamicsClasses.includes(area.dynamicsClass ?? '')) return;
    if (clause.level !== undefined && clause.level !== area.level) return;
    if (
      clause.withinAreaId !== undefined &&
      clause.withinAreaId !== area.areaId &&
      !area.ancestorIds.includes(clause.withinAreaId)
    )
      return;
    matches.push(index);
  });
  return matches;
}

/**
 * Resolves a rule over a run plus manual changes. A removal wins over a rule hit; an addition
 * may name an area outside the run (it then has no classes).
 * @throws ProgrammeError `InvalidAreaChanges` (empty reason, an area changed twice).
 */
export function resolveProgrammeAreas(
  rule: SelectionRule,
  run: IndexRunResults,
  changes: readonly ManualAreaChange[] = [],
): ProgrammeAreaResolution {
  const byArea = validateChanges(changes);
  const areas: ResolvedProgrammeArea[] = [];
  const notSelected: NotSelectedArea[] = [];
  const inRun = new Set<string>();
  for (const area of run.areas) {
    inRun.add(area.areaId);
    const matchedClauses = matchingClauses(rule, area);
    const change = byArea.get(area.areaId) ?? null;
    const described = {
      areaId: area.areaId,
      code: area.code,
      ...(area.name !== undefined ? { name: area.name } : {}),
      statusClass: area.statusClass,
      dynamicsClass: area.dynamicsClass,
      matchedClauses,
    };
    if (change?.action === 'remove') {
      notSelected.push({ ...described, reason: 'removed', removal: change });
    } else if (matchedClauses.length > 0 || change?.action === 'add') {
      areas.push({ ...described, inRun: true, addition: change });
    } else {
      notSelected.push({
        ...described,
        reason: area.valid ? 'no-clause-matched' : 'not-indexed',
        removal: null,
      });
    }
  }
  for (const change of changes) {
    if (change.action !== 'add' || inRun.has(change.areaId)) continue;
    areas.push({
      areaId: change.areaId,
      code: change.code,
      inRun: false,
      statusClass: null,
      dynamicsClass: null,
      matchedClauses: [],
      addition: change,
    });
  }
  return {
    runId: run.runId,
    ...(run.areaVersionId !== undefined ? { areaVersionId: run.areaVersionId } : {}),
    rule,
    areas,
    notSelected,
    changes,
  };
}

function validateChanges(changes: readonly ManualAreaChange[]): Map<string, ManualAreaChange> {
  const issues: ProgrammeIssue[] = [];
  const byArea = new Map<string, ManualAreaChange>();
  const firstIndex = new Map<string, number>();
  changes.forEach((change, index) => {
    const path = `changes.${index}`;
    if (change.action !== 'add' && change.action !== 'remove')
      issues.push({
        path: `${path}.action`,
        reason: `must be "add" or "remove" (got "${String(change.action)}")`,
      });
    if (!change.areaId?.trim()) issues.push({ path: `${path}.areaId`, reason: 'is empty' });
    if (!change.code?.trim()) issues.push({ path: `${path}.code`, reason: 'is empty' });
    if (!change.reason?.trim())
      issues.push({
        path: `${path}.reason`,
        reason: `every manual ${change.action === 'add' ? 'addition' : 'removal'} needs a reason`,
      });
    const earlier = firstIndex.get(change.areaId);
    if (earlier !== undefined)
      issues.push({
        path: `${path}.areaId`,
        reason: `area ${change.code} is already changed by changes.${earlier} (${changes[earlier].action})`,
      });
    else firstIndex.set(change.areaId, index);
    byArea.set(change.areaId, change);
  });
  if (issues.length > 0)
    throw new ProgrammeError(
      'InvalidAreaChanges',
      `invalid manual area changes:\n${issues.map((i) => `${i.path}: ${i.reason}`).join('\n')}`,
      {},
      issues,
    );
  return byArea;
}
