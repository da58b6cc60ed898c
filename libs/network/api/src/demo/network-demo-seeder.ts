import { Clock, type DemoSeedContext, type DemoSeeder, pollUntil } from '@quartier/service-kit';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MUSTERSTADT, generateActorNetwork, musterstadtCity } from '@quartier/demo-city';
import { ADD_BERLIN_HINT, referenceDataWith } from '@quartier/reference-data';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { insertActor } from '../actors/actor.repository';
import { areasByCode } from '../areas/area-ref.repository';
import { insertNetwork, networkNamed } from '../networks/network.repository';
import { addWaveMembers, insertWave } from '../networks/wave.repository';
import { NETWORK_CONNECTION } from '../network.constants';
import { upsertTies } from '../ties/tie.repository';
import { buildMitteDemoNetwork, loadMitteDemoFixture, type DemoNetwork } from './mitte-demo-network';
import { mittePlanningAreas } from './mitte-planning-areas';

const BERLIN = 'berlin-demo';
const BERLIN_PLANNING_AREAS = 'berlin/lor-until-2020/planning-areas.geojson';
const WAVES: readonly [string, string][] = [
  ['Welle 1 (Mai 2023)', '2023-05-15'],
  ['Welle 2 (Mai 2024)', '2024-05-15'],
];

/** What the seeder writes: a demo network with its name and description. */
interface DemoNetworkData extends DemoNetwork {
  readonly name: string;
  readonly description: string;
}

/**
 * Seeds the demo networks on first start, each with two waves (May 2023, May 2024): the actor
 * network of Musterstadt's city centre (generated), and — with the Berlin reference data —
 * "Akteursnetzwerk Mitte" with the 60 actors of `fixtures/mitte-network-demo.json` in Mitte's
 * planning areas. Runs after the registry seed; the areas reach this service's read model by events, so it waits for them.
 */
