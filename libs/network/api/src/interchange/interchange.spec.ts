import { parseCsvEdges, parseCsvNodes } from './csv-format';
import { toCsvEdges, toCsvNodes, toGexf, toGraphml, type ExportActor } from './export-formats';
import { planImport, type PlanContext } from './import-plan';
import { ImportIssues, MAX_ISSUES, parseGexf, parseGraphml, type RawGraph } from '@quartier/network-core';

const context = (actors: PlanContext['actors'] = []): PlanContext => ({
  networkDirected: false,
  actors,
  resolveArea: (value) =>
    ({
      '01011101': 'area-1',
      '00000000-0000-0000-0000-000000000001': '00000000-0000-0000-0000-000000000001',
    })[value],
});

describe('CSV reading', () => {
  it('reads actors with file line numbers, semicolons (German spreadsheets) and a BOM', () => {
    const issues = new ImportIssues();
    const nodes = parseCsvNodes(
      '\uFEFFID;Name;Sektor\n\na;Kita;welfare\nb;"Verein; e. V.";\n',
      'a.csv',
      issues,
    );
    expect(issues.list).toEqual([]);
    expect(nodes).toEqual([
      { file: 'a.csv', line: 3, id: 'a', attributes: { name: 'Kita', sektor: 'welfare' } },
      { file: 'a.csv', line: 4, id: 'b', attributes: { name: 'Verein; e. V.' } },
    ]);
  });

  it('reports a missing id column, empty ids and bad direction values with their lines and codes', () => {
    const issues = new ImportIssues();
    expect(parseCsvNodes('name\nx', 'a.csv', issues)).toEqual([]);
    parseCsvNodes('id,name\n,x', 'b.csv', issues);
    const edges = parseCsvEdges('source,target,directed\na,b,ja\na,c,vielleicht\n,c,', 'e.csv', issues);
    expect(edges).toEqual([
      { file: 'e.csv', line: 2, source: 'a', target: 'b', directed: true, attributes: {} },
    ]);
    expect(issues.list).toEqual([
      {
        file: 'a.csv',
        line: 1,
        code: 'MissingColumns',
        params: { columns: 'id' },
        message: 'missing column(s) id (header: name)',
      },
      { file: 'b.csv', line: 2, code: 'NodeWithoutId', params: {}, message: 'empty id' },
      {
        file: 'e.csv',
        line: 3,
        code: 'NotBoolean',
        params: { column: 'directed', value: 'vielleicht' },
        message: 'directed "vielleicht" is not true/false',
      },
      { file: 'e.csv', line: 4, code: 'EdgeWithoutEnds', params: {}, message: 'empty source or target' },
    ]);
  });

  it('stops collecting after the maximum number of problems', () => {
    const issues = new ImportIssues();
    parseCsvNodes(
      ['id,name', ...Array.from({ length: MAX_ISSUES + 20 }, () => ',x')].join('\n'),
      'a.csv',
      issues,
    );
    for (let i = 0; i < 5; i++) issues.add('a.csv', 1, 'NodeWithoutId', 'more');
    expect(issues.list).toHaveLength(MAX_ISSUES);
    expect(issues.truncated).toBe(true);
  });
});

