import type { DemoSeedContext, DemoSeeder } from '@quartier/service-kit';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addWaveMembers, insertActor } from '../actors/actor-store';
import { NETWORK_CONNECTION } from '../network.constants';
import { upsertTies } from '../ties/tie-store';
import { buildMitteDemoNetwork } from './mitte-demo-network';

const DEMO_TENANT = 'berlin-demo';
const DEMO_NETWORK_NAME = 'Akteursnetzwerk Mitte';

/**
 * Seeds the Berlin demo's network on first start: "Akteursnetzwerk Mitte" with 60 actors in
 * Mitte's planning areas and two waves (May 2023, May 2024). Runs after the registry seed; the
 * areas reach this service's read model by events, so it waits for them (with a timeout).
 */
@Injectable()
export class NetworkDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger(NetworkDemoSeeder.name);

  constructor(@InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource) {}

  /** Idempotent: does nothing when the tenant already has the demo network. */
  async seed(
    { progress }: Pick<DemoSeedContext, 'progress'>,
    options: { timeoutMs?: number } = {},
  ): Promise<boolean> {
    const existing: unknown[] = await this.db.query(
      `SELECT 1 FROM network WHERE tenant_id = $1 AND name = $2`,
      [DEMO_TENANT, DEMO_NETWORK_NAME],
    );
    if (existing.length > 0) return false;
    const areas = await this.waitForAreas(options.timeoutMs ?? 120_000);
    if (!areas) {
      this.logger.warn(
        'demo network not seeded: the planning areas of Mitte did not arrive in the read model in time',
      );
      return false;
    }
    progress('demo: seeding the actor network of Berlin-Mitte');
    const demo = buildMitteDemoNetwork();
    await this.db.transaction(async (manager) => {
      const [{ id: networkId }]: { id: string }[] = await manager.query(
        `INSERT INTO network (tenant_id, name, description, area_id, directed, weighted, created_by)
         VALUES ($1, $2, $3, $4, false, true, 'demo') RETURNING id`,
        [
          DEMO_TENANT,
          DEMO_NETWORK_NAME,
          'Kooperationsnetzwerk sozialer Einrichtungen, Vereine, Verwaltung, Wirtschaft und Schlüsselpersonen im Bezirk Mitte (Demodaten, fiktiv).',
          areas.mitte,
        ],
      );
      const waveIds: string[] = [];
      for (const [label, observedOn] of [
        ['Welle 1 (Mai 2023)', '2023-05-15'],
        ['Welle 2 (Mai 2024)', '2024-05-15'],
      ]) {
        const [{ id }]: { id: string }[] = await manager.query(
          `INSERT INTO wave (tenant_id, network_id, label, observed_on) VALUES ($1, $2, $3, $4) RETURNING id`,
          [DEMO_TENANT, networkId, label, observedOn],
        );
        waveIds.push(id);
      }
      const idByKey = new Map<string, string>();
      for (const actor of demo.actors) {
        const id = await insertActor(manager, DEMO_TENANT, networkId, {
          externalId: actor.key,
          kind: actor.kind,
          name: actor.name,
          sector: actor.sector,
          field: actor.field,
          areaId: areas.byCode.get(actor.planningAreaCode) ?? null,
          address: null,
          point: actor.point,
          offerings: actor.offerings,
          contact: actor.contact,
          pseudonymised: actor.kind === 'person',
        });
        idByKey.set(actor.key, id);
      }
      for (const [index, ties] of [demo.wave1, demo.wave2].entries()) {
        const wave = (index + 1) as 1 | 2;
        await addWaveMembers(
          manager,
          waveIds[index],
          demo.actors.filter((a) => a.waves.includes(wave)).map((a) => idByKey.get(a.key) as string),
        );
        await upsertTies(
          manager,
          DEMO_TENANT,
          networkId,
          waveIds[index],
          ties.map((t) => ({
            source: idByKey.get(t.source) as string,
            target: idByKey.get(t.target) as string,
            directed: false,
            type: t.type,
            weight: t.weight,
            origin: 'survey' as const,
            attributes: {},
          })),
        );
      }
    });
    progress(
      `demo: network of Berlin-Mitte seeded (${demo.actors.length} actors, ${demo.wave1.length} + ${demo.wave2.length} ties)`,
    );
    return true;
  }

  private async waitForAreas(
    timeoutMs: number,
  ): Promise<{ mitte: string; byCode: Map<string, string> } | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows: { id: string; code: string }[] = await this.db.query(
        `SELECT id, code FROM area_ref WHERE tenant_id = $1 AND (code = '01' OR code LIKE '01______')`,
        [DEMO_TENANT],
      );
      const byCode = new Map(rows.map((r) => [r.code, r.id]));
      // Bezirk Mitte and all 41 of its planning areas.
      if (byCode.has('01') && rows.length >= 42) return { mitte: byCode.get('01') as string, byCode };
      if (Date.now() > deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
