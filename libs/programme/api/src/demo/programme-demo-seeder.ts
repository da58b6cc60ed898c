import { Injectable, Logger } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import type { ImpactModel, MeasureAction, SelectionRule } from '@quartier/programme-core';
import { ADD_BERLIN_HINT, BERLIN_DEMO_FILES, referenceDataWith } from '@quartier/reference-data';
import {
  Clock,
  type DemoSeedContext,
  type DemoSeeder,
  demoSeedCaller,
  pollUntil,
} from '@quartier/service-kit';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AreaRefRepository } from '../access/area-ref.repository';
import { AllocationsService } from '../allocations/allocations.service';
import { ProgrammeAreasService } from '../areas/programme-areas.service';
import { EvidenceResolver } from '../impact-models/evidence-resolver';
import { ImpactModelsService } from '../impact-models/impact-models.service';
import type { CreateMeasureInput } from '../measures/measure.dto';
import { MeasuresService } from '../measures/measures.service';
import type { CreateProgrammeInput } from '../programmes/programme.dto';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { ProgrammesService } from '../programmes/programmes.service';

const BERLIN = 'berlin-demo';
const MUSTERSTADT = 'musterstadt';
const FIXTURE = 'libs/programme/api/fixtures/quartiersmanagement-demo.json';
/** MSS editions report the year before (edition 2015 = data of 2014). */
const BASELINE_PERIOD = '2014';

interface DemoMeasure {
  title: string;
  field: string;
  responsible: string;
  targetGroups: string[];
  budget: Record<string, number>;
  steps: MeasureAction[];
  spent?: Record<string, number>;
  comment?: string;
}
interface DemoFixture {
  programme: Omit<CreateProgrammeInput, 'trafficLight'> & { budgetPerYear: Record<string, number> };
  rule: SelectionRule;
  allocation: { line: string; year: number; floorCents: number; capCents: number; unitCents: number };
  measures: DemoMeasure[];
}

/**
 * Berlin: "Quartiersmanagement (Demo)" — programme areas from MSS 2019 (status 4, or 3 with
 * negative dynamics) in Mitte, a need-based allocation of the Projektfonds, 19 measures in every
 * status, and an impact model bound to MSS indicators (and, where they exist, the demo survey
 * item and the Mitte network). Musterstadt gets a small programme of its own. Data from
 * `libs/programme/api/fixtures/`; idempotent; waits (bounded) for the read models. Areas named
 * by code or listed by level are those of the area version current on the clock's day.
 */
