// Set-up shared by the survey service's HTTP suites (one per resource); each suite starts its own
// service on a fresh database with it, so the suites run alone and in any order.
import {
  calendarDay,
  DEFAULT_TIME_ZONE,
  ShiftedClock,
  startServiceTestApp,
  type ServiceTestApp,
} from '@quartier/service-kit';
import { SurveyApiModule } from '../survey-api.module';
import { SURVEY_SERVICE } from '../survey.definition';
import { TEST_AREAS } from './fixtures';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The moment the survey suites' services start at, whatever day they run on: waves, submissions
 * and releases are dated against it, so a run across midnight or on another day sees the same
 * dates. Midday in Berlin, far from either midnight.
 */
export const TEST_NOW = new Date('2026-03-10T11:00:00Z');

/** The day of TEST_NOW in the platform's default time zone (Berlin). */
export const TEST_DAY = calendarDay(TEST_NOW, DEFAULT_TIME_ZONE);

/**
 * The service's clock for a suite: starts at TEST_NOW and runs on in real time, so timeouts,
 * durations and ordering by timestamp still work.
 */
export const testClock = () => new ShiftedClock(TEST_NOW);

/** The German day `offset` days from TEST_DAY, as waves are dated. */
export const day = (offset: number) =>
  new Date(Date.parse(`${TEST_DAY}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** Answers to the test form (QUARTIER_FORM) that pass every rule. */
export const VALID_ANSWERS = {
  gebiet: '011101',
  alter: 35,
  sicher: '4',
  wohnform: 'miete',
  miete: 650,
  angebote: ['bibliothek'],
};

/**
 * The survey service over HTTP with the test areas of `berlin-demo` (TEST_AREAS), Musterstadt's
 * N, a planner scoped to Mitte (01), an analyst and a viewer. The public rate limit is far above
 * what a suite sends.
 */
export async function startSurveyTestApp(): Promise<{ t: ServiceTestApp; ids: Record<string, string> }> {
  const t = await startServiceTestApp(SURVEY_SERVICE, {
    module: (rt) => SurveyApiModule.forRoot(rt, { publicRateLimit: { limit: 10_000, windowSeconds: 60 } }),
    runtime: { clock: testClock() },
  });
  const ids = await t.seedAreas(
    'berlin-demo',
    TEST_AREAS.map((a) => ({ ...a })),
  );
  await t.seedAreas('musterstadt', [{ code: 'N', level: 'stadtbezirk' }]);
  await t.grant('berlin-demo', 'planer', 'planner', ids['01']);
  await t.grant('berlin-demo', 'analyst', 'analyst', null);
  await t.grant('berlin-demo', 'viewer', 'viewer', null);
  return { t, ids };
}

/** An anonymous submission to a wave's public form. */
export function submitResponse(
  t: ServiceTestApp,
  surveyId: string,
  waveId: string,
  answers: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return t.call('POST', `/api/survey/public/surveys/${surveyId}/waves/${waveId}/responses`, undefined, {
    answers,
    ...extra,
  });
}

/** How many responses the survey has stored. */
export async function storedResponses(t: ServiceTestApp, surveyId: string): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1`, [
    surveyId,
  ]);
  return n;
}

/** The outbox's rows counted by event type. */
export async function outboxTypesOf(t: ServiceTestApp): Promise<Record<string, number>> {
  const rows: { type: string; n: number }[] = await t.db.query(
    `SELECT type, count(*)::int AS n FROM outbox GROUP BY type`,
  );
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}

/** A draft in Kreuzberg (02) by the admin: outside the planner's scope. */
export async function kreuzbergSurvey(t: ServiceTestApp, ids: Record<string, string>): Promise<string> {
  const other = await t.call('POST', '/api/survey/surveys', 'admin', {
    title: 'Kreuzberg',
    scopeAreaId: ids['02'],
    k: 5,
  });
  if (other.status !== 201) throw new Error(`creating the Kreuzberg survey answered ${other.status}`);
  return other.body.id as string;
}
