import {
  allSeeded,
  type DemoSeedContext,
  type DemoSeeder,
  demoSeedCaller,
  pollUntil,
} from '@quartier/service-kit';
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_INDICATORS, MUSTERSTADT, generateIndicatorValues, musterstadtCity } from '@quartier/demo-city';
import type { IndexDefinition } from '@quartier/indicator-core';
import { ADD_BERLIN_HINT, BERLIN_DEMO_FILES, referenceDataWith } from '@quartier/reference-data';
import { parse } from 'csv-parse/sync';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { IndicatorContent } from '../catalogue/indicator.dto';
import { AreaRefRepository } from '../common/area-ref.repository';
import { IndexDefinitionRepository } from '../indices/index-definition.repository';
import { IndexService } from '../indices/index.service';
import { ValueImportsService } from '../imports/value-imports.service';
import {
  MUSTERSTADT_INDEX_KEY,
  MUSTERSTADT_INDEX_PERIODS,
  demoIndicatorContent,
  demoValuesCsv,
  musterstadtIndexDefinition,
} from './musterstadt-indicators';
import { mssIndices } from './mss-indices';

export const DEMO_TENANT = 'berlin-demo';
export const MSS_EDITIONS = [2013, 2015, 2017, 2019] as const;
/** Each edition describes the end of the year before (MSS 2019 = 31.12.2018): that year is the period. */
export const mssPeriod = (edition: number) => String(edition - 1);

const MSS_SOURCE = 'SenSBW Berlin, Monitoring Soziale Stadtentwicklung (dl-de/by-2.0)';
const base = {
  description: '',
  source: MSS_SOURCE,
  periodicity: 'year' as const,
  impactStep: null,
  confidentiality: null,
};
/** The status indicators (S1–S4): shares, higher is worse, evidence of step 7 (impact). */
const status = { ...base, unit: '%', polarity: 'higher-is-worse', impactStep: 7 } as const;
/** The dynamics indicators (D1–D4): the change of a share in percentage points. */
const dynamics = { ...base, unit: 'index', polarity: 'higher-is-worse' } as const;

export const MSS_INDICATORS: Record<string, IndicatorContent> = {
  EW: {
    ...base,
    name: { de: 'Einwohnerinnen und Einwohner', en: 'Inhabitants' },
    unit: 'count',
    polarity: 'neutral',
  },
  S1: { ...status, name: { de: 'Arbeitslosigkeit (SGB II)', en: 'Unemployment (SGB II)' } },
  S2: { ...status, name: { de: 'Langzeitarbeitslosigkeit', en: 'Long-term unemployment' } },
  S3: { ...status, name: { de: 'Transferbezug (SGB II/XII)', en: 'Transfer receipt (SGB II/XII)' } },
  S4: {
    ...status,
    name: { de: 'Kinderarmut (Transferbezug unter 15 J.)', en: 'Child poverty (transfers, under 15)' },
  },
  D1: {
    ...dynamics,
    name: { de: 'Veränderung Arbeitslosigkeit (Prozentpunkte)', en: 'Change in unemployment (pp)' },
  },
  D2: {
    ...dynamics,
    name: {
      de: 'Veränderung Langzeitarbeitslosigkeit (Prozentpunkte)',
      en: 'Change in long-term unemployment (pp)',
    },
  },
  D3: {
    ...dynamics,
    name: { de: 'Veränderung Transferbezug (Prozentpunkte)', en: 'Change in transfer receipt (pp)' },
  },
  D4: {
    ...dynamics,
    name: { de: 'Veränderung Kinderarmut (Prozentpunkte)', en: 'Change in child poverty (pp)' },
  },
};

