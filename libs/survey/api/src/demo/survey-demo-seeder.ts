import { Clock, type DemoSeedContext, type DemoSeeder, pollUntil } from '@quartier/service-kit';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MUSTERSTADT, musterstadtCity, socialModel } from '@quartier/demo-city';
import { ADD_BERLIN_HINT, BERLIN_DEMO_FILES, referenceDataWith } from '@quartier/reference-data';
import { compileForm, formFromSheets, sheetFromRows, validateSubmission } from '@quartier/survey-core';
import type { DataSource } from 'typeorm';
import { AreaRefRepository } from '../areas/area-ref.repository';
import { CollectionService, type StoredResponse } from '../responses/collection.service';
import { SURVEY_CONNECTION } from '../survey.constants';
import type { IndicatorItem } from '../surveys/survey.dto';
import { SurveyRepository } from '../surveys/survey.repository';
import { TargetAreaRepository } from '../surveys/target-area.repository';
import { WaveRepository } from '../surveys/wave.repository';
import {
  DEMO_FORM_ID,
  DEMO_SURVEY_TITLE,
  generateDemoAnswers,
  nachbarschaftMitteForm,
} from './nachbarschaft-mitte';

/** Survey results the indicator service takes over as indicators. */
const DEMO_INDICATOR_ITEMS: IndicatorItem[] = [
  {
    code: 'survey.sicher_nachts',
    name: 'Anteil, der sich nachts in der Wohngegend sicher fühlt',
    question: 'sicher_nacht',
    measure: 'topTwoBox',
    options: [],
  },
  {
    code: 'survey.nachbarschaft_verbunden',
    name: 'Anteil, der sich der Nachbarschaft verbunden fühlt',
    question: 'verbunden',
    measure: 'topTwoBox',
    options: [],
  },
  {
    code: 'survey.wegzugsabsicht',
    name: 'Anteil mit Wegzugsabsicht',
    question: 'wegzug',
    measure: 'share',
    options: ['ja'],
  },
];

/** One demo survey: a district's planning areas as target areas, two waves. */
interface DemoSurvey {
  readonly tenant: string;
  readonly title: string;
  readonly formId: string;
  /** The district (scope); its planning areas are the target areas. */
  readonly scopeCode: string;
  readonly planningAreas: number;
  /** Feeling of safety per planning area (-1 … 1) where the city model knows it. */
  readonly safety?: ReadonlyMap<string, number>;
}

const BERLIN_SURVEY: DemoSurvey = {
  tenant: 'berlin-demo',
  title: DEMO_SURVEY_TITLE,
  formId: DEMO_FORM_ID,
  scopeCode: '01',
  planningAreas: 41,
};

function musterstadtSurvey(): DemoSurvey {
  const city = musterstadtCity();
  const status = socialModel(city).status;
  const centre = city.areas[0];
  return {
    tenant: MUSTERSTADT.tenantId,
    title: `Bürgerbefragung ${centre.name} 2025`,
    formId: 'buergerbefragung_innenstadt_2025',
    scopeCode: centre.code,
    planningAreas: city.planningAreas.filter((a) => a.code.startsWith(centre.code)).length,
    // People feel less safe where the social status is lower.
    safety: new Map([...status].map(([code, z]) => [code, Math.max(-1, Math.min(1, -0.45 * z))])),
  };
}

/**
 * Seeds a resident survey per demo tenant — "Bürgerbefragung Innenstadt 2025" in Musterstadt
 * and, with the Berlin reference data, "Nachbarschaftsbefragung Mitte 2025": the XLSForm, the
 * district's planning areas as target areas (population from the registry), a finished first
 * wave with 1,500 generated responses (seeded, so every start shows the same results,
 * suppression included) and an open second wave, so the public form can be tried at once.
 *
 * The registry seed runs first, but its events reach this service's read model asynchronously:
 * the seeder waits until area_ref holds the district's planning areas.
 */
