/**
 * The programme-area rule as the page edits it: alternatives ("or"), each a set of status
 * classes and optionally dynamics classes ("and"), limited to an area (e.g. district Mitte).
 * Mirrors programme-core's SelectionRule, which the service validates and resolves.
 */
export interface ClauseChoice {
  readonly statusClasses: readonly string[];
  /** Empty: any dynamics class. */
  readonly dynamicsClasses: readonly string[];
}

export interface SelectionRule {
  readonly version: 1;
  readonly clauses: readonly {
    readonly statusClasses?: readonly string[];
    readonly dynamicsClasses?: readonly string[];
    readonly level?: string;
    readonly withinAreaId?: string;
  }[];
}

/** Berlin's MSS practice: status class 4, or 3 with negative dynamics. */
export const MSS_DEFAULT_CLAUSES: readonly ClauseChoice[] = [
  { statusClasses: ['4'], dynamicsClasses: [] },
  { statusClasses: ['3'], dynamicsClasses: ['-'] },
];

/** Which of a run's indices is the status and which the dynamics index (as the service decides). */
export function classIndexKeys(classes: Readonly<Record<string, unknown>>): {
  status: string | null;
  dynamics: string | null;
} {
  const keys = Object.keys(classes);
  return {
    status: keys.includes('status') ? 'status' : (keys[0] ?? null),
    dynamics: keys.includes('dynamics')
      ? 'dynamics'
      : (keys.find((k) => k !== 'status' && k !== keys[0]) ?? null),
  };
}

/** The rule to send: clauses without a status class are dropped (they would select every area). */
export function buildRule(
  clauses: readonly ClauseChoice[],
  options: { withinAreaId?: string | null; level?: string | null } = {},
): SelectionRule | null {
  const used = clauses.filter((c) => c.statusClasses.length > 0);
  if (used.length === 0) return null;
  return {
    version: 1,
    clauses: used.map((c) => ({
      statusClasses: [...c.statusClasses].sort(),
      ...(c.dynamicsClasses.length > 0 ? { dynamicsClasses: [...c.dynamicsClasses].sort() } : {}),
      ...(options.level ? { level: options.level } : {}),
      ...(options.withinAreaId ? { withinAreaId: options.withinAreaId } : {}),
    })),
  };
}

/** The editable state of a stored rule (first clause's area and level apply to all). */
export function choicesOf(rule: SelectionRule | null): {
  clauses: ClauseChoice[];
  withinAreaId: string | null;
  level: string | null;
} {
  if (!rule || rule.clauses.length === 0)
    return { clauses: MSS_DEFAULT_CLAUSES.map((c) => ({ ...c })), withinAreaId: null, level: null };
  return {
    clauses: rule.clauses.map((c) => ({
      statusClasses: [...(c.statusClasses ?? [])],
      dynamicsClasses: [...(c.dynamicsClasses ?? [])],
    })),
    withinAreaId: rule.clauses[0].withinAreaId ?? null,
    level: rule.clauses[0].level ?? null,
  };
}

/** Adds or removes one class code of a clause. */
export function toggleClass(
  clauses: readonly ClauseChoice[],
  index: number,
  kind: 'statusClasses' | 'dynamicsClasses',
  code: string,
  on: boolean,
): ClauseChoice[] {
  return clauses.map((clause, i) => {
    if (i !== index) return clause;
    const current = clause[kind].filter((c) => c !== code);
    return { ...clause, [kind]: on ? [...current, code] : current };
  });
}

/** A rule in words: `status 4 · or status 3 with dynamics −`. */
export function describeRule(
  clauses: readonly ClauseChoice[],
  words: { status: string; dynamics: string; or: string; with: string },
): string {
  return clauses
    .filter((c) => c.statusClasses.length > 0)
    .map((c) => {
      const status = `${words.status} ${[...c.statusClasses].sort().join('/')}`;
      return c.dynamicsClasses.length > 0
        ? `${status} ${words.with} ${words.dynamics} ${[...c.dynamicsClasses].sort().join('/')}`
        : status;
    })
    .join(` ${words.or} `);
}
