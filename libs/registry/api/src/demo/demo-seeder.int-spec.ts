import { Logger } from '@nestjs/common';
import { ADD_BERLIN_HINT } from '@quartier/reference-data';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistryTestApp, type RegistryTestApp } from '../testing/registry-test-app';
import { RegistryDemoSeeder } from './demo-seeder';
import { BERLIN_DEMO, MUSTERSTADT_DEMO } from './demo-tenants';

jest.setTimeout(120_000);

// A start in a fresh clone, without the reference data folder: Musterstadt complete, Berlin a
// tenant without areas, and the log says how to add Berlin — on every such start.
describe('registry demo seeder without reference data', () => {
  let t: RegistryTestApp;
  let empty: string;
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    t = await startRegistryTestApp();
    empty = mkdtempSync(join(tmpdir(), 'quartier-no-reference-'));
  });
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());
  afterAll(async () => {
    await t.close();
    rmSync(empty, { recursive: true, force: true });
  });

  const levelCounts = async (tenantId: string): Promise<Record<string, number>> =>
    Object.fromEntries(
      (
        await t.db.query(`SELECT level, count(*)::int AS n FROM area WHERE tenant_id = $1 GROUP BY level`, [
          tenantId,
        ])
      ).map((row: { level: string; n: number }) => [row.level, row.n]),
    );
  const warnings = () => warn.mock.calls.map(([message]) => String(message));

  it('seeds Musterstadt on its four levels, creates Berlin without areas and logs how to add Berlin', async () => {
    const seeder = t.app.get(RegistryDemoSeeder);
    const context = { progress: () => undefined, referenceData: empty, root: process.cwd() };
    expect(await seeder.seed(context)).toBe(true);

    const musterstadt = await levelCounts(MUSTERSTADT_DEMO.id);
    expect(Object.keys(musterstadt).sort()).toEqual(MUSTERSTADT_DEMO.levels.map((l) => l.key).sort());
    expect(musterstadt['planungsraum']).toBe(150);
    const [berlin] = await t.db.query(`SELECT name FROM tenant WHERE id = $1`, [BERLIN_DEMO.id]);
    expect(berlin).toEqual({ name: BERLIN_DEMO.name });
    expect(await levelCounts(BERLIN_DEMO.id)).toEqual({});
    expect(warnings()).toEqual([
      `Berlin (Demo) has no areas: no Berlin reference data at ${empty}. To add Berlin: ${ADD_BERLIN_HINT}`,
    ]);
    expect(ADD_BERLIN_HINT).toContain('data fetch berlin');
  });

  it('says it again on the next start, which has nothing to seed', async () => {
    const seeder = t.app.get(RegistryDemoSeeder);
    const context = { progress: () => undefined, referenceData: empty, root: process.cwd() };
    expect(await seeder.seed(context)).toBe(false);
    expect(warnings()).toEqual([
      expect.stringContaining(`no Berlin reference data at ${empty}. To add Berlin:`),
    ]);
    expect(await levelCounts(BERLIN_DEMO.id)).toEqual({});
  });
});
