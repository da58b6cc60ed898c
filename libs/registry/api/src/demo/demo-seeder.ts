import type { DemoSeedContext, DemoSeeder } from '@quartier/service-kit';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEMO_ROLE_ASSIGNMENTS } from '@quartier/auth';
import { areaImportOptionsSchema, RegistryError } from '@quartier/registry-core';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AreaImportsService } from '../area-imports/area-imports.service';
import { TenantEntity } from '../entities/tenant.entity';
import { REGISTRY_CONNECTION } from '../registry.constants';
import { RoleAssignmentsService } from '../role-assignments/role-assignments.service';
import { TenantsService } from '../tenants/tenants.service';
import { BERLIN_DEMO, BERLIN_LOR_FILES, MUSTERSTADT_DEMO, musterstadtAreas } from './demo-tenants';

/**
 * Seeds the demo on first start: "Berlin (Demo)" from the real LOR geometries (pre-2021 reform,
 * Geoportal Berlin, dl-de/by-2.0) with inhabitants from the MSS 2019 edition (SenSBW), and the
 * small fictional "Musterstadt (Demo)" as a second tenant. Runs through the same import path as
 * any administrator's upload, so the demo exercises validation, events and read models.
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

  async isSeeded(): Promise<boolean> {
    return (await this.db.getRepository(TenantEntity).countBy({ id: BERLIN_DEMO.id })) > 0;
  }

  /** Idempotent: does nothing when the Berlin demo tenant exists. */
  async seed(context: DemoSeedContext): Promise<boolean> {
    const { progress } = context;
    const dataDir = join(context.root, 'infra/data');
    if (await this.isSeeded()) return false;
    const work = await mkdtemp(join(tmpdir(), 'quartier-demo-'));
    try {
      await this.seedBerlin(dataDir, work, progress);
      await this.seedMusterstadt(work, progress);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    return true;
  }

  private async seedBerlin(
    dataDir: string,
    work: string,
    progress: (message: string) => void,
  ): Promise<void> {
    await this.tenants.upsert(BERLIN_DEMO.id, BERLIN_DEMO.name, BERLIN_DEMO.levels);
    const population = await this.planningAreaPopulation(
      join(dataDir, 'berlin/planning-area-population-2018.csv'),
    );
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
      const path = join(work, file.name);
      await writeFile(path, JSON.stringify(collection));
      const options = areaImportOptionsSchema.parse({
        level: file.level,
        populationProperty: 'ew',
        validFrom: BERLIN_DEMO.validFrom,
      });
      const job = await this.imports.importFile(BERLIN_DEMO.id, 'demo-seed', options, path);
      if (job.status !== 'succeeded') {
        throw new RegistryError(
          'InvalidAreaImport',
          `demo import of ${file.name} failed: ${job.message} ${JSON.stringify(job.errors.slice(0, 3))}`,
        );
      }
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
    progress('demo: creating Musterstadt (Demo)');
    await this.tenants.upsert(MUSTERSTADT_DEMO.id, MUSTERSTADT_DEMO.name, MUSTERSTADT_DEMO.levels);
    for (const level of MUSTERSTADT_DEMO.levels) {
      const path = join(work, `musterstadt-${level.key}.geojson`);
      await writeFile(path, JSON.stringify(musterstadtAreas(level.key)));
      const options = areaImportOptionsSchema.parse({
        level: level.key,
        populationProperty: 'ew',
        validFrom: MUSTERSTADT_DEMO.validFrom,
      });
      const job = await this.imports.importFile(MUSTERSTADT_DEMO.id, 'demo-seed', options, path);
      if (job.status !== 'succeeded')
        throw new RegistryError('InvalidAreaImport', `demo import Musterstadt failed: ${job.message}`);
    }
  }

  private async planningAreaPopulation(file: string): Promise<Map<string, number>> {
    const lines = (await readFile(file, 'utf8')).trim().split('\n').slice(1);
    return new Map(lines.map((line) => line.split(',')).map(([id, n]) => [id, Number(n)]));
  }
}
