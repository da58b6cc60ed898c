import type { MigratedSchema } from '@quartier/service-kit';
import { insertActor } from '../actors/actor.repository';
import { storeMetrics, currentMetrics } from '../metrics/wave-metrics.repository';
import { touchWaves, waveRevision, waveSize } from '../networks/wave.repository';
import { actorDraft, migratedNetworkSchema, storedNetworkWithWave } from '../testing/network-schema';
import {
  deleteTie,
  deleteTiesOfWave,
  findTieByEnds,
  tiesOfWave,
  updateTie,
  upsertTies,
  type TieDraft,
} from './tie.repository';

describe('tie repository and wave revisions (migrated network schema, real PostgreSQL)', () => {
  let schema: MigratedSchema;

  /** A network with one wave and actors A, B, C (ids sorted, so A < B < C); not members yet. */
  const fixture = async () => {
    const { networkId, waveId } = await storedNetworkWithWave(schema, 'tn');
    const ids: string[] = [];
    await schema.db.transaction(async (m) => {
      for (const name of ['A', 'B', 'C']) ids.push(await insertActor(m, 'tn', networkId, actorDraft(name)));
    });
    const [a, b, c] = [...ids].sort();
    return { networkId, waveId, a, b, c };
  };

  const tie = (source: string, target: string, fields: Partial<TieDraft> = {}): TieDraft => ({
    source,
    target,
    directed: false,
    type: 'cooperation',
    weight: 1,
    origin: 'manual',
    attributes: {},
    ...fields,
  });

  beforeAll(async () => {
    schema = await migratedNetworkSchema();
  }, 60_000);
  afterAll(() => schema?.close());

  it('stores undirected ties once per pair, updates a repeated one and makes both ends members', async () => {
    const { networkId, waveId, a, b, c } = await fixture();
    const upsert = (ties: TieDraft[]) =>
      schema.db.transaction((m) => upsertTies(m, 'tn', networkId, waveId, ties));
    expect(await upsert([tie(b, a, { weight: 2 }), tie(a, c, { directed: true })])).toEqual({
      created: 2,
      updated: 0,
    });
    expect(
      await upsert([tie(a, b, { weight: 5, attributes: { note: 'x' } }), tie(c, a, { directed: true })]),
    ).toEqual({
      created: 1,
      updated: 1,
    });
    const stored = await tiesOfWave(schema.db.manager, waveId);
    // Ties written by one statement share their creation time: compare them as a set.
    expect(stored.map((t) => [t.sourceActorId, t.targetActorId, t.directed, t.weight]).sort()).toEqual([
      [a, b, false, 5],
      [a, c, true, 1],
      [c, a, true, 1],
    ]);
    expect(stored.find((t) => !t.directed)?.attributes).toEqual({ note: 'x' });
    expect(await waveSize(schema.db.manager, waveId)).toEqual({ actors: 3, ties: 3 });
    expect((await tiesOfWave(schema.db.manager, waveId, { actorId: b })).length).toBe(1);
    expect((await tiesOfWave(schema.db.manager, waveId, { type: 'funding' })).length).toBe(0);
  });

  it('finds, updates and deletes a tie of its wave only', async () => {
    const { networkId, waveId, a, b, c } = await fixture();
    const other = await storedNetworkWithWave(schema, 'tn');
    await schema.db.transaction((m) => upsertTies(m, 'tn', networkId, waveId, [tie(a, b), tie(a, c)]));
    const found = await findTieByEnds(schema.db.manager, waveId, {
      source: a,
      target: b,
      type: 'cooperation',
      directed: false,
    });
    expect(found).toMatchObject({ sourceActorId: a, targetActorId: b, weight: 1 });
    const id = (found as { id: string }).id;
    expect(await updateTie(schema.db.manager, other.waveId, id, { weight: 3 })).toBeNull();
    expect(await updateTie(schema.db.manager, waveId, id, { weight: 3, type: 'funding' })).toMatchObject({
      id,
      weight: 3,
      type: 'funding',
    });
    expect(await deleteTie(schema.db.manager, other.waveId, id)).toBe(false);
    expect(await deleteTie(schema.db.manager, waveId, id)).toBe(true);
    expect(await deleteTie(schema.db.manager, waveId, id)).toBe(false);
    await deleteTiesOfWave(schema.db.manager, waveId, c);
    expect(await tiesOfWave(schema.db.manager, waveId)).toEqual([]);
  });

  it('a touched wave moves to the next revision and loses its cached measures', async () => {
    const { waveId } = await fixture();
    const store = (revision: number) =>
      schema.db.transaction((m) =>
        storeMetrics(m, {
          waveId,
          optionsKey: 'k',
          tenantId: 'tn',
          revision,
          metrics: { n: revision } as never,
          durationMs: 12.4,
        }),
      );
    const revision = await waveRevision(schema.db.manager, waveId);
    await store(revision);
    expect(await currentMetrics(schema.db.manager, waveId, 'k')).toMatchObject({
      revision,
      durationMs: 12,
      metrics: { n: revision },
    });
    expect(await currentMetrics(schema.db.manager, waveId, 'other')).toBeNull();
    await store(revision - 1);
    expect(await currentMetrics(schema.db.manager, waveId, 'k')).toBeNull();
    await store(revision);
    await schema.db.transaction((m) => touchWaves(m, [waveId]));
    expect(await waveRevision(schema.db.manager, waveId)).toBe(revision + 1);
    expect(await currentMetrics(schema.db.manager, waveId, 'k')).toBeNull();
    const [{ n }] = await schema.db.query(`SELECT count(*)::int AS n FROM wave_metrics WHERE wave_id = $1`, [
      waveId,
    ]);
    expect(n).toBe(0);
  });
});