/** The MSS method as an index definition (DOMAIN.md; S2/D2 part of it until 2017). */
export function mssDefinition(edition: number): IndexDefinition {
  const status = edition <= 2017 ? ['S1', 'S2', 'S3', 'S4'] : ['S1', 'S3', 'S4'];
  return {
    id: `berlin-mss-${edition}`,
    label: `Monitoring Soziale Stadtentwicklung ${edition}`,
    population: 'EW',
    minPopulation: 300,
    excludeAreas: [],
    indices: mssIndices(status),
  } as IndexDefinition;
}

/**
 * Turns one MSS edition file into long CSV lines (`area,period,indicator,value`). The 2013–2019
 * exports write 0 into every indicator column of an area they did not index; such a row means
 * "no values" and becomes missing (empty), not a real zero (see the core fixture README).
 */
export function mssEditionToLongCsv(
  fileText: string,
  edition: number,
  knownAreas: ReadonlySet<string>,
): { lines: string[]; skipped: string[] } {
  const rows = parse(fileText, { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const period = mssPeriod(edition);
  const lines: string[] = [];
  const skipped: string[] = [];
  for (const row of rows) {
    const area = row['id'];
    if (!knownAreas.has(area)) {
      skipped.push(area);
      continue;
    }
    const indicators = Object.keys(row).filter((c) => /^[sd]\d_/.test(c));
    const present = indicators.map((c) => row[c].trim()).filter((v) => v !== '');
    const noValues = present.length > 0 && present.every((v) => Number(v) === 0);
    if (row['inhabitants'].trim() !== '') lines.push(`${area},${period},EW,${row['inhabitants'].trim()}`);
    for (const column of indicators) {
      const code = column.slice(0, 2).toUpperCase();
      const value = noValues ? '' : row[column].trim();
      lines.push(`${area},${period},${code},${value}`);
    }
  }
  return { lines, skipped };
}

/**
 * Demo data of the indicator service, imported through the regular import path:
 * - Musterstadt: the generated city's 19 indicators 2017–2024 on its planning areas, its
 *   social index and one stored run per index year;
 * - Berlin, when the reference data folder has it: the MSS editions 2013–2019 on the demo's
 *   pre-2021 planning areas (S1–S4, D1–D4, inhabitants), the MSS definition of each edition and
 *   one stored run per edition.
 */
@Injectable()
export class IndicatorDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger(IndicatorDemoSeeder.name);

  constructor(
    private readonly catalogue: CatalogueService,
    private readonly imports: ValueImportsService,
    private readonly indices: IndexService,
    private readonly indexDefinitions: IndexDefinitionRepository,
    private readonly areaRefs: AreaRefRepository,
  ) {}

  /** Idempotent: seeds each tenant whose demo index definitions do not exist yet. */
  async seed(
    context: DemoSeedContext,
    { timeoutMs = 180_000 }: { timeoutMs?: number } = {},
  ): Promise<boolean> {
    const berlinData = referenceDataWith(BERLIN_DEMO_FILES, context.referenceData);
    if (!berlinData)
      this.logger.warn(
        `Berlin MSS demo values not seeded: no reference data. To add Berlin: ${ADD_BERLIN_HINT}`,
      );
    // The tenants share nothing: side by side.
    const seeded = await allSeeded([
      this.seedMusterstadt(context, timeoutMs),
      berlinData ? this.seedBerlin(context, join(berlinData, 'berlin/mss'), timeoutMs) : undefined,
    ]);
    return seeded.some(Boolean);
  }

  private async seedMusterstadt({ progress }: DemoSeedContext, timeoutMs: number): Promise<boolean> {
    const tenant = MUSTERSTADT.tenantId;
    const caller = demoSeedCaller(tenant);
    if (await this.indexDefinitions.existsWithKeyLike(tenant, MUSTERSTADT_INDEX_KEY)) return false;
    progress('demo: waiting for the Musterstadt planning areas in the indicator read model');
    const city = musterstadtCity();
    await this.waitForAreas(tenant, city.planningAreas.length, timeoutMs);
    const existing = await this.catalogue.refs(tenant);
    for (const indicator of DEMO_INDICATORS)
      if (!existing.has(indicator.code))
        await this.catalogue.create(caller, indicator.code, demoIndicatorContent(indicator));
    progress('demo: importing the Musterstadt indicators 2017–2024');
    await this.importCsv(tenant, demoValuesCsv(generateIndicatorValues(city)), 'musterstadt-2017-2024.csv');
    const definition = await this.indices.createDefinition(caller, {
      definition: musterstadtIndexDefinition(),
    });
    for (const period of MUSTERSTADT_INDEX_PERIODS)
      await this.indices.run(caller, definition.id, {
        period,
        level: 'planungsraum',
        label: `Sozialindex ${period}`,
      });
    this.logger.log('demo indicators seeded: Musterstadt 2017–2024 and its social index');
    return true;
  }

  private async seedBerlin(
    { progress }: DemoSeedContext,
    mssDir: string,
    timeoutMs: number,
  ): Promise<boolean> {
    if (await this.indexDefinitions.existsWithKeyLike(DEMO_TENANT, 'berlin-mss-%')) return false;
    progress('demo: waiting for the Berlin planning areas in the indicator read model');
    const areas = await this.waitForAreas(DEMO_TENANT, 1, timeoutMs);
    const caller = demoSeedCaller(DEMO_TENANT);
    const existing = await this.catalogue.refs(DEMO_TENANT);
    for (const [code, content] of Object.entries(MSS_INDICATORS)) {
      if (!existing.has(code)) await this.catalogue.create(caller, code, content);
    }
    const lines = ['area,period,indicator,value'];
    for (const edition of MSS_EDITIONS) {
      const converted = mssEditionToLongCsv(
        await readFile(join(mssDir, `mss-${edition}-indicators.csv`), 'utf8'),
        edition,
        areas,
      );
      if (converted.skipped.length > 0)
        this.logger.warn(`MSS ${edition}: ${converted.skipped.length} area(s) not in the demo areas skipped`);
      lines.push(...converted.lines);
    }
    progress('demo: importing the Berlin MSS values 2013–2019');
    await this.importCsv(DEMO_TENANT, lines.join('\n') + '\n', 'berlin-mss-2013-2019.csv');
    for (const edition of MSS_EDITIONS) {
      const definition = await this.indices.createDefinition(caller, {
        definition: mssDefinition(edition),
      });
      progress(`demo: computing MSS ${edition}`);
      await this.indices.run(caller, definition.id, {
        period: mssPeriod(edition),
        level: 'planungsraum',
        label: `MSS ${edition}`,
      });
    }
    this.logger.log('demo indicators seeded: Berlin MSS 2013–2019');
    return true;
  }

  private async importCsv(tenantId: string, csv: string, fileName: string): Promise<void> {
    const work = await mkdtemp(join(tmpdir(), 'quartier-demo-values-'));
    try {
      const file = join(work, fileName);
      await writeFile(file, csv);
      const job = await this.imports.importFile(tenantId, 'demo-seed', 'csv', file, fileName);
      if (job.status !== 'succeeded')
        throw new Error(
          `demo import ${fileName} failed: ${job.message} ${JSON.stringify(job.errors.slice(0, 3))}`,
        );
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  /** The registry's events arrive asynchronously: wait until the planning areas stop arriving. */
  private async waitForAreas(tenantId: string, atLeast: number, timeoutMs: number): Promise<Set<string>> {
    let previous = -1;
    const planningAreas = await pollUntil(
      async () => {
        const codes = await this.areaRefs.codesAtLevel(tenantId, 'planungsraum');
        if (codes.length >= atLeast && codes.length === previous) return new Set(codes);
        previous = codes.length;
        return null;
      },
      { timeoutMs, intervalMs: 1000 },
    );
    if (planningAreas === null)
      throw new Error(
        `demo: the planning areas of ${tenantId} did not arrive in the indicator read model within ${timeoutMs / 1000} s`,
      );
    return planningAreas;
  }
}