@Injectable()
export class SurveyDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger(SurveyDemoSeeder.name);

  constructor(
    @InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource,
    private readonly surveys: SurveyRepository,
    private readonly targetAreas: TargetAreaRepository,
    private readonly waves: WaveRepository,
    private readonly areas: AreaRefRepository,
    private readonly collection: CollectionService,
    private readonly clock: Clock,
  ) {}

  /** Idempotent: seeds each demo survey that does not exist yet (Berlin's only with its data). */
  async seed(
    { progress, referenceData }: Pick<DemoSeedContext, 'progress' | 'referenceData'>,
    { timeoutMs = 180_000 }: { timeoutMs?: number } = {},
  ): Promise<boolean> {
    const musterstadt = await this.seedSurvey(musterstadtSurvey(), progress, timeoutMs);
    if (!referenceDataWith(BERLIN_DEMO_FILES, referenceData)) {
      this.logger.warn(
        `demo survey of Berlin-Mitte not seeded: no reference data. To add Berlin: ${ADD_BERLIN_HINT}`,
      );
      return musterstadt;
    }
    return (await this.seedSurvey(BERLIN_SURVEY, progress, timeoutMs)) || musterstadt;
  }

  private async seedSurvey(
    demo: DemoSurvey,
    progress: (message: string) => void,
    timeoutMs: number,
  ): Promise<boolean> {
    const TENANT = demo.tenant;
    if (await this.surveys.existsWithTitle(TENANT, demo.title)) return false;
    progress(`demo: waiting for the planning areas of "${demo.title}" in the survey read model`);
    const areas = await this.waitForAreas(demo, timeoutMs);
    const [mitte] = areas.scope;

    const tables = nachbarschaftMitteForm(areas.planning, { title: demo.title, formId: demo.formId });
    const parsed = formFromSheets({
      survey: sheetFromRows(tables.survey),
      choices: sheetFromRows(tables.choices),
      settings: sheetFromRows(tables.settings),
    });
    if (!parsed.ok) throw new Error(`demo form is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
    const form = parsed.form;
    const compiled = compileForm(form);
    const today = this.collection.today();
    // Arithmetic on a date, not an instant: the date read as UTC, whole days on, read back as a
    // UTC date; no time zone takes part (the city's day is `today` already).
    const shiftDays = (days: number) =>
      new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

    progress(`demo: seeding the survey "${demo.title}"`);
    const surveyId = await this.createSurvey(demo, mitte, areas.planning, form, shiftDays);

    const context = await this.collection.authenticatedContextForSeed(TENANT, surveyId);
    const [first, second] = context.waves;
    for (const [wave, total, seed, shift] of [
      [first, 1500, 2025, 0],
      [second, 320, 2026, 0.35],
    ] as const) {
      const answers = generateDemoAnswers(
        areas.planning.map((a) => ({ code: a.code, safety: demo.safety?.get(a.code) })),
        total,
        seed,
        shift,
      );
      const day = wave.closesOn < today ? wave.closesOn : today;
      const responses: StoredResponse[] = answers.map((raw, i) => {
        const result = validateSubmission(compiled, raw, { today: day });
        if (!result.ok)
          throw new Error(`demo response ${i + 1} is invalid: ${JSON.stringify(result.issues[0])}`);
        return { areaId: context.areaIds.get(String(raw['planungsraum'])) ?? null, answers: result.answers };
      });
      await this.db.transaction((manager) =>
        this.collection.insert(manager, context.survey, wave, responses, 'import', day),
      );
      progress(`demo: ${responses.length} responses in ${wave.name}`);
    }
    this.logger.log(`demo survey ${demo.formId} seeded`);
    return true;
  }

  /** The survey, its form, target areas and two waves, in one transaction. */
  private createSurvey(
    demo: DemoSurvey,
    scope: { id: string; path: string[] },
    planning: readonly { id: string }[],
    form: unknown,
    shiftDays: (days: number) => string,
  ): Promise<string> {
    const TENANT = demo.tenant;
    return this.db.transaction(async (manager) => {
      const id = await this.surveys.insert(manager, {
        tenantId: TENANT,
        title: demo.title,
        type: 'resident',
        status: 'open',
        scopeAreaId: scope.id,
        scopeAreaPath: [...scope.path, scope.id],
        k: 10,
        formVersion: 1,
        indicatorItems: DEMO_INDICATOR_ITEMS,
        createdBy: 'demo-seed',
      });
      await this.surveys.insertForm(manager, id, 1, form, 'demo-seed');
      await this.targetAreas.replace(
        manager,
        id,
        planning.map((a) => ({ areaId: a.id, population: null })),
      );
      for (const wave of [
        {
          name: 'Welle 1 (Herbst 2025)',
          opensOn: '2025-09-01',
          closesOn: '2025-10-31',
          invitationOnly: false,
        },
        { name: 'Welle 2', opensOn: shiftDays(-14), closesOn: shiftDays(90), invitationOnly: false },
      ])
        await this.waves.insert(manager, id, TENANT, wave);
      return id;
    });
  }

  private async waitForAreas(
    demo: DemoSurvey,
    timeoutMs: number,
  ): Promise<{
    scope: { id: string; path: string[] }[];
    planning: { id: string; code: string; name: string }[];
  }> {
    let arrived = 0;
    const areas = await pollUntil(
      async () => {
        // The current area version's: an older one's areas with the same codes are not the city's now.
        const today = this.clock.today();
        const scope = await this.areas.byCode(demo.tenant, demo.scopeCode, today);
        const planning = await this.areas.childrenOfLevelByPrefix(
          demo.tenant,
          'planungsraum',
          demo.scopeCode,
          today,
        );
        arrived = planning.length;
        return scope.length === 1 && planning.length >= demo.planningAreas ? { scope, planning } : null;
      },
      { timeoutMs, intervalMs: 500 },
    );
    if (areas === null)
      throw new Error(
        `the survey read model has ${arrived} of the ${demo.planningAreas} planning areas of ${demo.tenant} ${demo.scopeCode} after ${timeoutMs / 1000} s`,
      );
    return areas;
  }
}
