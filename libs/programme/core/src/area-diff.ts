import type { NotSelectedArea, ProgrammeAreaResolution, ResolvedProgrammeArea } from './area-selection';

// What a newer index run would change about a programme's areas: who enters, who leaves, who
// stays — each with why, so the manager can accept or keep the stored list knowingly.

export type AreaChangeReasonCode =
  'matches-rule' | 'added-manually' | 'removed-manually' | 'no-clause-matched' | 'not-indexed' | 'not-in-run';

export interface AreaChangeReason {
  /** Translation key; `message` is the English text. */
  readonly code: AreaChangeReasonCode;
  readonly message: string;
}

export interface EnteringArea {
  readonly area: ResolvedProgrammeArea;
  readonly why: AreaChangeReason;
}

export interface LeavingArea {
  readonly area: ResolvedProgrammeArea;
  /** The area in the newer run (null when the newer run does not contain it). */
  readonly now: NotSelectedArea | null;
  readonly why: AreaChangeReason;
}

export interface StayingArea {
  readonly before: ResolvedProgrammeArea;
  readonly after: ResolvedProgrammeArea;
  readonly classesChanged: boolean;
  /** Same code under a new area id: the newer run is on a newer area version. */
  readonly areaIdChanged: boolean;
  readonly why: AreaChangeReason;
}

export interface ProgrammeAreaDiff {
  readonly fromRunId: string;
  readonly toRunId: string;
  readonly entering: readonly EnteringArea[];
  readonly leaving: readonly LeavingArea[];
  readonly staying: readonly StayingArea[];
}

/**
 * Compares the stored resolution with one over a newer run. Areas are matched by id, then —
 * for the rest — by code, so an area that kept its code across an area-version reform stays.
 */
export function diffProgrammeAreas(
  stored: ProgrammeAreaResolution,
  next: ProgrammeAreaResolution,
): ProgrammeAreaDiff {
  const nextById = new Map(next.areas.map((a) => [a.areaId, a]));
  const storedIds = new Set(stored.areas.map((a) => a.areaId));
  const unmatchedNextByCode = new Map(
    next.areas.filter((a) => !storedIds.has(a.areaId)).map((a) => [a.code, a] as const),
  );
  const matchedNext = new Set<string>();
  const notSelectedById = new Map(next.notSelected.map((a) => [a.areaId, a]));
  const notSelectedByCode = new Map(next.notSelected.map((a) => [a.code, a]));

  const staying: StayingArea[] = [];
  const leaving: LeavingArea[] = [];
  for (const before of stored.areas) {
    const after = nextById.get(before.areaId) ?? unmatchedNextByCode.get(before.code);
    if (after) {
      matchedNext.add(after.areaId);
      staying.push({
        before,
        after,
        classesChanged:
          before.statusClass !== after.statusClass || before.dynamicsClass !== after.dynamicsClass,
        areaIdChanged: after.areaId !== before.areaId,
        why: membership(after),
      });
      continue;
    }
    const now = notSelectedById.get(before.areaId) ?? notSelectedByCode.get(before.code) ?? null;
    leaving.push({ area: before, now, why: leavingReason(before, now, next.runId) });
  }
  const entering = next.areas
    .filter((a) => !matchedNext.has(a.areaId))
    .map((area) => ({ area, why: membership(area) }));
  return { fromRunId: stored.runId, toRunId: next.runId, entering, leaving, staying };
}

function classes(area: { statusClass: string | null; dynamicsClass: string | null }): string {
  return `status ${area.statusClass ?? '–'}, dynamics ${area.dynamicsClass ?? '–'}`;
}

function membership(area: ResolvedProgrammeArea): AreaChangeReason {
  if (area.matchedClauses.length > 0)
    return {
      code: 'matches-rule',
      message: `${classes(area)} matches clause ${area.matchedClauses.map((i) => i + 1).join(', ')} of the rule`,
    };
  return { code: 'added-manually', message: `added manually: ${area.addition?.reason ?? ''}` };
}

function leavingReason(
  before: ResolvedProgrammeArea,
  now: NotSelectedArea | null,
  runId: string,
): AreaChangeReason {
  if (now === null) return { code: 'not-in-run', message: `area ${before.code} is not part of run ${runId}` };
  switch (now.reason) {
    case 'removed':
      return { code: 'removed-manually', message: `removed manually: ${now.removal?.reason ?? ''}` };
    case 'not-indexed':
      return {
        code: 'not-indexed',
        message: `run ${runId} left the area out of the index (too few inhabitants or an outlier)`,
      };
    case 'no-clause-matched':
      return {
        code: 'no-clause-matched',
        message: `${classes(before)} → ${classes(now)}: no clause of the rule matches`,
      };
  }
}