describe('GEXF and GraphML reading', () => {
  it('reads GEXF attributes by title, labels as names, per-edge direction and kind', () => {
    const issues = new ImportIssues();
    const graph = parseGexf(
      `<gexf xmlns:viz="http://gexf.net/1.3/viz"><graph defaultedgetype="directed">
        <attributes class="node"><attribute id="s" title="Sector"/></attributes>
        <nodes>
          <node id="1" label="A &amp; B"><attvalues><attvalue for="s" value="welfare"/></attvalues><viz:position x="1" y="2"/></node>
          <node id="2" label="C"/>
        </nodes>
        <edges><edge source="1" target="2" weight="2.5" kind="referral" type="undirected"/><edge source="2" target="1"/></edges>
      </graph></gexf>`,
      'g.gexf',
      issues,
    );
    expect(issues.list).toEqual([]);
    expect(graph).toEqual({
      directed: true,
      nodes: [
        { file: 'g.gexf', line: 4, id: '1', attributes: { name: 'A & B', sector: 'welfare' } },
        { file: 'g.gexf', line: 5, id: '2', attributes: { name: 'C' } },
      ],
      edges: [
        {
          file: 'g.gexf',
          line: 7,
          source: '1',
          target: '2',
          directed: false,
          attributes: { weight: '2.5', kind: 'referral' },
        },
        { file: 'g.gexf', line: 7, source: '2', target: '1', directed: null, attributes: {} },
      ],
    });
  });

  it('reads GraphML data by key name and reports undeclared keys, wrong roots and broken XML', () => {
    const issues = new ImportIssues();
    const graph = parseGraphml(
      '<graphml>\n<key id="k" for="node" attr.name="label"/>\n<graph edgedefault="undirected">\n<node id="a"><data key="k">Kita</data><data key="z">?</data></node>\n<edge source="a" target="b" directed="true"/>\n</graph></graphml>',
      'g.graphml',
      issues,
    );
    expect(graph.nodes).toEqual([{ file: 'g.graphml', line: 4, id: 'a', attributes: { name: 'Kita' } }]);
    expect(graph.edges).toEqual([
      { file: 'g.graphml', line: 5, source: 'a', target: 'b', directed: true, attributes: {} },
    ]);
    expect(issues.list).toEqual([
      {
        file: 'g.graphml',
        line: 4,
        code: 'UndeclaredAttribute',
        params: { key: 'z' },
        message: 'data for undeclared key "z"',
      },
    ]);
    const other = new ImportIssues();
    parseGraphml('<gexf/>', 'x.graphml', other);
    parseGexf('<gexf>\n<graph>\n</gexf>', 'y.gexf', other);
    expect(other.list).toEqual([
      {
        file: 'x.graphml',
        line: 1,
        code: 'WrongDocument',
        params: { format: 'GraphML' },
        message: 'not a GraphML document (root element <graphml> missing)',
      },
      {
        file: 'y.gexf',
        line: 3,
        code: 'NotWellFormed',
        params: {},
        message: expect.stringContaining('not well-formed XML'),
      },
    ]);
  });
});

describe('import plan', () => {
  const raw = (
    nodes: RawGraph['nodes'],
    edges: RawGraph['edges'],
    directed: boolean | null = null,
  ): RawGraph => ({ directed, nodes, edges });
  const node = (id: string, attributes: Record<string, string>, line = 2) => ({
    file: 'n.csv',
    line,
    id,
    attributes,
  });
  const edge = (
    source: string,
    target: string,
    attributes: Record<string, string> = {},
    line = 2,
    directed: boolean | null = null,
  ) => ({ file: 'e.csv', line, source, target, directed, attributes });

  it('maps German words, areas by code, offerings and contact, and privacy by default for persons', () => {
    const issues = new ImportIssues();
    const plan = planImport(
      raw(
        [
          node('a', {
            name: 'Frau K.',
            kind: 'Person',
            sector: 'Bewohnerschaft',
            area: '01011101',
            offerings: 'Räume: Hof; know-how: Sprachmittlung',
            contact_email: 'k@example.org',
            lon: '13.4',
            lat: '52.5',
          }),
        ],
        [],
      ),
      context(),
      issues,
    );
    expect(issues.list).toEqual([]);
    expect(plan.actors).toEqual([
      {
        key: 'a',
        file: 'n.csv',
        line: 2,
        existingId: null,
        fields: {
          externalId: 'a',
          name: 'Frau K.',
          kind: 'person',
          sector: 'residents',
          areaId: 'area-1',
          offerings: [
            { type: 'rooms', description: 'Hof' },
            { type: 'know-how', description: 'Sprachmittlung' },
          ],
          contact: { email: 'k@example.org' },
          point: { lon: 13.4, lat: 52.5 },
        },
      },
    ]);
  });

  it('matches existing actors by id or external id and links ties to them', () => {
    const issues = new ImportIssues();
    const plan = planImport(
      raw(
        [node('ext-7', { field: 'Jugend' })],
        [
          edge('ext-7', 'uuid-2', { type: 'Vermittlung', weight: '2' }),
          edge('uuid-2', 'ext-7', { type: 'cooperation' }, 3, true),
        ],
      ),
      context([
        { id: 'uuid-1', externalId: 'ext-7' },
        { id: 'uuid-2', externalId: null },
      ]),
      issues,
    );
    expect(issues.list).toEqual([]);
    expect(plan.actors).toEqual([
      { key: 'ext-7', file: 'n.csv', line: 2, existingId: 'uuid-1', fields: { field: 'Jugend' } },
    ]);
    expect(plan.ties.map((t) => [t.source, t.target, t.type, t.weight, t.directed])).toEqual([
      ['actor:uuid-1', 'actor:uuid-2', 'referral', 2, false],
      ['actor:uuid-2', 'actor:uuid-1', 'cooperation', 1, true],
    ]);
  });

  it('in strict mode reports every invalid value, unknown actors, self-ties and repeated ties (also reversed undirected ones)', () => {
    const issues = new ImportIssues();
    planImport(
      raw(
        [
          node('a', { name: 'A', sector: 'kirche', area: '99', lon: '13,4', lat: '52.5' }, 2),
          node('b', { name: 'B' }, 3),
          node('b', { name: 'B2' }, 4),
          node('c', {}, 5),
          node('d', { name: 'D', offerings: 'Sofa', pseudonymised: 'vielleicht' }, 6),
        ],
        // Ties of the invalid actors a and d are not reported again (lines 5 and 9).
        [
          edge('b', 'zz', {}, 2),
          edge('b', 'b', {}, 3),
          edge('b', 'e', {}, 4),
          edge('a', 'b', {}, 5),
          edge('e', 'b', { weight: '0' }, 6),
          edge('e', 'b', { type: 'gossip' }, 7),
          edge('e', 'b', {}, 8),
          edge('d', 'e', {}, 9),
        ],
      ),
      {
        ...context([{ id: 'uuid-e', externalId: 'e' }]),
        ties: { parallelTies: 'strict', selfTies: 'strict' },
      },
      issues,
    );
    expect(issues.list.map((i) => `${i.file}:${i.line} ${i.message.split(' (')[0].split(';')[0]}`)).toEqual([
      'n.csv:2 sector "kirche" is not one of public-administration, welfare, civil-society, business, residents',
      'n.csv:2 area "99" is not an area',
      'n.csv:2 lon/lat "13,4"/"52.5" is not a WGS84 position',
      'n.csv:4 actor id "b" appears twice',
      'n.csv:5 new actor "c" needs a name',
      'n.csv:6 offering "Sofa" is not "type: description" with a type of rooms, services, know-how, equipment, volunteers, funding, other',
      'n.csv:6 pseudonymised "vielleicht" is not true/false',
      'e.csv:2 tie names unknown actor "zz"',
      'e.csv:6 weight "0" must be a positive number',
      'e.csv:7 tie type "gossip" is not one of cooperation, information, referral, resources, funding',
      'e.csv:3 tie from "b" to itself',
      'e.csv:8 tie e–b',
    ]);
  });
});

