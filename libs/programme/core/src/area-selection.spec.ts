import { diffProgrammeAreas } from './area-diff';
import {
  matchingClauses,
  parseSelectionRule,
  resolveProgrammeAreas,
  type IndexRunArea,
  type IndexRunResults,
  type ManualAreaChange,
  type SelectionRule,
} from './area-selection';
import { ProgrammeError } from './programme-error';

function area(
  areaId: string,
  code: string,
  statusClass: string | null,
  dynamicsClass: string | null,
  ancestorIds: string[] = ['d01', 'r0101'],
  level = 'Planungsraum',
): IndexRunArea {
  return { areaId, code, level, ancestorIds, valid: statusClass !== null, statusClass, dynamicsClass };
}

// "Planning areas in Mitte with status class 4, or 3 with dynamics −".
const rule: SelectionRule = {
  version: 1,
  clauses: [
    { statusClasses: ['4'], withinAreaId: 'd01', level: 'Planungsraum' },
    { statusClasses: ['3'], dynamicsClasses: ['-'], withinAreaId: 'd01', level: 'Planungsraum' },
  ],
};
const run2019: IndexRunResults = {
  runId: 'mss-2019',
  areaVersionId: 'lor-2006',
  areas: [
    area('a1', '0101', '4', '+/-'),
    area('a2', '0102', '3', '-'),
    area('a3', '0103', '3', '+'),
    area('a4', '0104', '2', '-'),
    area('a5', '0201', '4', '-', ['d02']),
    area('a6', '0105', null, null),
    area('a7', '0106', '4', '-'),
  ],
};
const changes: ManualAreaChange[] = [
  {
    action: 'remove',
    areaId: 'a1',
    code: '0101',
    reason: 'already funded by Sozialer Zusammenhalt',
    by: 'u1',
  },
  { action: 'add', areaId: 'a3', code: '0103', reason: 'large housing estate, 3+ is misleading' },
  { action: 'add', areaId: 'x9', code: '0999', reason: 'new development, not yet indexed' },
];

describe('matchingClauses', () => {
  it('matches status, dynamics, level and subtree conditions together', () => {
    expect(matchingClauses(rule, area('p', '1', '4', '+'))).toEqual([0]);
    expect(matchingClauses(rule, area('p', '1', '3', '-'))).toEqual([1]);
    expect(matchingClauses(rule, area('p', '1', '3', '+/-'))).toEqual([]);
    expect(matchingClauses(rule, area('p', '1', '4', '-', ['d02']))).toEqual([]);
    expect(matchingClauses(rule, area('p', '1', '4', '-', ['d01'], 'Bezirksregion'))).toEqual([]);
    expect(matchingClauses(rule, area('p', '1', null, null))).toEqual([]);
  });

  it('treats the subtree root itself as inside, and absent conditions as "any"', () => {
    const open: SelectionRule = { version: 1, clauses: [{ dynamicsClasses: ['-'], withinAreaId: 'p' }] };
    expect(matchingClauses(open, area('p', '1', '1', '-', [], 'Bezirk'))).toEqual([0]);
    expect(matchingClauses(open, area('q', '2', '2', '-', ['x', 'p']))).toEqual([0]);
    expect(matchingClauses(open, area('q', '2', '2', '+', ['p']))).toEqual([]);
  });
});

