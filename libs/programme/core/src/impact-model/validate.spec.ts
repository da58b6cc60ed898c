import { ProgrammeError } from '../programme-error';
import { languageCafeModel } from './fixtures';
import { parseImpactModel, validateImpactModel } from './validate';

function issues(input: unknown): { path: string; reason: string }[] {
  try {
    parseImpactModel(input);
  } catch (error) {
    if (error instanceof ProgrammeError && error.code === 'InvalidImpactModel') return [...error.issues];
    throw error;
  }
  throw new Error('expected the model to be refused');
}

/** The fixture as plain JSON, to break on purpose. */
interface Loose {
  nodes: Record<string, unknown>[];
  edges: { from: string; to: string }[];
  [key: string]: unknown;
}
const mutable = () => JSON.parse(JSON.stringify(languageCafeModel())) as Loose;

describe('parseImpactModel', () => {
  it('accepts a complete model and keeps it as it is', () => {
    expect(parseImpactModel(languageCafeModel())).toEqual(languageCafeModel());
  });

  it('fills in an activity’s step 1, an input’s null step and empty lists', () => {
    const model = parseImpactModel({
      id: 'm',
      title: 'Minimal',
      nodes: [
        { id: 'i', type: 'input', title: 'Geld' },
        { id: 'a', type: 'activity', title: 'Kurs' },
      ],
      edges: [{ from: 'i', to: 'a' }],
    });
    expect(model.nodes).toEqual([
      { id: 'i', type: 'input', step: null, title: 'Geld', assumptions: [], risks: [], bindings: [] },
      { id: 'a', type: 'activity', step: 1, title: 'Kurs', assumptions: [], risks: [], bindings: [] },
    ]);
  });

  it('defaults an indicator binding’s areas to the programme areas', () => {
    const model = mutable();
    delete (model.nodes[6]['bindings'] as { source: Record<string, unknown> }[])[0].source['areas'];
    expect(parseImpactModel(model).nodes[6].bindings[0].source).toEqual({
      kind: 'indicator',
      indicatorCode: 'S4',
      areas: { kind: 'programme-areas' },
    });
  });

  it('names nodes standing on the wrong step for their type', () => {
    const model = mutable();
    model.nodes[0]['step'] = 1;
    model.nodes[2]['step'] = 5;
    model.nodes[6]['step'] = 6;
    expect(issues(model)).toEqual([
      { path: 'nodes.0.step', reason: 'node "i1": an input stands on no step of the Wirkungstreppe (got 1)' },
      { path: 'nodes.2.step', reason: 'node "o1": an output stands on steps 1–3 (got 5)' },
      { path: 'nodes.6.step', reason: 'node "m1": an impact stands on step 7 (got 6)' },
      // o1 (now step 5) → o2 (step 3) no longer climbs.
      {
        path: 'edges.2',
        reason: 'edge o1 → o2: between two outputs the edge must climb the Wirkungstreppe (step 5 → 3)',
      },
    ]);
  });

  it('allows evidence only on outcome and impact nodes', () => {
    const model = mutable();
    model.nodes[2]['bindings'] = (model.nodes[4]['bindings'] as unknown[]).map((b) => ({
      ...(b as object),
      id: 'b-x',
    }));
    expect(issues(model)).toEqual([
      {
        path: 'nodes.2.bindings',
        reason: 'node "o1": evidence can only be bound to outcome and impact nodes, not to an output',
      },
    ]);
  });

  it('refuses edges that run backwards, skip a level, loop, repeat or name no node', () => {
    const model = mutable();
    model.edges.push(
      { from: 'c2', to: 'c1' }, // closes a cycle c1 → c2 → c1
      { from: 'a1', to: 'c1' },
      { from: 'm1', to: 'm1' },
      { from: 'a1', to: 'o1' },
      { from: 'o2', to: 'ghost' },
      { from: 'a1', to: 'a1x' },
    );
    expect(issues(model)).toEqual([
      {
        path: 'edges.6',
        reason: 'edge c2 → c1: between two outcomes the edge must climb the Wirkungstreppe (step 5 → 4)',
      },
      {
        path: 'edges.7',
        reason:
          'edge a1 → c1: activity → outcome skips a level (edges run input → activity → output → outcome → impact)',
      },
      { path: 'edges.8', reason: 'edge m1 → m1: a node cannot lead to itself' },
      { path: 'edges.9', reason: 'edge a1 → o1 occurs twice' },
      { path: 'edges.10.to', reason: 'edge o2 → ghost: no node "ghost"' },
      { path: 'edges.11.to', reason: 'edge a1 → a1x: no node "a1x"' },
    ]);
  });

  it('refuses an edge from an outcome back to an output', () => {
    const model = mutable();
    model.edges.push({ from: 'c1', to: 'o2' });
    expect(issues(model)).toEqual([
      {
        path: 'edges.6',
        reason:
          'edge c1 → o2: outcome → output runs backwards (edges run input → activity → output → outcome → impact)',
      },
    ]);
  });

  it('refuses duplicate node and binding ids', () => {
    const model = mutable();
    model.nodes[3]['id'] = 'o1';
    (model.nodes[5]['bindings'] as { id: string }[])[0].id = 'b-survey';
    expect(issues(model)).toEqual([
      { path: 'nodes.3.id', reason: 'node "o1" occurs twice' },
      { path: 'nodes.5.bindings.0.id', reason: 'binding "b-survey" is already used at nodes.4.bindings.0' },
      // The renamed node leaves its edges dangling.
      { path: 'edges.2.to', reason: 'edge o1 → o2: no node "o2"' },
      { path: 'edges.3.from', reason: 'edge o2 → c1: no node "o2"' },
    ]);
  });

  it('names malformed fields of bindings by path', () => {
    const model = mutable();
    const survey = (model.nodes[4]['bindings'] as Record<string, Record<string, unknown>>[])[0];
    survey['target']['date'] = '2027-02-30';
    survey['source']['measure'] = { kind: 'share', options: [] };
    survey['polarity'] = 'up' as never;
    const network = (model.nodes[5]['bindings'] as Record<string, Record<string, unknown>>[])[0];
    network['baseline']['value'] = Infinity;
    network['source']['measure'] = { kind: 'actors', metric: 'degree', actorIds: [] };
    model.nodes[1]['colour'] = 'red';
    expect(issues(model).map((i) => `${i.path}: ${i.reason}`)).toEqual([
      'nodes.1: Unrecognized key: "colour"',
      'nodes.4.bindings.0.source.measure.options: must name at least one option',
      'nodes.4.bindings.0.target.date: is not a calendar date',
      'nodes.4.bindings.0.polarity: Invalid option: expected one of "higher-is-better"|"lower-is-better"',
      'nodes.5.bindings.0.source.measure.actorIds: must name at least one id',
      'nodes.5.bindings.0.baseline.value: Invalid input: expected number, received Infinity',
    ]);
  });

  it('takes a baseline period only in the platform’s period grammar, as the IATI export dates it', () => {
    const model = mutable();
    const baselineOf = (node: number) =>
      (model.nodes[node]['bindings'] as Record<string, Record<string, unknown>>[])[0]['baseline'];
    baselineOf(4)['period'] = '2019/20';
    baselineOf(5)['period'] = '2025-W53';
    baselineOf(6)['period'] = ' ';
    expect(issues(model).map((i) => `${i.path}: ${i.reason}`)).toEqual([
      'nodes.4.bindings.0.baseline.period: "2019/20" is not a period (YYYY, YYYYH1, YYYYQ1, YYYY-MM, YYYY-Www, YYYY-MM-DD or YYYY-MM-DD/P1Y)',
      'nodes.5.bindings.0.baseline.period: "2025-W53" is not a period: its year has no such day or ISO week',
      'nodes.6.bindings.0.baseline.period: "" is not a period (YYYY, YYYYH1, YYYYQ1, YYYY-MM, YYYY-Www, YYYY-MM-DD or YYYY-MM-DD/P1Y)',
    ]);
    // Months, ISO weeks (2020 had 53), spans; surrounding blanks are dropped as before.
    baselineOf(4)['period'] = '2024-05';
    baselineOf(5)['period'] = '2020-W53';
    baselineOf(6)['period'] = ' 2024-04-01/P1Y ';
    expect(parseImpactModel(model).nodes.flatMap((n) => n.bindings.map((b) => b.baseline.period))).toEqual([
      '2024-05',
      '2020-W53',
      '2024-04-01/P1Y',
    ]);
  });

  it('needs an id, a title and node and edge lists', () => {
    expect(issues({ id: ' ', nodes: [] }).map((i) => i.path)).toEqual(['id', 'title', 'edges']);
    expect(issues(null)).toEqual([
      { path: '(model)', reason: 'Invalid input: expected object, received null' },
    ]);
  });
});

