import type { ServiceTestApp } from '@quartier/service-kit';
import {
  type Body,
  countRows,
  createNetwork,
  startNetworkTestApp,
  uploadFiles,
} from '../testing/network-test-app';

describe('network service (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);
  const upload = (path: string, user: string, files: Record<string, { name: string; content: string }>) =>
    uploadFiles(t, path, user, files);
  const count = (sql: string, params: unknown[]) => countRows(t, sql, params);
  const newNetwork = (name: string, areaCode?: string, user?: string) =>
    createNetwork(t, ids, name, areaCode, user);

  beforeAll(async () => {
    ({ t, ids } = await startNetworkTestApp());
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('imports and exports', () => {
    const nodesCsv = [
      'id,name,kind,sector,field,area,lon,lat,offerings,contact_email,pseudonymised',
      'a,Nachbarschaftshaus,organisation,welfare,Nachbarschaft,01011101,13.34,52.50,rooms: Saal; services: Beratung,info@nbh.example.org,false',
      'b,Sportverein,organisation,Zivilgesellschaft,Sport,01011102,,,,,',
      'c,Bezirksamt,organisation,public-administration,Planung,01,,,,,',
      'd,Frau M.,person,residents,Nachbarschaft,,,,,,',
    ].join('\n');
    const edgesCsv = [
      'source,target,type,weight',
      'a,b,cooperation,2',
      'a,c,information,1',
      'b,c,Kooperation,1.5',
    ].join('\n');

    it('imports CSV actors and ties into a wave', async () => {
      const { networkId, waveId } = await newNetwork('CSV-Import');
      const result = await upload(
        `/api/network/networks/${networkId}/waves/${waveId}/imports?format=csv`,
        'planer',
        {
          nodes: { name: 'akteure.csv', content: nodesCsv },
          edges: { name: 'beziehungen.csv', content: edgesCsv },
        },
      );
      expect(result).toMatchObject({
        status: 201,
        body: { actorsCreated: 4, actorsUpdated: 0, tiesCreated: 3, waveActors: 4, waveTies: 3 },
      });
      const actors = (await call('GET', `/api/network/networks/${networkId}/actors`, 'admin')).body.items;
      const nbh = actors.find((a: { name: string }) => a.name === 'Nachbarschaftshaus');
      expect(nbh).toMatchObject({
        externalId: 'a',
        sector: 'welfare',
        areaId: ids['01011101'],
        point: { lon: 13.34, lat: 52.5 },
        offerings: [
          { type: 'rooms', description: 'Saal' },
          { type: 'services', description: 'Beratung' },
        ],
      });
      expect(actors.find((a: { name: string }) => a.name === 'Sportverein').sector).toBe('civil-society');
      expect(actors.find((a: { name: string }) => a.name === 'Frau M.').pseudonymised).toBe(true);
      // Importing the same files again updates instead of duplicating.
      const again = await upload(
        `/api/network/networks/${networkId}/waves/${waveId}/imports?format=csv`,
        'planer',
        {
          nodes: { name: 'akteure.csv', content: nodesCsv },
          edges: { name: 'beziehungen.csv', content: edgesCsv },
        },
      );
      expect(again.body).toMatchObject({
        actorsCreated: 0,
        actorsUpdated: 4,
        tiesCreated: 0,
        tiesUpdated: 3,
      });
    });

    it('rejects a CSV upload with bad rows as a whole, naming file and line of every problem', async () => {
      const { networkId, waveId } = await newNetwork('CSV-Fehler');
      const badNodes = [...nodesCsv.split('\n'), 'e,Verein X,organisation,kirche,,99999999,,,,,'].join('\n');
      const badEdges = [
        ...edgesCsv.split('\n'),
        'a,zz,cooperation,1',
        'b,d,cooperation,1,5',
        'c,d,cooperation,-1',
      ].join('\n');
      const result = await upload(
        `/api/network/networks/${networkId}/waves/${waveId}/imports?format=csv`,
        'planer',
        {
          nodes: { name: 'akteure.csv', content: badNodes },
          edges: { name: 'beziehungen.csv', content: badEdges },
        },
      );
      expect(result.status).toBe(422);
      expect(result.body.code).toBe('InvalidImport');
      const errors = result.body.details.errors as { file: string; line: number; message: string }[];
      expect(errors).toEqual(
        expect.arrayContaining([
          {
            file: 'akteure.csv',
            line: 6,
            code: 'InvalidSector',
            params: { value: 'kirche' },
            message: expect.stringContaining('sector "kirche"'),
          },
          {
            file: 'akteure.csv',
            line: 6,
            code: 'UnknownArea',
            params: { value: '99999999' },
            message: expect.stringContaining('area "99999999"'),
          },
        ]),
      );
      expect(await count(`actor WHERE network_id = $1`, [networkId])).toBe(0);
      expect(await count(`tie WHERE network_id = $1`, [networkId])).toBe(0);
      // With valid actors, the ties file's own problems come with their lines.
      const edgesOnly = await upload(
        `/api/network/networks/${networkId}/waves/${waveId}/imports?format=csv`,
        'planer',
        {
          nodes: { name: 'akteure.csv', content: nodesCsv },
          edges: {
            name: 'beziehungen.csv',
            content: [
              ...edgesCsv.split('\n'),
              'a,zz,cooperation,1',
              'c,d,cooperation,-1',
              'a,b,cooperation,4',
            ].join('\n'),
          },
        },
      );
      expect(edgesOnly.body.details.errors).toEqual([
        {
          file: 'beziehungen.csv',
          line: 5,
          code: 'UnknownActor',
          params: { id: 'zz' },
          message: expect.stringContaining('unknown actor "zz"'),
        },
        {
          file: 'beziehungen.csv',
          line: 6,
          code: 'InvalidWeight',
          params: { value: '-1' },
          message: expect.stringContaining('weight "-1"'),
        },
        {
          file: 'beziehungen.csv',
          line: 7,
          code: 'ParallelTie',
          params: { source: 'a', target: 'b' },
          message: expect.stringContaining('repeats an earlier row'),
        },
      ]);
      expect(await count(`actor WHERE network_id = $1`, [networkId])).toBe(0);
    });

    const gexf = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <attributes class="node">
      <attribute id="0" title="sector" type="string"/>
      <attribute id="1" title="area" type="string"/>
    </attributes>
    <nodes>
      <node id="n1" label="Kita Sonnenblume"><attvalues><attvalue for="0" value="welfare"/><attvalue for="1" value="01011101"/></attvalues></node>
      <node id="n2" label="Moscheeverein"><attvalues><attvalue for="0" value="civil-society"/></attvalues></node>
      <node id="n3" label="Jobcenter"><attvalues><attvalue for="0" value="public-administration"/></attvalues></node>
    </nodes>
    <edges>
      <edge id="0" source="n1" target="n2" weight="2" kind="cooperation"/>
      <edge id="1" source="n2" target="n3" type="directed" kind="referral"/>
    </edges>
  </graph>
</gexf>`;

    it('imports GEXF and rejects a bad GEXF with line numbers, leaving nothing behind', async () => {
      const { networkId, waveId } = await newNetwork('GEXF-Import');
      const ok = await upload(
        `/api/network/networks/${networkId}/waves/${waveId}/imports?format=gexf`,
        'admin',
        { file: { name: 'netz.gexf', content: gexf } },
      );
      expect(ok.body).toMatchObject({ actorsCreated: 3, tiesCreated: 2 });
      const ties = (await call('GET', `/api/network/networks/${networkId}/waves/${waveId}/ties`, 'admin'))
        .body.items;
      expect(
        ties
          .map((x: { type: string; directed: boolean; weight: number }) => [x.type, x.directed, x.weight])
          .sort(),
      ).toEqual([
        ['cooperation', false, 2],
        ['referral', true, 1],
      ]);
      const other = await newNetwork('GEXF-Fehler');
      const bad = gexf.replace('target="n3"', 'target="n9"').replace('value="welfare"', 'value="wellness"');
      const rejected = await upload(
        `/api/network/networks/${other.networkId}/waves/${other.waveId}/imports?format=gexf`,
        'admin',
        { file: { name: 'netz.gexf', content: bad } },
      );
      expect(rejected.status).toBe(422);
      expect(rejected.body.details.errors).toEqual([
        {
          file: 'netz.gexf',
          line: 9,
          code: 'InvalidSector',
          params: { value: 'wellness' },
          message: expect.stringContaining('sector "wellness"'),
        },
        {
          file: 'netz.gexf',
          line: 15,
          code: 'UnknownActor',
          params: { id: 'n9' },
          message: expect.stringContaining('unknown actor "n9"'),
        },
      ]);
      const broken = await upload(
        `/api/network/networks/${other.networkId}/waves/${other.waveId}/imports?format=gexf`,
        'admin',
        { file: { name: 'netz.gexf', content: gexf.replace('</nodes>', '</node>') } },
      );
      expect(broken.body.details.errors).toEqual([
        {
          file: 'netz.gexf',
          line: 12,
          code: 'NotWellFormed',
          params: {},
          message: expect.stringContaining('not well-formed XML'),
        },
      ]);
      expect(await count(`actor WHERE network_id = $1`, [other.networkId])).toBe(0);
    });

    const graphml = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <key id="d1" for="node" attr.name="sector" attr.type="string"/>
  <key id="d2" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="undirected">
    <node id="x"><data key="d0">Seniorentreff</data><data key="d1">welfare</data></node>
    <node id="y"><data key="d0">Apotheke</data><data key="d1">business</data></node>
    <edge source="x" target="y"><data key="d2">3</data></edge>
    <edge source="y" target="x" directed="true"><data key="d2">1</data></edge>
  </graph>
</graphml>`;

    it('imports GraphML and rejects a bad GraphML with line numbers', async () => {
      const { networkId, waveId } = await newNetwork('GraphML-Import');
      const ok = await upload(
        `/api/network/networks/${networkId}/waves/${waveId}/imports?format=graphml`,
        'admin',
        { file: { name: 'netz.graphml', content: graphml } },
      );
      expect(ok.body).toMatchObject({ actorsCreated: 2, tiesCreated: 2 });
      const bad = graphml
        .replace('<data key="d2">3</data>', '<data key="d2">drei</data>')
        .replace('<data key="d1">business</data>', '<data key="d9">business</data>');
      const other = await newNetwork('GraphML-Fehler');
      const rejected = await upload(
        `/api/network/networks/${other.networkId}/waves/${other.waveId}/imports?format=graphml`,
        'admin',
        { file: { name: 'netz.graphml', content: bad } },
      );
      expect(rejected.body.details.errors).toEqual([
        {
          file: 'netz.graphml',
          line: 8,
          code: 'UndeclaredAttribute',
          params: { key: 'd9' },
          message: 'data for undeclared key "d9"',
        },
        {
          file: 'netz.graphml',
          line: 9,
          code: 'InvalidWeight',
          params: { value: 'drei' },
          message: expect.stringContaining('weight "drei"'),
        },
      ]);
      expect(await count(`actor WHERE network_id = $1`, [other.networkId])).toBe(0);
    });

    it.each(['gexf', 'graphml', 'csv'] as const)('round-trips a wave through a %s export', async (format) => {
      const source = await newNetwork(`Quelle ${format}`);
      await upload(
        `/api/network/networks/${source.networkId}/waves/${source.waveId}/imports?format=csv`,
        'admin',
        { nodes: { name: 'n.csv', content: nodesCsv }, edges: { name: 'e.csv', content: edgesCsv } },
      );
      const base = `/api/network/networks/${source.networkId}/waves/${source.waveId}/export`;
      const target = await newNetwork(`Ziel ${format}`);
      const into = `/api/network/networks/${target.networkId}/waves/${target.waveId}/imports`;
      let result;
      if (format === 'csv') {
        const nodes = await call('GET', `${base}?format=csv-nodes`, 'admin');
        expect(nodes.headers.get('content-type')).toContain('text/csv');
        const edges = await call('GET', `${base}?format=csv-edges`, 'admin');
        result = await upload(`${into}?format=csv`, 'admin', {
          nodes: { name: 'n.csv', content: nodes.text },
          edges: { name: 'e.csv', content: edges.text },
        });
      } else {
        const file = await call('GET', `${base}?format=${format}`, 'admin');
        expect(file.headers.get('content-disposition')).toContain(`.${format}`);
        result = await upload(`${into}?format=${format}`, 'admin', {
          file: { name: `n.${format}`, content: file.text },
        });
      }
      expect(result.body).toMatchObject({ actorsCreated: 4, tiesCreated: 3 });
      const describe = async (networkId: string, waveId: string) => {
        const actors = (await call('GET', `/api/network/networks/${networkId}/actors`, 'admin')).body.items;
        const ties = (await call('GET', `/api/network/networks/${networkId}/waves/${waveId}/ties`, 'admin'))
          .body.items;
        return {
          actors: actors
            .map((a: Body) => [
              a.name,
              a.kind,
              a.sector,
              a.field,
              a.areaId,
              a.point,
              a.offerings,
              a.contact,
              a.pseudonymised,
            ])
            .sort(),
          ties: ties
            .map((x: Body) => [[x.sourceName, x.targetName].sort().join('–'), x.type, x.weight, x.directed])
            .sort(),
        };
      };
      expect(await describe(target.networkId, target.waveId)).toEqual(
        await describe(source.networkId, source.waveId),
      );
    });
  });
});