@Injectable()
export class ProgrammeDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger(ProgrammeDemoSeeder.name);

  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly programmeService: ProgrammesService,
    private readonly areas: ProgrammeAreasService,
    private readonly allocations: AllocationsService,
    private readonly measures: MeasuresService,
    private readonly models: ImpactModelsService,
    private readonly evidence: EvidenceResolver,
    private readonly areaRefs: AreaRefRepository,
    private readonly clock: Clock,
  ) {}

  async seed(
    context: DemoSeedContext,
    { timeoutMs = 120_000 }: { timeoutMs?: number } = {},
  ): Promise<boolean> {
    const fixture: DemoFixture = JSON.parse(await readFile(join(context.root, FIXTURE), 'utf8'));
    let seeded = false;
    if (!(await this.exists(BERLIN, fixture.programme.name))) {
      // Without the reference data no Berlin index run will ever come: waiting the full timeout
      // for it would hold a start without the folder back by minutes before Musterstadt.
      if (!referenceDataWith(BERLIN_DEMO_FILES, context.referenceData))
        this.logger.warn(
          `demo programme of Berlin not seeded: no reference data. To add Berlin: ${ADD_BERLIN_HINT}`,
        );
      else {
        const run = await this.waitFor(
          `SELECT r.id FROM index_run_ref r WHERE r.tenant_id = $1 AND r.definition_key = 'berlin-mss-2019'
            AND (SELECT count(*) FROM index_result_ref x WHERE x.run_id = r.id) >= 400`,
          [BERLIN],
          timeoutMs,
        );
        if (run) {
          context.progress('demo: seeding the programme "Quartiersmanagement (Demo)"');
          seeded = await this.seedBerlin(fixture, run);
        } else this.logger.warn('no MSS 2019 index run for Berlin: no Berlin programme');
      }
    }
    if (!(await this.exists(MUSTERSTADT, 'Soziale Stadt Musterstadt (Demo)'))) {
      seeded = (await this.seedMusterstadt(context, timeoutMs)) || seeded;
    }
    return seeded;
  }

  private async seedBerlin(fixture: DemoFixture, runId: string): Promise<boolean> {
    // Mitte of the current area version (the one the index run was computed on): an older
    // version's Mitte with the same code has other ids and none of the run's areas below it.
    const mitte = (await this.areaRefs.idsByCode(BERLIN, ['01'], this.today())).get('01');
    if (!mitte) {
      this.logger.warn('no area 01 (Mitte) in Berlin’s current area version: no Berlin programme');
      return false;
    }
    const caller = demoSeedCaller(BERLIN);
    const { budgetPerYear, ...programmeInput } = fixture.programme;
    const programme = await this.programmeService.create(caller, {
      ...programmeInput,
      trafficLight: { green: 0.8, amber: 0.4 },
    } as CreateProgrammeInput);
    const years = [2024, 2025, 2026, 2027];
    await this.programmeService.replaceBudget(caller, programme.id, {
      entries: years.flatMap((year) =>
        Object.entries(budgetPerYear).map(([line, amountCents]) => ({ year, line, amountCents })),
      ),
    });
    const rule: SelectionRule = {
      version: 1,
      clauses: fixture.rule.clauses.map((c) => ({ ...c, withinAreaId: mitte })),
    };
    const selection = await this.areas.accept(caller, programme.id, {
      runId,
      rule,
      changes: [],
      comment: 'Auswahl nach MSS 2019 (Demo)',
    });
    const areaIds = selection.areas.map((a) => a.areaId);
    await this.allocations.accept(caller, programme.id, {
      ...fixture.allocation,
      need: { source: 'index', runId, index: 'status' },
      comment: 'Verteilung nach Status-Index',
    });
    await this.seedMeasures(caller, programme.id, fixture.measures, areaIds);
    await this.seedImpactModel(caller, programme.id, areaIds);
    this.logger.log(
      `demo programme seeded: ${areaIds.length} programme areas, ${fixture.measures.length} measures`,
    );
    return true;
  }

  private async seedMeasures(
    caller: Caller,
    programmeId: string,
    measures: DemoMeasure[],
    areaIds: string[],
  ) {
    for (const [i, m] of measures.entries()) {
      const input: CreateMeasureInput = {
        title: m.title,
        description: '',
        areaIds: [areaIds[i % areaIds.length]],
        fieldOfAction: m.field,
        responsible: { name: m.responsible, actorId: null },
        targetGroups: m.targetGroups,
        budget: entries(m.budget),
        plannedStart: `${Math.min(...entries(m.budget).map((b) => b.year))}-01-01`,
        plannedEnd: `${Math.max(...entries(m.budget).map((b) => b.year))}-12-31`,
        deliberateOverCommitment: false,
      };
      const created = await this.measures.create(caller, programmeId, input);
      for (const action of m.steps) {
        if (action === 'propose') continue;
        await this.measures.transition(caller, created.id, {
          action,
          comment: action === 'reject' || action === 'cancel' ? m.comment : undefined,
          deliberateOverCommitment: false,
        });
        if (action === 'approve' && m.spent)
          await this.measures.replaceExpenditures(caller, created.id, { entries: entries(m.spent) });
      }
    }
  }

  /**
   * The programme's impact model; baselines are the programme areas' values of the MSS 2015
   * edition (data year 2014), so the later editions show the movement.
   */
  private async seedImpactModel(caller: Caller, programmeId: string, areaIds: string[]): Promise<void> {
    const baseline = async (code: string) => {
      const actuals = await this.evidence.actuals(
        BERLIN,
        { kind: 'indicator', indicatorCode: code, areas: { kind: 'programme-areas' } },
        areaIds,
      );
      const first = actuals.find((a) => a.status === 'value' && a.period === BASELINE_PERIOD);
      return first?.status === 'value' ? Math.round(first.value * 100) / 100 : null;
    };
    const bindings = async (code: string, label: string, reduction: number) => {
      const value = await baseline(code);
      return value === null
        ? []
        : [
            {
              id: `b-${code.toLowerCase()}`,
              label,
              source: {
                kind: 'indicator' as const,
                indicatorCode: code,
                areas: { kind: 'programme-areas' as const },
              },
              baseline: { value, period: BASELINE_PERIOD },
              target: { value: Math.round(value * (1 - reduction) * 100) / 100, date: '2027-12-31' },
              polarity: 'lower-is-better' as const,
            },
          ];
    };
    const node = (
      id: string,
      type: ImpactModel['nodes'][number]['type'],
      step: number | null,
      title: string,
    ) => ({
      id,
      type,
      step: step as ImpactModel['nodes'][number]['step'],
      title,
      assumptions: [] as string[],
      risks: [] as string[],
      bindings: [] as ImpactModel['nodes'][number]['bindings'][number][],
    });
    const model: ImpactModel = {
      id: programmeId,
      title: 'Wirkungsmodell Quartiersmanagement (Demo)',
      nodes: [
        node('input', 'input', null, 'Projekt-, Aktions-, Bau- und Netzwerkfonds; QM-Team vor Ort'),
        node(
          'activity',
          'activity',
          1,
          'Bildungs-, Beratungs- und Nachbarschaftsangebote in den Fördergebieten',
        ),
        node('reach', 'output', 2, 'Familien, Kinder und Arbeitsuchende werden erreicht'),
        {
          ...node('work', 'outcome', 6, 'Mehr Menschen finden Arbeit'),
          bindings: await bindings('S1', 'Arbeitslosigkeit (S1) in den Fördergebieten', 0.15),
        },
        {
          ...node('poverty', 'impact', 7, 'Weniger Kinderarmut im Quartier'),
          assumptions: ['Die Arbeitsmarktlage in Berlin bleibt stabil'],
          bindings: await bindings('S4', 'Kinderarmut (S4) in den Fördergebieten', 0.1),
        },
      ],
      edges: [
        { from: 'input', to: 'activity' },
        { from: 'activity', to: 'reach' },
        { from: 'reach', to: 'work' },
        { from: 'work', to: 'poverty' },
      ],
    };
    await this.models.save(
      caller,
      { programmeId, measureId: null },
      {
        model: model as unknown as Record<string, unknown>,
        baseVersion: 0,
      },
    );
  }

  private async seedMusterstadt(context: DemoSeedContext, timeoutMs: number): Promise<boolean> {
    // The finest level's first three areas of the current area version: an older version's
    // areas with the same codes (or one imported ahead of its date) are not the city's now.
    const level = await pollUntil(() => this.areaRefs.finestLevel(MUSTERSTADT, this.today()), {
      timeoutMs,
      intervalMs: 500,
    });
    if (!level) return false;
    const areas = await this.areaRefs.firstOfLevel(MUSTERSTADT, level, 3, this.today());
    if (areas.length === 0) return false;
    context.progress('demo: seeding the programme of Musterstadt');
    const caller = demoSeedCaller(MUSTERSTADT);
    const programme = await this.programmeService.create(caller, {
      name: 'Soziale Stadt Musterstadt (Demo)',
      funder: 'Stadt Musterstadt',
      legalBasis: 'Ratsbeschluss (Demo)',
      description: 'Ein kleines kommunales Programm in drei Quartieren.',
      status: 'active',
      fundingPeriods: [{ from: '2025-01-01', to: '2026-12-31', label: '2025–2026' }],
      budgetLines: [{ key: 'quartiersfonds', label: 'Quartiersfonds' }],
      fieldsOfAction: [{ key: 'nachbarschaft', label: 'Nachbarschaft' }],
      trafficLight: { green: 0.8, amber: 0.4 },
      iati: null,
    });
    await this.programmeService.replaceBudget(caller, programme.id, {
      entries: [2025, 2026].map((year) => ({ year, line: 'quartiersfonds', amountCents: 5_000_000 })),
    });
    await this.areas.accept(caller, programme.id, {
      runId: null,
      rule: null,
      changes: areas.map((a) => ({ action: 'add' as const, areaId: a.id, reason: 'Ratsbeschluss (Demo)' })),
      comment: '',
    });
    for (const [i, title] of ['Nachbarschaftstreff', 'Spielplatzpaten', 'Kiezspaziergänge'].entries())
      await this.measures.create(caller, programme.id, {
        title,
        description: '',
        areaIds: [areas[i % areas.length].id],
        fieldOfAction: 'nachbarschaft',
        responsible: { name: 'Bürgerverein Musterstadt', actorId: null },
        targetGroups: [],
        budget: [{ year: 2025, line: 'quartiersfonds', amountCents: 1_000_000 }],
        plannedStart: '2025-01-01',
        plannedEnd: '2025-12-31',
        deliberateOverCommitment: false,
      });
    return true;
  }

  private async exists(tenantId: string, name: string): Promise<boolean> {
    const rows: unknown[] = await this.programmes.db.query(
      `SELECT 1 FROM programme WHERE tenant_id = $1 AND name = $2`,
      [tenantId, name],
    );
    return rows.length > 0;
  }

  /** The service clock's calendar day, which decides the current area version. */
  private today(): string {
    return this.clock.today();
  }

  /** Polls until the query answers a row (the read models fill from events); null after the timeout. */
  private waitFor(sql: string, params: unknown[], timeoutMs: number): Promise<string | null> {
    return pollUntil(
      async () => {
        const rows: { id: string }[] = await this.programmes.db.query(sql, params);
        return rows[0]?.id ?? null;
      },
      { timeoutMs, intervalMs: 500 },
    );
  }
}

function entries(amounts: Record<string, number>) {
  return Object.entries(amounts).map(([key, amountCents]) => {
    const [year, line] = key.split('/');
    return { year: Number(year), line, amountCents };
  });
}
