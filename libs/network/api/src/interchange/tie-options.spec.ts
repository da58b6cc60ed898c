import { planImport, type PlanContext, type TieOptions } from './import-plan';
import { ImportIssues, parseGexf } from '@quartier/network-core';

const context = (ties?: TieOptions): PlanContext => ({
  networkDirected: false,
  actors: [],
  resolveArea: () => undefined,
  ...(ties ? { ties } : {}),
});

const GEXF = `<gexf version="1.3"><graph defaultedgetype="undirected">
  <attributes class="edge"><attribute id="0" title="Relation" type="string"/></attributes>
  <nodes><node id="a" label="A"/><node id="b" label="B"/><node id="c" label="C"/></nodes>
  <edges>
    <edge id="1" source="a" target="b" label="Nice edge" weight="2"/>
    <edge id="2" source="b" target="a" label="likes" weight="3"/>
    <edge id="3" source="a" target="a" label="self"/>
    <edge id="4" source="a" target="c"><attvalues><attvalue for="0" value="Geld"/></attvalues></edge>
    <edge id="5" source="c" target="a"/>
  </edges>
</graph></gexf>`;

function plan(ties?: TieOptions) {
  const issues = new ImportIssues();
  const result = planImport(parseGexf(GEXF, 'n.gexf', issues), context(ties), issues);
  return { result, issues: issues.list.map((i) => `${i.line}: ${i.message}`) };
}

describe('ties of real files: labels, types, parallel ties and self-ties', () => {
  it('keeps edge labels as labels, sums parallel ties and drops self-ties by default', () => {
    const { result, issues } = plan();
    expect(issues).toEqual([]);
    expect(result.ties.map((t) => [t.source, t.target, t.type, t.weight, t.attributes])).toEqual([
      ['key:a', 'key:b', 'cooperation', 5, { label: 'Nice edge' }],
      ['key:a', 'key:c', 'cooperation', 2, { relation: 'Geld' }],
    ]);
    expect(result).toMatchObject({ parallelTiesMerged: 2, selfTiesDropped: 1 });
  });

  it('takes the type from the attribute and mapping the person chose; unmapped values are named', () => {
    const mapped = plan({
      parallelTies: 'max',
      selfTies: 'drop',
      typeAttribute: 'Relation',
      typeValues: { Geld: 'funding' },
    });
    expect(mapped.issues).toEqual([]);
    expect(mapped.result.ties.map((t) => [t.target, t.type, t.weight])).toEqual([
      ['key:b', 'cooperation', 3],
      ['key:c', 'funding', 1],
      ['key:a', 'cooperation', 1],
    ]);
    const byLabel = plan({ parallelTies: 'first', selfTies: 'drop', typeAttribute: 'label' });
    expect(byLabel.issues[0]).toBe(
      '5: tie type "Nice edge" is not one of cooperation, information, referral, resources, funding; map the values of "label" to these in the import',
    );
  });

  it('refuses repeated ties and self-ties in strict mode with their lines', () => {
    expect(plan({ parallelTies: 'strict', selfTies: 'strict' }).issues).toEqual([
      '6: tie b–a (cooperation) repeats an earlier row',
      '7: tie from "a" to itself',
      '9: tie c–a (cooperation) repeats an earlier row',
    ]);
  });
});
