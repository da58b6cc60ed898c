import type { EventEnvelope, EventPayload } from '@quartier/contracts';
import { buildNetworkGraph, computeNetworkMetrics, type NetworkMetrics } from '@quartier/network-core';
import type { ServiceTestApp } from '@quartier/service-kit';
import { waveNetworkInput } from './wave-graph';
import { createNetwork, startNetworkTestApp, uploadFiles } from '../testing/network-test-app';

/**
 * Deep equality with numbers equal to 1e-12 (relative): the service sums shortest-path lengths in
 * chunks of sources, the core's single pass in one run, so the last bits of a float can differ.
 */
function expectSame(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-12 * Math.max(1, Math.abs(expected)))
      throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object').toBe(true);
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    expect(Object.keys(a).sort()).toEqual(Object.keys(e).sort());
    for (const key of Object.keys(e)) expectSame(a[key], e[key], `${path}.${key}`);
    return;
  }
  expect(actual).toEqual(expected);
}

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

  describe('measures', () => {
    let networkId: string;
    let waveId: string;

    /** The core's measures of the wave, from the ties as the API lists them. */
    async function expectedMetrics(weighted = true): Promise<NetworkMetrics> {
      const actors = (
        await call('GET', `/api/network/networks/${networkId}/actors?waveId=${waveId}&limit=5000`, 'admin')
      ).body.items;
      const ties = (await call('GET', `/api/network/networks/${networkId}/waves/${waveId}/ties`, 'admin'))
        .body.items;
      const input = waveNetworkInput(actors, ties, { directed: false }, { types: null, weighted });
      return computeNetworkMetrics(buildNetworkGraph(input), { seed: 1 });
    }

    beforeAll(async () => {
      ({ networkId, waveId } = await newNetwork('Messung', '01'));
      // A seeded random network of 300 actors in two planning areas, with isolates.
      let state = 7;
      const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const sectors = ['welfare', 'civil-society', 'business', 'public-administration', 'residents'];
      const nodes = [
        'id,name,sector,area',
        ...Array.from(
          { length: 300 },
          (_, i) => `a${i},Akteur ${i},${sectors[i % 5]},${i % 2 ? '01011101' : '01011102'}`,
        ),
      ];
      const seen = new Set<string>();
      const edges = ['source,target,weight'];
      for (let k = 0; k < 900; k++) {
        const a = Math.floor(random() * 290);
        const b = Math.floor(random() * 290);
        const key = a < b ? `${a} ${b}` : `${b} ${a}`;
        if (a === b || seen.has(key)) continue;
        seen.add(key);
        edges.push(`a${a},a${b},${1 + Math.floor(random() * 4)}`);
      }
      const imported = await upload(
        `/api/network/networks/${networkId}/waves/${waveId}/imports?format=csv`,
        'admin',
        {
          nodes: { name: 'n.csv', content: nodes.join('\n') },
          edges: { name: 'e.csv', content: edges.join('\n') },
        },
      );
      expect(imported.status).toBe(201);
    });

    it('computes a small wave on request, equal to the core, and caches it per revision', async () => {
      const first = await call('GET', `/api/network/networks/${networkId}/waves/${waveId}/metrics`, 'viewer');
      expect(first.status).toBe(200);
      const expected = await expectedMetrics();
      expectSame(first.body.graph, expected.graph);
      expect(first.body.actors).toHaveLength(300);
      for (const actor of first.body.actors) {
        const {
          id,
          name: _n,
          kind: _k,
          sector: _s,
          field: _f,
          areaId: _a,
          identityHidden: _h,
          ...values
        } = actor;
        expectSame(values, expected.nodes[id], id);
      }
      const again = await call('GET', `/api/network/networks/${networkId}/waves/${waveId}/metrics`, 'viewer');
      expect(again.body.computedAt).toBe(first.body.computedAt);
      // A changed tie invalidates the cache.
      const tie = (await call('GET', `/api/network/networks/${networkId}/waves/${waveId}/ties`, 'admin')).body
        .items[0];
      await call('PATCH', `/api/network/networks/${networkId}/waves/${waveId}/ties/${tie.id}`, 'admin', {
        weight: 9,
      });
      const changed = await call(
        'GET',
        `/api/network/networks/${networkId}/waves/${waveId}/metrics`,
        'viewer',
      );
      expect(changed.body.revision).toBeGreaterThan(first.body.revision);
      expectSame(changed.body.graph, (await expectedMetrics()).graph);
      const unweighted = await call(
        'GET',
        `/api/network/networks/${networkId}/waves/${waveId}/metrics?weighted=false&types=cooperation`,
        'viewer',
      );
      expectSame(unweighted.body.graph, (await expectedMetrics(false)).graph);
      expect(
        (
          await call(
            'GET',
            `/api/network/networks/${networkId}/waves/${waveId}/metrics?types=gossip`,
            'viewer',
          )
        ).status,
      ).toBe(400);
    });

    it('publishes network.metrics.computed per area through the outbox', async () => {
      await call('GET', `/api/network/networks/${networkId}/waves/${waveId}/metrics`, 'viewer');
      const rows: { envelope: EventEnvelope<EventPayload<'network.metrics.computed'>> }[] = await t.db.query(
        `SELECT envelope FROM outbox WHERE type = 'network.metrics.computed' AND envelope->'payload'->>'networkId' = $1 ORDER BY position DESC LIMIT 3`,
        [networkId],
      );
      const byArea = new Map(rows.map((r) => [r.envelope.payload.areaId, r.envelope.payload]));
      const expected = await expectedMetrics();
      expect(byArea.get(ids['01'])).toMatchObject({
        period: '2024-05-15',
        waveId,
        metrics: expect.objectContaining({
          actors: 300,
          density: expected.graph.density,
          components: expected.graph.components,
          isolates: expected.graph.isolates?.length,
        }),
      });
      expect(byArea.get(ids['01'])?.metrics.crossSectorTieShare).toBeCloseTo(
        expected.graph.eiIndex?.graph.crossSectorShare as number,
        12,
      );
      expect(byArea.get(ids['01011101'])?.metrics).toMatchObject({
        actors: 150,
        isolates: expect.any(Number),
        crossSectorTieShare: expect.any(Number),
      });
    });

    it('runs a measure job with progress and the same result as the core', async () => {
      const tie = (await call('GET', `/api/network/networks/${networkId}/waves/${waveId}/ties`, 'admin')).body
        .items[1];
      await call('PATCH', `/api/network/networks/${networkId}/waves/${waveId}/ties/${tie.id}`, 'admin', {
        weight: 7,
      });
      expect(
        (await call('POST', `/api/network/networks/${networkId}/waves/${waveId}/metrics/jobs`, 'viewer'))
          .status,
      ).toBe(403);
      const started = await call(
        'POST',
        `/api/network/networks/${networkId}/waves/${waveId}/metrics/jobs`,
        'analyst',
      );
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ status: 'queued', progress: 0 });
      const seen: number[] = [];
      let job = started.body;
      for (let i = 0; i < 400 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
        job = (await call('GET', `/api/network/metrics-jobs/${started.body.id}`, 'viewer')).body;
        seen.push(job.progress);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(job).toMatchObject({ status: 'succeeded', phase: 'done', progress: 1, actors: 300 });
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      const result = await call('GET', job.resultPath, 'viewer');
      const expected = await expectedMetrics();
      expectSame(result.body.graph, expected.graph);
      for (const {
        id,
        name: _n,
        kind: _k,
        sector: _s,
        field: _f,
        areaId: _a,
        identityHidden: _h,
        ...values
      } of result.body.actors)
        expectSame(values, expected.nodes[id], id);
      // Cached now: a second job answers at once.
      const cached = await call(
        'POST',
        `/api/network/networks/${networkId}/waves/${waveId}/metrics/jobs`,
        'planer',
      );
      expect(cached.body).toMatchObject({ status: 'succeeded', phase: 'cached', progress: 1 });
      expect(
        (await call('GET', `/api/network/metrics-jobs/${cached.body.id}`, 'musterstadt-admin')).status,
      ).toBe(404);
    });

    it('sends large uncached waves to a job (409) and serves them once the job ran', async () => {
      const large = await newNetwork('Groß');
      const nodes = ['id,name', ...Array.from({ length: 2100 }, (_, i) => `n${i},Akteur ${i}`)];
      const edges = ['source,target', ...Array.from({ length: 2099 }, (_, i) => `n${i},n${i + 1}`)];
      await upload(
        `/api/network/networks/${large.networkId}/waves/${large.waveId}/imports?format=csv`,
        'admin',
        {
          nodes: { name: 'n.csv', content: nodes.join('\n') },
          edges: { name: 'e.csv', content: edges.join('\n') },
        },
      );
      const refused = await call(
        'GET',
        `/api/network/networks/${large.networkId}/waves/${large.waveId}/metrics`,
        'viewer',
      );
      expect(refused).toMatchObject({
        status: 409,
        body: { code: 'MetricsNotComputed', details: { actors: 2100, jobId: null } },
      });
      const job = await call(
        'POST',
        `/api/network/networks/${large.networkId}/waves/${large.waveId}/metrics/jobs`,
        'admin',
      );
      let state = job.body;
      const phases = new Set<string>();
      const fractions: number[] = [];
      for (let i = 0; i < 600 && state.status !== 'succeeded' && state.status !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        state = (await call('GET', `/api/network/metrics-jobs/${job.body.id}`, 'admin')).body;
        phases.add(state.phase);
        fractions.push(state.progress);
      }
      expect(state).toMatchObject({ status: 'succeeded', actors: 2100, ties: 2099 });
      // The poll saw the path phase part-way through.
      expect(phases.has('paths')).toBe(true);
      expect(fractions.some((f) => f > 0 && f < 0.9)).toBe(true);
      const served = await call(
        'GET',
        `/api/network/networks/${large.networkId}/waves/${large.waveId}/metrics`,
        'viewer',
      );
      expect(served.status).toBe(200);
      expect(served.body.graph).toMatchObject({ nodes: 2100, edges: 2099, components: 1, diameter: 2099 });
    }, 120_000);
  });
});
