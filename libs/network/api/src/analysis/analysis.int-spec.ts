import { buildNetworkGraph, egoNetwork } from '@quartier/network-core';
import type { ServiceTestApp } from '@quartier/service-kit';
import { waveNetworkInput } from '../metrics/wave-graph';
import { createNetwork, startNetworkTestApp, uploadFiles } from '../testing/network-test-app';

describe('network service (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);
  const upload = (path: string, user: string, files: Record<string, { name: string; content: string }>) =>
    uploadFiles(t, path, user, files);
  const newNetwork = (name: string, areaCode?: string, user?: string) =>
    createNetwork(t, ids, name, areaCode, user);

  beforeAll(async () => {
    ({ t, ids } = await startNetworkTestApp());
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('analyses', () => {
    let networkId: string;
    let wave1: string;
    let wave2: string;
    let actor: Record<string, string>;

    beforeAll(async () => {
      ({ networkId, waveId: wave1 } = await newNetwork('Vergleich', '01'));
      wave2 = (
        await call('POST', `/api/network/networks/${networkId}/waves`, 'admin', {
          label: 'Welle 2',
          observedOn: '2025-05-15',
        })
      ).body.id;
      const nodes = [
        'id,name,sector,field,area,offerings',
        'a,A,welfare,Jugend,01011101,rooms: Saal',
        'b,B,civil-society,Jugend,01011101,know-how: Sprachmittlung',
        'c,C,business,Wirtschaft,01011102,',
        'd,D,residents,Wohnen,02010101,rooms: Hof',
      ].join('\n');
      await upload(`/api/network/networks/${networkId}/waves/${wave1}/imports?format=csv`, 'admin', {
        nodes: { name: 'n.csv', content: nodes },
        edges: { name: 'e.csv', content: 'source,target\na,b\nb,c' },
      });
      await upload(`/api/network/networks/${networkId}/waves/${wave2}/imports?format=csv`, 'admin', {
        nodes: { name: 'n.csv', content: nodes.split('\n').slice(0, 4).join('\n') },
        edges: { name: 'e.csv', content: 'source,target\na,b\na,c' },
      });
      const actors = (await call('GET', `/api/network/networks/${networkId}/actors`, 'admin')).body.items;
      actor = Object.fromEntries(actors.map((a: { name: string; id: string }) => [a.name, a.id]));
    });

    it('compares two waves: new, lost and stable actors and ties, and measure changes', async () => {
      const comparison = await call(
        'GET',
        `/api/network/networks/${networkId}/comparison?from=${wave1}&to=${wave2}`,
        'viewer',
      );
      expect(comparison.status).toBe(200);
      const pair = (x: { source: string; target: string }) =>
        [comparison.body.actorInfo[x.source].name, comparison.body.actorInfo[x.target].name].sort().join('–');
      expect(comparison.body.ties.stable.map(pair)).toEqual(['A–B']);
      expect(comparison.body.ties.new.map(pair)).toEqual(['A–C']);
      expect(comparison.body.ties.lost.map(pair)).toEqual(['B–C']);
      // D took part in the first wave (as an isolate) only.
      expect(comparison.body.actors).toEqual({
        new: [],
        lost: [actor['D']],
        stable: expect.arrayContaining([actor['A'], actor['B'], actor['C']]),
      });
      expect(comparison.body.graph.nodes).toEqual({ before: 4, after: 3, change: -1 });
      expect(comparison.body.graph.isolates).toBeUndefined();
      expect(comparison.body.nodes[actor['A']].degree.before).toBeCloseTo(1 / 3, 15);
      expect(comparison.body.nodes[actor['A']].degree.after).toBe(1);
    });

    it('returns the ego network of an actor with its own measures', async () => {
      const ego = await call(
        'GET',
        `/api/network/networks/${networkId}/waves/${wave1}/ego/${actor['B']}`,
        'viewer',
      );
      expect(ego.body.ego.name).toBe('B');
      expect(ego.body.alters.map((a: { name: string }) => a.name).sort()).toEqual(['A', 'C']);
      const graph = buildNetworkGraph(
        waveNetworkInput(
          [actor['A'], actor['B'], actor['C']].map((id) => ({ id, sector: null, areaId: null })),
          [
            {
              sourceActorId: actor['A'],
              targetActorId: actor['B'],
              directed: false,
              type: 'cooperation',
              weight: 1,
            },
            {
              sourceActorId: actor['B'],
              targetActorId: actor['C'],
              directed: false,
              type: 'cooperation',
              weight: 1,
            },
          ],
          { directed: false },
          { types: null, weighted: true },
        ),
      );
      expect(ego.body.metrics.graph).toMatchObject({
        nodes: 3,
        edges: 2,
        density: egoNetwork(graph, actor['B']).metrics.graph.density,
      });
      expect(
        (await call('GET', `/api/network/networks/${networkId}/waves/${wave2}/ego/${actor['D']}`, 'viewer'))
          .status,
      ).toBe(404);
    });

    it('maps offerings by area and field, within the caller’s scope', async () => {
      const all = await call('GET', `/api/network/resources?networkId=${networkId}`, 'viewer');
      expect(all.body.items.map((i: { name: string }) => i.name)).toEqual(['A', 'B', 'D']);
      const area = all.body.areas.find((a: { area: { code: string } | null }) => a.area?.code === '01011101');
      expect(area).toMatchObject({ actors: 2, byType: { rooms: 1, 'know-how': 1 }, byField: { Jugend: 2 } });
      const rooms = await call(
        'GET',
        `/api/network/resources?networkId=${networkId}&type=rooms&areaId=${ids['010111']}`,
        'viewer',
      );
      expect(rooms.body.items.map((i: { name: string }) => i.name)).toEqual(['A']);
      expect((await call('GET', `/api/network/resources?areaId=${ids['02']}`, 'planer')).status).toBe(403);
    });
  });
});