describe('validateImpactModel warnings', () => {
  it('warns about outcomes without evidence and targets that equal or oppose the baseline', () => {
    const model = mutable();
    model.nodes[5]['bindings'] = [];
    const bindings = model.nodes[6]['bindings'] as Record<string, Record<string, unknown>>[];
    bindings.push({ ...bindings[0], id: 'b-s1' } as never, { ...bindings[0], id: 'b-s3' } as never);
    bindings[1]['target'] = { value: 48.2, date: '2029-12-31' };
    bindings[2]['target'] = { value: 50, date: '2029-12-31' };
    const result = validateImpactModel(parseImpactModel(model));
    expect(result.errors).toEqual([]);
    expect(result.warnings.map(({ path, reason, code }) => ({ path, reason, code }))).toEqual([
      { path: 'nodes.5.bindings', reason: 'node "c2": no evidence bound yet', code: 'no-evidence' },
      {
        path: 'nodes.6.bindings.1.target.value',
        reason: 'node "m1": the target equals the baseline',
        code: 'target-equals-baseline',
      },
      {
        path: 'nodes.6.bindings.2.target.value',
        reason: 'node "m1": the target 50 lies on the worse side of the baseline 48.2 (lower-is-better)',
        code: 'target-against-polarity',
      },
    ]);
    expect(result.warnings[2].params).toMatchObject({ target: 50, baseline: 48.2 });
  });

  it('warns that a measure of chosen actors gets no actual value', () => {
    const model = mutable();
    const bindings = model.nodes[6]['bindings'] as Record<string, unknown>[];
    bindings[0] = {
      ...bindings[0],
      source: {
        kind: 'network',
        networkId: 'n1',
        measure: { kind: 'actors', metric: 'degree', actorIds: ['a1'] },
      },
    };
    const { warnings } = validateImpactModel(parseImpactModel(model));
    expect(warnings.find((w) => w.code === 'actors-not-published')).toMatchObject({
      path: 'nodes.6.bindings.0.source.measure',
    });
  });
});