describe('resolveProgrammeAreas', () => {
  it('selects rule hits, applies removals over hits and additions inside and outside the run', () => {
    const resolution = resolveProgrammeAreas(rule, run2019, changes);
    expect(resolution.runId).toBe('mss-2019');
    expect(resolution.areaVersionId).toBe('lor-2006');
    expect(
      resolution.areas.map((a) => [a.areaId, a.matchedClauses, a.addition?.reason ?? null, a.inRun]),
    ).toEqual([
      ['a2', [1], null, true],
      ['a3', [], 'large housing estate, 3+ is misleading', true],
      ['a7', [0], null, true],
      ['x9', [], 'new development, not yet indexed', false],
    ]);
    expect(resolution.areas[3]).toMatchObject({ code: '0999', statusClass: null, dynamicsClass: null });
    expect(resolution.notSelected.map((a) => [a.areaId, a.reason, a.matchedClauses])).toEqual([
      ['a1', 'removed', [0]],
      ['a4', 'no-clause-matched', []],
      ['a5', 'no-clause-matched', []],
      ['a6', 'not-indexed', []],
    ]);
    expect(resolution.notSelected[0].removal?.reason).toBe('already funded by Sozialer Zusammenhalt');
  });

  it('keeps an addition of an area the rule already selects (both reasons shown)', () => {
    const resolution = resolveProgrammeAreas(rule, run2019, [
      { action: 'add', areaId: 'a2', code: '0102', reason: 'confirmed on site' },
    ]);
    expect(resolution.areas.find((a) => a.areaId === 'a2')).toMatchObject({
      matchedClauses: [1],
      addition: { reason: 'confirmed on site' },
    });
  });

  it('rejects changes without a reason, with a bad action, or twice for one area', () => {
    const bad = [
      { action: 'remove', areaId: 'a1', code: '0101', reason: ' ' },
      { action: 'add', areaId: 'a1', code: '0101', reason: 'again' },
      { action: 'move', areaId: 'a4', code: '', reason: 'x' },
    ] as unknown as ManualAreaChange[];
    let caught: unknown;
    try {
      resolveProgrammeAreas(rule, run2019, bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProgrammeError);
    expect((caught as ProgrammeError).code).toBe('InvalidAreaChanges');
    expect((caught as ProgrammeError).issues).toEqual([
      { path: 'changes.0.reason', reason: 'every manual removal needs a reason' },
      { path: 'changes.1.areaId', reason: 'area 0101 is already changed by changes.0 (remove)' },
      { path: 'changes.2.action', reason: 'must be "add" or "remove" (got "move")' },
      { path: 'changes.2.code', reason: 'is empty' },
    ]);
  });
});

describe('diffProgrammeAreas', () => {
  const stored = resolveProgrammeAreas(rule, run2019, changes);
  // 2021: a2 improved to status 2, a4 fell to 4, a7 moved to a new area version under a new id
  // with its code kept, a6 is now indexed (status 4), x9 still outside the run.
  const run2021: IndexRunResults = {
    runId: 'mss-2021',
    areaVersionId: 'lor-2021',
    areas: [
      area('a1', '0101', '4', '-'),
      area('a2', '0102', '2', '+/-'),
      area('a3', '0103', '3', '+'),
      area('a4', '0104', '4', '-'),
      area('a5', '0201', '4', '-', ['d02']),
      area('a6', '0105', '4', '+'),
      area('b7', '0106', '3', '-'),
    ],
  };
  const next = resolveProgrammeAreas(rule, run2021, changes);

  it('lists entering, leaving and staying areas with why', () => {
    const diff = diffProgrammeAreas(stored, next);
    expect(diff.fromRunId).toBe('mss-2019');
    expect(diff.toRunId).toBe('mss-2021');
    expect(diff.entering.map((e) => [e.area.areaId, e.why])).toEqual([
      ['a4', { code: 'matches-rule', message: 'status 4, dynamics - matches clause 1 of the rule' }],
      ['a6', { code: 'matches-rule', message: 'status 4, dynamics + matches clause 1 of the rule' }],
    ]);
    expect(diff.leaving.map((l) => [l.area.areaId, l.now?.statusClass, l.why])).toEqual([
      [
        'a2',
        '2',
        {
          code: 'no-clause-matched',
          message: 'status 3, dynamics - → status 2, dynamics +/-: no clause of the rule matches',
        },
      ],
    ]);
    expect(
      diff.staying.map((s) => [
        s.before.areaId,
        s.after.areaId,
        s.classesChanged,
        s.areaIdChanged,
        s.why.code,
      ]),
    ).toEqual([
      ['a3', 'a3', false, false, 'added-manually'],
      ['a7', 'b7', true, true, 'matches-rule'],
      ['x9', 'x9', false, false, 'added-manually'],
    ]);
    expect(diff.staying[1].why.message).toBe('status 3, dynamics - matches clause 2 of the rule');
  });

  it('explains leaving by a removal, by not being indexed, and by absence from the run', () => {
    const before = resolveProgrammeAreas(rule, run2019);
    const later: IndexRunResults = {
      runId: 'mss-2023',
      areas: [area('a1', '0101', '4', '-'), area('a2', '0102', null, null)],
    };
    const after = resolveProgrammeAreas(rule, later, [
      { action: 'remove', areaId: 'a1', code: '0101', reason: 'programme ended here' },
    ]);
    const diff = diffProgrammeAreas(before, after);
    expect(diff.leaving.map((l) => [l.area.areaId, l.why])).toEqual([
      ['a1', { code: 'removed-manually', message: 'removed manually: programme ended here' }],
      [
        'a2',
        {
          code: 'not-indexed',
          message: 'run mss-2023 left the area out of the index (too few inhabitants or an outlier)',
        },
      ],
      ['a7', { code: 'not-in-run', message: 'area 0106 is not part of run mss-2023' }],
    ]);
    expect(diff.entering).toEqual([]);
    expect(diff.staying).toEqual([]);
  });
});

describe('parseSelectionRule', () => {
  it('accepts a stored rule', () => {
    expect(parseSelectionRule(JSON.parse(JSON.stringify(rule)))).toEqual(rule);
  });

  it('names every problem with its path', () => {
    let caught: unknown;
    try {
      parseSelectionRule({
        version: 1,
        clauses: [{ level: 'Planungsraum' }, { statusClasses: [] }, { statusClasses: ['4'], colour: 'red' }],
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProgrammeError);
    expect((caught as ProgrammeError).code).toBe('InvalidSelectionRule');
    expect((caught as ProgrammeError).issues.map((i) => i.path)).toEqual([
      'clauses.0',
      'clauses.1.statusClasses',
      'clauses.2',
    ]);
    expect((caught as ProgrammeError).issues[0].reason).toBe(
      'a clause needs statusClasses or dynamicsClasses (otherwise it selects every area)',
    );
    expect((caught as ProgrammeError).issues[1].reason).toBe('must name at least one class');
    expect(() => parseSelectionRule({ version: 1, clauses: [] })).toThrow(
      'clauses: a rule needs at least one clause',
    );
    expect(() => parseSelectionRule({ clauses: [{ statusClasses: ['4'] }] })).toThrow(
      /^invalid selection rule:\nversion: /,
    );
  });
});
