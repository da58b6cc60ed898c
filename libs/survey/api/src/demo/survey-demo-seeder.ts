import type { DemoSeedContext, DemoSeeder } from '@quartier/service-kit';
import { Injectable, Logger } from '@nestjs/common';
import { compileForm, formFromSheets, sheetFromRows, validateSubmission } from '@quartier/survey-core';
import { CollectionService, type StoredResponse } from '../responses/collection.service';
import { todayInGermany } from '../survey.constants';
import { SurveyStore } from '../surveys/survey-store';
import {
  DEMO_FORM_ID,
  DEMO_SURVEY_TITLE,
  generateDemoAnswers,
  nachbarschaftMitteForm,
} from './nachbarschaft-mitte';

const TENANT = 'berlin-demo';
const MITTE = '01';

/**
 * Seeds "Nachbarschaftsbefragung Mitte 2025" for the Berlin demo tenant: the XLSForm, the 41
 * planning areas of Mitte as target areas (population from the registry), a finished first wave
 * with 1,500 generated responses (seeded, so every start shows the same results, suppression
 * included) and an open second wave, so the public form can be tried at once.
 *
 * The registry seed runs first, but its events reach this service's read model asynchronously:
 * the seeder waits until area_ref holds Mitte's planning areas.
 */
@Injectable()
export class SurveyDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger(SurveyDemoSeeder.name);

  constructor(
    private readonly store: SurveyStore,
    private readonly collection: CollectionService,
  ) {}

  async seed(
    { progress }: Pick<DemoSeedContext, 'progress'>,
    { timeoutMs = 180_000 }: { timeoutMs?: number } = {},
  ): Promise<boolean> {
    const db = this.store.db;
    const existing: unknown[] = await db.query(`SELECT 1 FROM survey WHERE tenant_id = $1 AND title = $2`, [
      TENANT,
      DEMO_SURVEY_TITLE,
    ]);
    if (existing.length > 0) return false;
    progress('demo: waiting for the Mitte planning areas in the survey read model');
    const areas = await this.waitForAreas(timeoutMs);
    const [mitte] = areas.scope;

    const parsed = formFromSheets({
      survey: sheetFromRows(nachbarschaftMitteForm(areas.planning).survey),
      choices: sheetFromRows(nachbarschaftMitteForm(areas.planning).choices),
      settings: sheetFromRows(nachbarschaftMitteForm(areas.planning).settings),
    });
    if (!parsed.ok) throw new Error(`demo form is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
    const form = parsed.form;
    const compiled = compileForm(form);
    const today = todayInGermany();
    const shiftDays = (days: number) =>
      new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

    progress('demo: seeding the survey "Nachbarschaftsbefragung Mitte 2025"');
    const surveyId = await db.transaction(async (manager) => {
      const [{ id }] = await manager.query(
        `INSERT INTO survey (tenant_id, title, type, status, scope_area_id, scope_area_path, k, form_version, created_by, indicator_items)
         VALUES ($1, $2, 'resident', 'open', $3, $4, 10, 1, 'demo-seed', $5) RETURNING id`,
        [
          TENANT,
          DEMO_SURVEY_TITLE,
          mitte.id,
          [...mitte.path, mitte.id],
          JSON.stringify([
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
          ]),
        ],
      );
      await manager.query(
        `INSERT INTO survey_form (survey_id, version, form, created_by) VALUES ($1, 1, $2, 'demo-seed')`,
        [id, JSON.stringify(form)],
      );
      await manager.query(
        `INSERT INTO survey_target_area (survey_id, area_id, area_key) SELECT $1, id, code FROM area_ref WHERE tenant_id = $2 AND id = ANY($3::uuid[])`,
        [id, TENANT, areas.planning.map((a) => a.id)],
      );
      await manager.query(
        `INSERT INTO survey_wave (survey_id, tenant_id, name, opens_on, closes_on) VALUES ($1, $2, 'Welle 1 (Herbst 2025)', '2025-09-01', '2025-10-31'), ($1, $2, 'Welle 2', $3, $4)`,
        [id, TENANT, shiftDays(-14), shiftDays(90)],
      );
      return id as string;
    });

    const context = await this.collection.authenticatedContextForSeed(TENANT, surveyId);
    const [first, second] = context.waves;
    for (const [wave, total, seed, shift] of [
      [first, 1500, 2025, 0],
      [second, 320, 2026, 0.35],
    ] as const) {
      const answers = generateDemoAnswers(areas.planning, total, seed, shift);
      const day = wave.closesOn < today ? wave.closesOn : today;
      const responses: StoredResponse[] = answers.map((raw, i) => {
        const result = validateSubmission(compiled, raw, { today: day });
        if (!result.ok)
          throw new Error(`demo response ${i + 1} is invalid: ${JSON.stringify(result.issues[0])}`);
        return { areaId: context.areaIds.get(String(raw['planungsraum'])) ?? null, answers: result.answers };
      });
      await db.transaction(async (manager) => {
        for (let i = 0; i < responses.length; i += 500)
          await this.collection.insert(
            manager,
            context.survey,
            wave,
            responses.slice(i, i + 500),
            'import',
            day,
          );
      });
      progress(`demo: ${responses.length} responses in ${wave.name}`);
    }
    this.logger.log(`demo survey ${DEMO_FORM_ID} seeded`);
    return true;
  }

  private async waitForAreas(timeoutMs: number): Promise<{
    scope: { id: string; path: string[] }[];
    planning: { id: string; code: string; name: string }[];
  }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const scope: { id: string; path: string[] }[] = await this.store.db.query(
        `SELECT id, path FROM area_ref WHERE tenant_id = $1 AND code = $2`,
        [TENANT, MITTE],
      );
      const planning: { id: string; code: string; name: string }[] = await this.store.db.query(
        `SELECT id, code, name FROM area_ref WHERE tenant_id = $1 AND level = 'planungsraum' AND code LIKE '01%' AND parent_id IS NOT NULL ORDER BY code`,
        [TENANT],
      );
      if (scope.length === 1 && planning.length >= 41) return { scope, planning };
      if (Date.now() > deadline)
        throw new Error(
          `the survey read model has ${planning.length} of Mitte's 41 planning areas after ${timeoutMs / 1000} s`,
        );
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
