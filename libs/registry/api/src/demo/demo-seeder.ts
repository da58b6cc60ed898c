import { allSeeded, type DemoSeedContext, type DemoSeeder } from '@quartier/service-kit';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEMO_ROLE_ASSIGNMENTS } from '@quartier/auth';
import { ADD_BERLIN_HINT, BERLIN_DEMO_FILES, referenceDataWith } from '@quartier/reference-data';
import { areaImportOptionsSchema, RegistryError, type AreaImportOptions } from '@quartier/registry-core';
import { parse } from 'csv-parse/sync';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { DataSource } from 'typeorm';
import { AreaImportsService } from '../area-imports/area-imports.service';
import { REGISTRY_CONNECTION } from '../registry.constants';
import { RoleAssignmentsService } from '../role-assignments/role-assignments.service';
import { TenantsService } from '../tenants/tenants.service';
import { BERLIN_DEMO, BERLIN_LOR_FILES, MUSTERSTADT_DEMO, musterstadtAreas } from './demo-tenants';

/**
 * Seeds the demo tenants on first start, each through the same import path as an
 * administrator's upload (validation, events, read models):
 * - "Musterstadt (Demo)", a complete generated city (`@quartier/demo-city`), always;
 * - "Berlin (Demo)" from the real LOR geometries (pre-2021 reform, Geoportal Berlin,
 *   dl-de/by-2.0) with inhabitants from the MSS 2019 edition (SenSBW) — when the reference data
 *   folder has them. Without it the tenant exists without areas and the log says how to add it.
 */
@Injectable()
export class RegistryDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger(RegistryDemoSeeder.name);

  constructor(
    @InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource,
    private readonly tenants: TenantsService,
    private readonly imports: AreaImportsService,
    private readonly assignments: RoleAssignmentsService,
  ) {}

  /** Idempotent: seeds each demo tenant that has no areas yet (Berlin only with its data). */
  async seed(context: DemoSeedContext): Promise<boolean> {
    const { progress } = context;
    const berlinData = referenceDataWith(BERLIN_DEMO_FILES, context.referenceData);
    const needMusterstadt = !(await this.hasAreas(MUSTERSTADT_DEMO.id));
    const needBerlin = !(await this.hasAreas(BERLIN_DEMO.id));
    // Said on every start Berlin stays empty, not only the first: whoever starts a persisted
    // platform later without the folder needs the hint just as much.
    if (needBerlin && !berlinData)
      this.logger.warn(
        `Berlin (Demo) has no areas: no Berlin reference data at ${context.referenceData}. To add Berlin: ${ADD_BERLIN_HINT}`,
      );
    if (!needMusterstadt && (!needBerlin || !berlinData)) return false;
    const work = await mkdtemp(join(tmpdir(), 'quartier-demo-'));
    try {
      // The tenants are independent (each import locks only its own tenant): side by side.
      await allSeeded<unknown>([
        needMusterstadt ? this.seedMusterstadt(work, progress) : undefined,
        needBerlin && berlinData
          ? this.seedBerlin(berlinData, work, progress)
          : needBerlin
            ? this.tenants.upsert(BERLIN_DEMO.id, BERLIN_DEMO.name, BERLIN_DEMO.levels)
            : undefined,
      ]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    return true;
  }

  private async hasAreas(tenantId: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM area WHERE tenant_id = $1 LIMIT 1`, [tenantId]);
    return row !== undefined;
  }

  private async seedBerlin(
    dataDir: string,
    work: string,
    progress: (message: string) => void,
  ): Promise<void> {
    await this.tenants.upsert(BERLIN_DEMO.id, BERLIN_DEMO.name, BERLIN_DEMO.levels);
    const population = await this.planningAreaPopulation(join(dataDir, 'berlin/mss/mss-2019-indicators.csv'));
    // Upper levels get the sum of their planning areas, so the demo's numbers add up.
    const sumFor = (code: string) => {
      let sum = 0;
      for (const [id, n] of population) if (id.startsWith(code)) sum += n;
      return sum;
    };
    for (const file of BERLIN_LOR_FILES) {
      progress(`demo: importing Berlin ${file.level} areas`);
      const collection = JSON.parse(
        await readFile(join(dataDir, 'berlin/lor-until-2020', file.name), 'utf8'),
      );
      for (const [index, feature] of collection.features.entries()) {
        const fix = file.corrections?.[index];
        if (fix && feature.properties.id === fix.from) feature.properties.id = fix.to;
        const code: string = feature.properties.id;
        feature.properties.ew = file.level === 'planungsraum' ? (population.get(code) ?? null) : sumFor(code);
      }
      await this.importLevel(BERLIN_DEMO.id, work, file.name, collection, {
        level: file.level,
        validFrom: BERLIN_DEMO.validFrom,
      });
    }
    for (const demo of DEMO_ROLE_ASSIGNMENTS.filter((a) => a.tenantId === BERLIN_DEMO.id)) {
      let areaId: string | null = null;
      if (demo.areaCode !== null) {
        const [area] = await this.db.query(`SELECT id FROM area WHERE tenant_id = $1 AND code = $2`, [
          BERLIN_DEMO.id,
          demo.areaCode,
        ]);
        areaId = area.id;
      }
      await this.assignments.grant(BERLIN_DEMO.id, {
        subject: demo.username,
        role: demo.role,
        areaId,
        programmeId: demo.programmeId,
      });
    }
    this.logger.log('demo tenant Berlin (Demo) seeded');
  }

  private async seedMusterstadt(work: string, progress: (message: string) => void): Promise<void> {
    progress('demo: creating Musterstadt (Demo), a generated city of 150 planning areas');
    await this.tenants.upsert(MUSTERSTADT_DEMO.id, MUSTERSTADT_DEMO.name, MUSTERSTADT_DEMO.levels);
    for (const level of MUSTERSTADT_DEMO.levels)
      await this.importLevel(
        MUSTERSTADT_DEMO.id,
        work,
        `musterstadt-${level.key}.geojson`,
        musterstadtAreas(level.key),
        {
          level: level.key,
          validFrom: MUSTERSTADT_DEMO.validFrom,
        },
      );
    this.logger.log('demo tenant Musterstadt (Demo) seeded');
  }

  private async importLevel(
    tenantId: string,
    work: string,
    name: string,
    collection: FeatureCollection,
    options: Pick<AreaImportOptions, 'level' | 'validFrom'>,
  ): Promise<void> {
    const path = join(work, name);
    await writeFile(path, JSON.stringify(collection));
    const parsed = areaImportOptionsSchema.parse({ ...options, populationProperty: 'ew' });
    const job = await this.imports.importFile(tenantId, 'demo-seed', parsed, path);
    if (job.status !== 'succeeded')
      throw new RegistryError(
        'InvalidAreaImport',
        `demo import of ${name} failed: ${job.message} ${JSON.stringify(job.errors.slice(0, 3))}`,
      );
  }

  /** Inhabitants per planning area on 31.12.2018, as published with the MSS 2019 edition. */
  private async planningAreaPopulation(file: string): Promise<Map<string, number>> {
    const rows = parse(await readFile(file, 'utf8'), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    return new Map(
      rows.filter((r) => r['inhabitants'] !== '').map((r) => [r['id'], Number(r['inhabitants'])]),
    );
  }
}
