import { generateDemoCity } from '@quartier/demo-city';
import { areaImportOptionsSchema } from '@quartier/registry-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AreaImportsService } from '../area-imports/area-imports.service';
import {
  BERLIN_DEMO,
  MUSTERSTADT_DEMO,
  TWO_DISTRICT_TEST_CITY,
  twoDistrictTestCityAreas,
} from '../demo/demo-tenants';
import { RoleAssignmentsService } from '../role-assignments/role-assignments.service';
import { TenantsService } from '../tenants/tenants.service';
import type { RegistryTestApp } from './registry-test-app';

/*
 * The two tenants the registry's HTTP suites run against. Each suite starts its own app on a
 * fresh database and seeds the tenants it needs here, so no suite depends on another's writes
 * or on the order the suites run in.
 */

/**
 * Two districts of a generated city stand in for Berlin's in the planners' tenant: same four
 * levels, same hierarchical two-digit codes (01, 0101, 010101, 01010101).
 */
export const BERLIN_TEST_CITY = generateDemoCity({ areas: 40, districts: 2, seed: 5 });

/** The generated name of a Berlin test area by its code. */
export const berlinAreaName = (code: string) => BERLIN_TEST_CITY.areas.find((a) => a.code === code)!.name;

/** The Berlin areas the suites address by id. */
export interface BerlinTestAreas {
  /** District 01, where the planner `planer` may edit. */
  mitteId: string;
  /** District 02, outside the planner's scope. */
  kreuzbergId: string;
  /** District region 010101, inside Mitte. */
  mitteRegionId: string;
}

/**
 * Berlin (Demo) with the test city's four levels (valid from 2006-01-01), `planer` as planner of
 * Mitte and `viewer` as a tenant-wide viewer.
 */
export async function seedBerlin(t: RegistryTestApp): Promise<BerlinTestAreas> {
  const tenants = t.app.get(TenantsService);
  const imports = t.app.get(AreaImportsService);
  await tenants.upsert(BERLIN_DEMO.id, BERLIN_DEMO.name, BERLIN_DEMO.levels);
  await withWorkDir(async (work) => {
    for (const [rank, level] of BERLIN_DEMO.levels.entries()) {
      const features = BERLIN_TEST_CITY.areas
        .filter((a) => a.level === BERLIN_TEST_CITY.levels[rank].key)
        .map((a) => ({ type: 'Feature', properties: { id: a.code, name: a.name }, geometry: a.geometry }));
      const path = join(work, `${level.key}.geojson`);
      writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
      const job = await imports.importFile(
        BERLIN_DEMO.id,
        'test',
        areaImportOptionsSchema.parse({ level: level.key, validFrom: '2006-01-01' }),
        path,
      );
      // Every suite's assertions rest on these areas: a failed import stops the suite here.
      if (job.status !== 'succeeded' || job.errors.length > 0)
        throw new Error(`seeding Berlin's ${level.key} failed: ${JSON.stringify(job)}`);
    }
  });
  const ids = await t.db.query(
    `SELECT code, id FROM area WHERE tenant_id = 'berlin-demo' AND code IN ('01', '02', '010101')`,
  );
  const byCode = Object.fromEntries(ids.map((r: { code: string; id: string }) => [r.code, r.id]));
  const areas = { mitteId: byCode['01'], kreuzbergId: byCode['02'], mitteRegionId: byCode['010101'] };
  const grants = t.app.get(RoleAssignmentsService);
  await grants.grant(BERLIN_DEMO.id, {
    subject: 'planer',
    role: 'planner',
    areaId: areas.mitteId,
    programmeId: null,
  });
  await grants.grant(BERLIN_DEMO.id, { subject: 'viewer', role: 'viewer', areaId: null, programmeId: null });
  return areas;
}

/**
 * Musterstadt as the two-district test city (levels stadtbezirk and stadtteil, districts N and
 * S, no validFrom, so the default area version 2000-01-01), populations from `ew`.
 */
export async function seedMusterstadt(t: RegistryTestApp): Promise<void> {
  const imports = t.app.get(AreaImportsService);
  await t.app
    .get(TenantsService)
    .upsert(MUSTERSTADT_DEMO.id, MUSTERSTADT_DEMO.name, TWO_DISTRICT_TEST_CITY.levels);
  await withWorkDir(async (work) => {
    for (const level of TWO_DISTRICT_TEST_CITY.levels) {
      const path = join(work, `m-${level.key}.geojson`);
      writeFileSync(path, JSON.stringify(twoDistrictTestCityAreas(level.key)));
      await imports.importFile(
        MUSTERSTADT_DEMO.id,
        'test',
        areaImportOptionsSchema.parse({ level: level.key, populationProperty: 'ew' }),
        path,
      );
    }
  });
}

export async function countAreas(t: RegistryTestApp, tenant: string): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM area WHERE tenant_id = $1`, [tenant]);
  return n;
}

/** Polls an import job until it ends; answers its last state. */
export async function waitForImport(t: RegistryTestApp, id: string, user = 'admin') {
  for (let i = 0; i < 200; i++) {
    const res = await t.call('GET', `/api/registry/area-imports/${id}`, user);
    if (res.body.status === 'succeeded' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

/** A closed square of 0.01° at `x`°E 50°N, the geometry of the suites' uploaded areas. */
export const testSquare = (x: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 50],
      [x + 0.01, 50],
      [x + 0.01, 50.01],
      [x, 50.01],
      [x, 50],
    ],
  ],
});

async function withWorkDir(use: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-int-'));
  try {
    await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
