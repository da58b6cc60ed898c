import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Writable } from 'node:stream';
import { requireReferenceData } from '@quartier/reference-data';
import { CliError } from '../cli-error';
import { networkConvertCommand, networkMetricsCommand, type NetworkConvertOptions } from './network';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quartier-network-convert-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text, 'utf8');
  return path;
};
const out = (name: string) => join(dir, name);
const quiet = () => jest.spyOn(process.stderr, 'write').mockImplementation(() => true);

const GEXF = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <nodes>
      <node id="a" label="Kita"/>
      <node id="b" label="Treff, &quot;Mitte&quot;"/>
      <node id="c"/>
    </nodes>
    <edges>
      <edge source="a" target="b" weight="2" label="Nice edge"/>
      <edge source="b" target="a" weight="3"/>
      <edge source="c" target="c"/>
      <edge source="a" target="c" weight="1.5"/>
      <edge source="a" target="c" weight="4"/>
    </edges>
  </graph>
</gexf>`;

async function failure(options: NetworkConvertOptions): Promise<CliError> {
  try {
    await networkConvertCommand(options);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected the command to fail');
}

describe('quartier network convert', () => {
  it('folds repeated ties (sum by default), drops self-ties and writes what network metrics reads', async () => {
    const stderr = quiet();
    const input = file('netz.gexf', GEXF);
    const summary = await networkConvertCommand({ in: input, edges: out('e.csv'), nodes: out('n.csv') });
    stderr.mockRestore();
    expect(summary).toBe(
      `${input}: 3 actors, 2 ties; undirected, weighted; 2 repeated ties merged (sum); 1 self-ties dropped`,
    );
    expect(readFileSync(out('e.csv'), 'utf8')).toBe(
      'source,target,weight,type,label\na,b,5,,Nice edge\na,c,5.5,,\n',
    );
    expect(readFileSync(out('n.csv'), 'utf8')).toBe('id,name,sector\na,Kita,\nb,"Treff, ""Mitte""",\nc,c,\n');
    const metrics = await networkMetricsCommand(
      { edges: out('e.csv'), nodes: out('n.csv'), weighted: true, measures: 'degree' },
      new Writable({ write: (_chunk, _encoding, callback) => callback() }),
    );
    expect(metrics.nodes['a']).toMatchObject({ degree: 1, strength: 10.5 });
  });

  it('neutralises formula-like ids, names and labels, and network metrics reads them back unchanged', async () => {
    // A GEXF from anywhere: its actor names and labels must not become formulas in a spreadsheet.
    const gexf = GEXF.replace('id="a" label="Kita"', 'id="=1+1" label="@SUM(1)"')
      .replaceAll('source="a"', 'source="=1+1"')
      .replace('target="a"', 'target="=1+1"')
      .replace('label="Nice edge"', 'label="-2+3"');
    const stderr = quiet();
    await networkConvertCommand({
      in: file('formula.gexf', gexf),
      edges: out('fe.csv'),
      nodes: out('fn.csv'),
    });
    stderr.mockRestore();
    expect(readFileSync(out('fe.csv'), 'utf8')).toBe(
      "source,target,weight,type,label\n'=1+1,b,5,,'-2+3\n'=1+1,c,5.5,,\n",
    );
    expect(readFileSync(out('fn.csv'), 'utf8')).toBe(
      'id,name,sector\n\'=1+1,\'@SUM(1),\nb,"Treff, ""Mitte""",\nc,c,\n',
    );
    const metrics = await networkMetricsCommand(
      { edges: out('fe.csv'), nodes: out('fn.csv'), weighted: true, measures: 'degree' },
      new Writable({ write: (_chunk, _encoding, callback) => callback() }),
    );
    expect(Object.keys(metrics.nodes).sort()).toEqual(['=1+1', 'b', 'c']);
    expect(metrics.nodes['=1+1']).toMatchObject({ degree: 1, strength: 10.5 });
  });

  it('takes max or first weights and keeps self-ties when asked', async () => {
    const stderr = quiet();
    const input = file('netz2.gexf', GEXF);
    await networkConvertCommand({
      in: input,
      merge: 'max',
      selfTies: 'keep',
      edges: out('m.csv'),
      nodes: out('mn.csv'),
    });
    expect(readFileSync(out('m.csv'), 'utf8')).toBe(
      'source,target,weight,type,label\na,b,3,,Nice edge\nc,c,1,,\na,c,4,,\n',
    );
    await networkConvertCommand({ in: input, merge: 'first', edges: out('f.csv'), nodes: out('fn.csv') });
    stderr.mockRestore();
    expect(readFileSync(out('f.csv'), 'utf8')).toBe(
      'source,target,weight,type,label\na,b,2,,Nice edge\na,c,1.5,,\n',
    );
  });

  it('exits 2 naming every bad row: strict repeats and self-ties, bad weights', async () => {
    const input = file('strict.gexf', GEXF.replace('weight="4"', 'weight="4,5"'));
    const error = await failure({ in: input, merge: 'strict', edges: out('s.csv'), nodes: out('sn.csv') });
    expect(error.exitCode).toBe(2);
    expect(error.message.split('\n')).toEqual([
      `${input} line 14: weight "4,5" must be a positive number`,
      `${input} line 11: tie b–a repeats the tie of line 10`,
      `${input} line 12: tie from "c" to itself`,
    ]);
    expect(
      (await failure({ in: input, merge: 'avg', edges: out('x.csv'), nodes: out('y.csv') })).message,
    ).toBe('--merge: "avg" is not one of sum, max, first, strict');
    expect(
      (await failure({ in: file('netz.csv', 'a,b'), edges: out('x.csv'), nodes: out('y.csv') })).message,
    ).toMatch(/is neither a \.gexf nor a \.graphml file/);
    expect(
      (
        await failure({
          in: file('broken.graphml', '<graphml><graph></graphml>'),
          edges: out('x.csv'),
          nodes: out('y.csv'),
        })
      ).message,
    ).toMatch(/line 1: not well-formed XML/);
  });

  const paths = requireReferenceData(
    ['external/networks/rio.gexf', 'external/networks/reference-networkx.json.gz'],
    1,
  );
  (paths ? it : it.skip)(
    'rio.gexf: convert then metrics gives converged NetworkX PageRank (1e-6)',
    async () => {
      const [rio, reference] = paths!;
      const stderr = quiet();
      await networkConvertCommand({ in: rio, edges: out('rio-e.csv'), nodes: out('rio-n.csv') });
      const metrics = await networkMetricsCommand(
        { edges: out('rio-e.csv'), nodes: out('rio-n.csv'), directed: true, measures: 'pagerank,degree' },
        new Writable({ write: (_chunk, _encoding, callback) => callback() }),
      );
      stderr.mockRestore();
      const expected = JSON.parse(gunzipSync(readFileSync(reference)).toString('utf8')).runs['rio.gexf']
        .measures;
      for (const [id, value] of Object.entries(expected['pagerank'] as Record<string, number>))
        expect(Math.abs(metrics.nodes[id].pagerank! - value)).toBeLessThan(1e-6);
      expect(Object.keys(metrics.nodes)).toHaveLength(366);
    },
  );
});