@Injectable()
export class NetworkDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger(NetworkDemoSeeder.name);

  constructor(
    @InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Idempotent: seeds each demo network that does not exist yet. */
  async seed(
    context: Pick<DemoSeedContext, 'progress' | 'referenceData'>,
    options: { timeoutMs?: number } = {},
  ): Promise<boolean> {
    const timeoutMs = options.timeoutMs ?? 120_000;
    const musterstadt = await this.seedMusterstadt(context.progress, timeoutMs);
    const berlinData = referenceDataWith([BERLIN_PLANNING_AREAS], context.referenceData);
    if (!berlinData) {
      this.logger.warn(
        `demo network of Berlin-Mitte not seeded: no reference data. To add Berlin: ${ADD_BERLIN_HINT}`,
      );
      return musterstadt;
    }
    return (
      (await this.seedMitte(join(berlinData, BERLIN_PLANNING_AREAS), context.progress, timeoutMs)) ||
      musterstadt
    );
  }

  private async seedMusterstadt(progress: (message: string) => void, timeoutMs: number): Promise<boolean> {
    const network = generateActorNetwork(musterstadtCity());
    const data: DemoNetworkData = {
      name: `Akteursnetzwerk ${network.district.name}`,
      description: `Kooperationsnetzwerk sozialer Einrichtungen, Vereine, Verwaltung, Wirtschaft und Schlüsselpersonen im Stadtbezirk ${network.district.name} (Demodaten, fiktiv).`,
      actors: network.actors,
      wave1: network.wave1,
      wave2: network.wave2,
    };
    if (await this.exists(MUSTERSTADT.tenantId, data.name)) return false;
    const codes = [network.district.code, ...new Set(network.actors.map((a) => a.planningAreaCode))];
    const areas = await this.waitForAreas(MUSTERSTADT.tenantId, codes, timeoutMs);
    if (!areas) {
      this.logger.warn(
        `demo network of Musterstadt not seeded: its areas did not arrive in the read model in time`,
      );
      return false;
    }
    progress(`demo: seeding the actor network of Musterstadt-${network.district.name}`);
    await this.insert(MUSTERSTADT.tenantId, data, areas.get(network.district.code) as string, areas);
    return true;
  }

  private async seedMitte(
    file: string,
    progress: (message: string) => void,
    timeoutMs: number,
  ): Promise<boolean> {
    const fixture = loadMitteDemoFixture();
    if (await this.exists(BERLIN, fixture.name)) return false;
    const planningAreas = mittePlanningAreas(JSON.parse(await readFile(file, 'utf8')));
    const areas = await this.waitForAreas(BERLIN, ['01', ...planningAreas.map((a) => a.code)], timeoutMs);
    if (!areas) {
      this.logger.warn(
        'demo network not seeded: the planning areas of Mitte did not arrive in the read model in time',
      );
      return false;
    }
    progress('demo: seeding the actor network of Berlin-Mitte');
    const demo = buildMitteDemoNetwork(fixture.actors, planningAreas);
    await this.insert(
      BERLIN,
      { name: fixture.name, description: fixture.description, ...demo },
      areas.get('01') as string,
      areas,
    );
    return true;
  }

  private async exists(tenantId: string, name: string): Promise<boolean> {
    return networkNamed(this.db.manager, tenantId, name);
  }

  private async insert(tenantId: string, data: DemoNetworkData, areaId: string, areas: Map<string, string>) {
    await this.db.transaction(async (manager) => {
      const networkId = await insertNetwork(manager, {
        tenantId,
        name: data.name,
        description: data.description,
        areaId,
        programmeId: null,
        directed: false,
        weighted: true,
        createdBy: 'demo',
      });
      const waveIds: string[] = [];
      for (const [label, observedOn] of WAVES) {
        const { id } = await insertWave(manager, tenantId, networkId, { label, observedOn });
        waveIds.push(id);
      }
      await this.insertActorsAndTies(manager, tenantId, networkId, waveIds, data, areas);
    });
    this.logger.log(
      `demo network "${data.name}" seeded (${data.actors.length} actors, ${data.wave1.length} + ${data.wave2.length} ties)`,
    );
  }

  private async insertActorsAndTies(
    manager: EntityManager,
    tenantId: string,
    networkId: string,
    waveIds: string[],
    data: DemoNetworkData,
    areas: Map<string, string>,
  ): Promise<void> {
    const idByKey = new Map<string, string>();
    for (const actor of data.actors) {
      const id = await insertActor(manager, tenantId, networkId, {
        externalId: actor.key,
        kind: actor.kind,
        name: actor.name,
        sector: actor.sector,
        field: actor.field,
        areaId: areas.get(actor.planningAreaCode) ?? null,
        address: null,
        point: actor.point,
        offerings: [...actor.offerings],
        contact: actor.contact,
        pseudonymised: actor.kind === 'person',
      });
      idByKey.set(actor.key, id);
    }
    for (const [index, ties] of [data.wave1, data.wave2].entries()) {
      const wave = (index + 1) as 1 | 2;
      await addWaveMembers(
        manager,
        waveIds[index],
        data.actors.filter((a) => a.waves.includes(wave)).map((a) => idByKey.get(a.key) as string),
      );
      await upsertTies(
        manager,
        tenantId,
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
  }

  /**
   * Area ids by code once every one of `codes` is in the read model in the current area version,
   * or null after the timeout.
   */
  private async waitForAreas(
    tenantId: string,
    codes: readonly string[],
    timeoutMs: number,
  ): Promise<Map<string, string> | null> {
    return pollUntil(
      async () => {
        // The current area version's: an older one's areas with the same codes are not the city's now.
        const rows = await areasByCode(this.db.manager, tenantId, codes, this.clock.today());
        return rows.length >= new Set(codes).size ? new Map(rows.map((r) => [r.code, r.id])) : null;
      },
      { timeoutMs, intervalMs: 500 },
    );
  }
}