describe('unsafe text in uploads', () => {
  it('refuses rows with NUL characters, naming file, line and column, and writes none of them', () => {
    const issues = new ImportIssues();
    const nodes = parseCsvNodes(
      'id,name,field\na,Kita,Familie\nb,Ki\u0000ta,x\nc,Treff,Ju\u0000gend\n',
      'n.csv',
      issues,
    );
    const edges = parseCsvEdges('source,target\na,b\na\u0000,c\n', 'e.csv', issues);
    const plan = planImport({ directed: null, nodes, edges }, context(), issues);
    expect(issues.list.map((i) => `${i.file}:${i.line} ${i.message}`)).toEqual([
      'n.csv:3 column name: contains a NUL character (U+0000), which cannot be stored',
      'n.csv:4 column field: contains a NUL character (U+0000), which cannot be stored',
      'e.csv:3 column source: contains a NUL character (U+0000), which cannot be stored',
    ]);
    expect(plan.actors.map((a) => a.key)).toEqual(['a']);
  });

  it('refuses names with bidirectional controls and names longer than the API allows', () => {
    const issues = new ImportIssues();
    const nodes = parseCsvNodes(
      `id,name\na,Kita \u202eetiM\nb,${'x'.repeat(201)}\nc,مركز\u200f\n`,
      'n.csv',
      issues,
    );
    const plan = planImport({ directed: null, nodes, edges: [] }, context(), issues);
    expect(issues.list.map((i) => `${i.line} ${i.message}`)).toEqual([
      '2 name contains a bidirectional control character (U+202A–U+202E, U+2066–U+2069)',
      '3 name must have 1 to 200 characters',
    ]);
    expect(plan.actors.map((a) => a.key)).toEqual(['c']);
  });
});

