import { migratedServiceSchema, type MigratedSchema } from '@quartier/service-kit';
import { SURVEY_MIGRATIONS } from '../migrations/survey-migrations';
import { type NewSurvey, SurveyRepository } from '../surveys/survey.repository';
import { WaveRepository, type WaveInput } from '../surveys/wave.repository';

/** The survey schema migrated as the service migrates it, without the service (repository tests). */
export function migratedSurveySchema(): Promise<MigratedSchema> {
  return migratedServiceSchema('survey', SURVEY_MIGRATIONS);
}

/** A draft resident survey in `scopeAreaId` (path: the area alone unless given); returns its id. */
export function storedSurvey(
  schema: MigratedSchema,
  tenantId: string,
  scopeAreaId: string,
  fields: Partial<NewSurvey> = {},
): Promise<string> {
  return schema.db.transaction((m) =>
    new SurveyRepository(schema.db).insert(m, {
      tenantId,
      title: 'Befragung',
      type: 'resident',
      scopeAreaId,
      scopeAreaPath: [scopeAreaId],
      k: 3,
      formVersion: 0,
      createdBy: 'tester',
      ...fields,
    }),
  );
}

/** A wave of a survey; returns its id. */
export function storedWave(
  schema: MigratedSchema,
  tenantId: string,
  surveyId: string,
  wave: Partial<WaveInput> = {},
): Promise<string> {
  return schema.db.transaction((m) =>
    new WaveRepository(schema.db).insert(m, surveyId, tenantId, {
      name: 'Welle 1',
      opensOn: '2025-09-01',
      closesOn: '2025-10-31',
      invitationOnly: false,
      ...wave,
    }),
  );
}
