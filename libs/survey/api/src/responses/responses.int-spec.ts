import type { ServiceTestApp } from '@quartier/service-kit';
import { openSurvey } from '../results/open-survey.testing';
import { quartierResponsesCsv, RESPONSES_PER_AREA } from '../testing/fixtures';
import {
  day,
  kreuzbergSurvey,
  outboxTypesOf,
  startSurveyTestApp,
  storedResponses,
  submitResponse,
  VALID_ANSWERS,
} from '../testing/survey-test-app';

jest.setTimeout(60_000);

describe('survey service (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let surveyId: string;
  let waveId: string;
  let otherSurveyId: string;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);
  const valid = VALID_ANSWERS;
  const submit = (
    answers: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    survey = surveyId,
    wave = waveId,
  ) => submitResponse(t, survey, wave, answers, extra);
  const responses = (survey = surveyId) => storedResponses(t, survey);
  const outboxTypes = () => outboxTypesOf(t);

  beforeAll(async () => {
    ({ t, ids } = await startSurveyTestApp());
    ({ surveyId, waveId } = await openSurvey(t, ids));
    otherSurveyId = await kreuzbergSurvey(t, ids);
  });
  afterAll(() => t?.close());

  describe('interviewer entry and paper imports', () => {
    it('lets editors enter a response as interviewer and refuses analysts', async () => {
      const res = await call('POST', `/api/survey/surveys/${surveyId}/waves/${waveId}/responses`, 'planer', {
        answers: { ...valid, gebiet: '011202' },
      });
      expect(res.status).toBe(201);
      const [{ channel }] = await t.db.query(
        `SELECT channel FROM survey_response WHERE channel = 'interviewer'`,
      );
      expect(channel).toBe('interviewer');
      expect(
        (
          await call('POST', `/api/survey/surveys/${surveyId}/waves/${waveId}/responses`, 'analyst', {
            answers: valid,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await call('POST', `/api/survey/surveys/${otherSurveyId}/waves/${waveId}/responses`, 'planer', {
            answers: valid,
          })
        ).status,
      ).toBe(403);
    });

    it('imports all-or-nothing: every bad cell by row and column, nothing stored', async () => {
      const before = await responses();
      const csv = [
        'gebiet,alter,sicher,miete,hobby',
        '011101,35,4,,',
        '011102,abc,4,,',
        '011201,40,9,,',
        ',50,3,,',
      ].join('\n');
      const res = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${waveId}/response-imports`,
        'planer',
        csv,
        'text/csv',
      );
      expect(res.status).toBe(422);
      // Each by code and the values it names (the portal words it), and in English.
      expect(res.body.details.issues).toEqual([
        {
          row: 1,
          column: 'hobby',
          code: 'column-unknown',
          params: { column: 'hobby' },
          reason: '"hobby" is not a question of this form',
        },
        {
          row: 3,
          column: 'alter',
          code: 'expected-integer',
          params: { got: '"abc"' },
          reason: 'expected a whole number, got "abc"',
        },
        {
          row: 4,
          column: 'sicher',
          code: 'choice-unknown',
          params: { value: '9', list: 'zustimmung' },
          reason: '"9" is not an option of list "zustimmung"',
        },
        {
          row: 5,
          column: 'gebiet',
          code: 'area-required',
          params: {},
          reason: 'an area of residence is required',
        },
      ]);
      expect(await responses()).toBe(before);
    });

    it('says by code why a file holds no responses or names a column twice', async () => {
      const url = `/api/survey/surveys/${surveyId}/waves/${waveId}/response-imports`;
      const empty = await call('POST', url, 'planer', 'gebiet,alter', 'text/csv');
      expect(empty.status).toBe(422);
      expect(empty.body.details.issues).toEqual([
        { row: 1, code: 'no-rows', params: {}, reason: 'no rows below the header' },
      ]);
      const twice = await call('POST', url, 'planer', 'gebiet,alter,alter\n011101,35,35', 'text/csv');
      expect(twice.status).toBe(422);
      expect(twice.body.details.issues).toEqual([
        { row: 1, code: 'column-twice', params: {}, reason: 'a column name appears twice' },
      ]);
    });

    it('imports a clean CSV (ODK metadata columns ignored) and an XLSX, with one event per response', async () => {
      const eventsBefore = (await outboxTypes())['survey.response.submitted'] ?? 0;
      const before = await responses();
      const res = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${waveId}/response-imports`,
        'planer',
        quartierResponsesCsv(),
        'text/csv',
      );
      expect(res.status).toBe(201);
      const total = Object.values(RESPONSES_PER_AREA).reduce((a, b) => a + b, 0);
      expect(res.body).toEqual({ imported: total });
      expect(await responses()).toBe(before + total);
      expect((await outboxTypes())['survey.response.submitted']).toBe(eventsBefore + total);
      const [{ channels }] = await t.db.query(
        `SELECT count(*)::int AS channels FROM survey_response WHERE channel = 'import'`,
      );
      expect(channels).toBe(total);
    });
  });

  describe('network surveys', () => {
    it('turns a name-generator submission into survey.network-response.submitted', async () => {
      const created = await call('POST', '/api/survey/surveys', 'planer', {
        title: 'Netzwerk Mitte',
        type: 'network',
        scopeAreaId: ids['01'],
      });
      const id = created.body.id;
      const network = {
        generator: {
          name: 'partner',
          prompt: {
            de: 'Mit welchen Organisationen haben Sie in den letzten 12 Monaten zusammengearbeitet?',
          },
          allowNewActors: true,
          maxAlters: 10,
        },
        interpreters: [
          {
            name: 'haeufigkeit',
            label: { de: 'Wie oft?' },
            kind: 'select_one',
            options: [
              { name: 'selten', label: { de: 'selten' } },
              { name: 'oft', label: { de: 'oft' } },
            ],
            required: true,
          },
        ],
        actors: [
          { id: 'a1', name: 'Stadtteilzentrum Moabit', type: 'civil-society' },
          { id: 'a2', name: 'Jugendamt Mitte', type: 'public-administration' },
        ],
      };
      expect((await call('PATCH', `/api/survey/surveys/${id}`, 'planer', { network })).status).toBe(200);
      const wave = await call('POST', `/api/survey/surveys/${id}/waves`, 'planer', {
        name: '2025',
        opensOn: day(-1),
        closesOn: day(1),
      });
      expect(
        (await call('POST', `/api/survey/surveys/${id}/status`, 'planer', { status: 'open' })).status,
      ).toBe(200);
      const bad = await submit(
        {},
        { network: { respondentActorId: 'a1', alters: [{ actorId: 'a2', answers: {} }] } },
        id,
        wave.body.id,
      );
      expect(bad.status).toBe(422);
      expect(bad.body.message).toBe('network: alters[1].haeufigkeit: an answer is required');
      const ok = await submit(
        {},
        {
          network: {
            respondentActorId: 'a1',
            alters: [
              { actorId: 'a2', answers: { haeufigkeit: 'oft' } },
              { newActor: { name: 'Kiezladen e.V.' }, answers: { haeufigkeit: 'selten' } },
            ],
          },
        },
        id,
        wave.body.id,
      );
      expect(ok.status).toBe(201);
      const [{ envelope }] = await t.db.query(
        `SELECT envelope FROM outbox WHERE type = 'survey.network-response.submitted'`,
      );
      expect(envelope.payload).toMatchObject({
        tenantId: 'berlin-demo',
        surveyId: id,
        waveId: wave.body.id,
        respondent: 'actor:a1',
        actors: [
          expect.objectContaining({ key: 'actor:a1' }),
          expect.objectContaining({ key: 'actor:a2' }),
          expect.objectContaining({ key: 'new:kiezladen e v', isNew: true }),
        ],
        ties: [
          expect.objectContaining({
            source: 'actor:a1',
            target: 'actor:a2',
            attributes: { haeufigkeit: 'oft' },
          }),
          expect.objectContaining({ target: 'new:kiezladen e v' }),
        ],
      });
    });
  });
});