describe('export formats', () => {
  const actors: ExportActor[] = [
    {
      id: 'a',
      name: 'Kita "Sonne" & Co',
      kind: 'organisation',
      sector: 'welfare',
      field: 'Familie',
      area: '01011101',
      address: null,
      point: { lon: 13.4, lat: 52.5 },
      offerings: [{ type: 'rooms', description: 'Saal; Küche' }],
      contact: { email: 'k@example.org' },
      pseudonymised: false,
    },
    {
      id: 'b',
      name: 'Akteur X2Y3Z4',
      kind: 'person',
      sector: null,
      field: null,
      area: null,
      address: null,
      point: null,
      offerings: [],
      contact: null,
      pseudonymised: true,
    },
  ];
  const ties = [{ source: 'a', target: 'b', directed: false, type: 'cooperation', weight: 2 }];

  it('writes CSV that the CSV reader and the planner read back to the same values', () => {
    const issues = new ImportIssues();
    const nodes = parseCsvNodes(toCsvNodes(actors), 'n.csv', issues);
    const edges = parseCsvEdges(toCsvEdges(ties), 'e.csv', issues);
    const plan = planImport({ directed: null, nodes, edges }, context(), issues);
    expect(issues.list).toEqual([]);
    expect(plan.actors[0].fields).toMatchObject({
      name: 'Kita "Sonne" & Co',
      offerings: [{ type: 'rooms', description: 'Saal, Küche' }],
      areaId: 'area-1',
      point: { lon: 13.4, lat: 52.5 },
    });
    expect(plan.actors[1].fields).toMatchObject({ kind: 'person', pseudonymised: true });
    expect(plan.ties).toEqual([
      expect.objectContaining({
        source: 'key:a',
        target: 'key:b',
        type: 'cooperation',
        weight: 2,
        directed: false,
      }),
    ]);
  });

  it('neutralises formula cells in both CSV files and reads its own export back unchanged', () => {
    const hostile: ExportActor[] = [
      { ...actors[0], id: '=cmd', name: '=HYPERLINK("http://x.example","klick")', field: '@SUM(A1)' },
      { ...actors[1], id: '-2', name: '+49 30 1234' },
    ];
    const hostileTies = [{ source: '=cmd', target: '-2', directed: false, type: 'cooperation', weight: 2 }];
    const nodesCsv = toCsvNodes(hostile);
    const edgesCsv = toCsvEdges(hostileTies);
    const cells = (csv: string) => csv.split('\n').slice(1).join(',').split(',');
    for (const cell of [...cells(nodesCsv), ...cells(edgesCsv)])
      expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@]|^-(?!\d+$)/);
    expect(nodesCsv).toContain(`"'=HYPERLINK(""http://x.example"",""klick"")"`);
    expect(edgesCsv.split('\n')[1]).toBe("'=cmd,-2,cooperation,2,false");
    const issues = new ImportIssues();
    const nodes = parseCsvNodes(nodesCsv, 'n.csv', issues);
    const edges = parseCsvEdges(edgesCsv, 'e.csv', issues);
    expect(nodes.map((n) => [n.id, n.attributes['name'], n.attributes['field']])).toEqual([
      ['=cmd', '=HYPERLINK("http://x.example","klick")', '@SUM(A1)'],
      ['-2', '+49 30 1234', undefined],
    ]);
    expect(edges.map((e) => [e.source, e.target])).toEqual([['=cmd', '-2']]);
  });

  it('writes GEXF and GraphML with escaped text that read back to the same graph', () => {
    for (const [text, parse] of [
      [toGexf(actors, ties, { directed: false, description: 'Test <1>' }), parseGexf],
      [toGraphml(actors, ties, { directed: false }), parseGraphml],
    ] as const) {
      const issues = new ImportIssues();
      const graph = parse(text, 'x', issues);
      expect(issues.list).toEqual([]);
      expect(graph.nodes.map((n) => [n.id, n.attributes['name'], n.attributes['sector']])).toEqual([
        ['a', 'Kita "Sonne" & Co', 'welfare'],
        ['b', 'Akteur X2Y3Z4', undefined],
      ]);
      expect(
        graph.edges.map((e) => [
          e.source,
          e.target,
          e.directed,
          e.attributes['type'],
          e.attributes['weight'],
        ]),
      ).toEqual([['a', 'b', false, 'cooperation', '2']]);
    }
  });

  // XML 1.0 has no way to write a form feed: one pasted into a name made the whole export
  // unreadable for Gephi (and for our own import).
  it('writes a control character in a name as a space, so the file stays well-formed', () => {
    const named = actors.map((a, i) => (i === 0 ? { ...a, name: 'Kita\fSonne\u0007' } : a));
    for (const [text, parse] of [
      [toGexf(named, ties, { directed: false, description: 'Test\u000b' }), parseGexf],
      [toGraphml(named, ties, { directed: false }), parseGraphml],
    ] as const) {
      const issues = new ImportIssues();
      const graph = parse(text, 'x', issues);
      expect(issues.list).toEqual([]);
      expect(graph.nodes[0]?.attributes['name']?.trim()).toBe('Kita Sonne');
    }
  });
});
