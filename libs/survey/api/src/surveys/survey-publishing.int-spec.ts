import type { ServiceTestApp } from '@quartier/service-kit';
import { tablesToWorkbook } from '@quartier/survey-core';
import { PLANNING_AREAS, QUARTIER_FORM } from '../testing/fixtures';
import { day, startSurveyTestApp, XLSX } from '../testing/survey-test-app';

jest.setTimeout(60_000);

describe('survey service (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let surveyId: string;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  beforeAll(async () => {
    ({ t, ids } = await startSurveyTestApp());
    // The planner's draft in Mitte with the test form, before target areas and waves.
    const created = await call('POST', '/api/survey/surveys', 'planer', {
      title: 'Nachbarschaftsbefragung 2025',
      scopeAreaId: ids['01'],
    });
    surveyId = created.body.id;
    const form = await call(
      'PUT',
      `/api/survey/surveys/${surveyId}/xlsform`,
      'planer',
      await tablesToWorkbook(QUARTIER_FORM),
      XLSX,
    );
    if (form.status !== 200) throw new Error(`form upload answered ${form.status}`);
  });
  afterAll(() => t?.close());

  describe('publishing', () => {
    it('names what is missing, then opens with target areas and a wave', async () => {
      const candidates = await call(
        'GET',
        `/api/survey/surveys/${surveyId}/candidate-areas?level=planungsraum`,
        'planer',
      );
      expect(candidates.body.map((a: { code: string }) => a.code)).toEqual([...PLANNING_AREAS]);
      const missing = await call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', {
        status: 'open',
      });
      expect(missing.status).toBe(409);
      expect(missing.body.details.problems).toEqual([
        'the survey has no wave',
        'the survey has no target areas',
        'area list gebiete: 011101, 011102, 011201, 011202 are not target area codes',
      ]);
      // The same problems by code, with the values they name, for the portal's sentences.
      expect(missing.body.details.issues).toEqual([
        { code: 'NoWave', params: {} },
        { code: 'NoTargetAreas', params: {} },
        { code: 'UnknownAreaChoices', params: { list: 'gebiete', codes: '011101, 011102, 011201, 011202' } },
      ]);
      const outside = await call('PUT', `/api/survey/surveys/${surveyId}/target-areas`, 'planer', {
        areas: [{ areaId: ids['021101'] }],
      });
      expect(outside.status).toBe(422);
      expect(outside.body.message).toContain("outside the survey's scope area");
      const targets = await call('PUT', `/api/survey/surveys/${surveyId}/target-areas`, 'planer', {
        areas: PLANNING_AREAS.map((code) => ({
          areaId: ids[code],
          ...(code === '011102' ? { population: 2000 } : {}),
        })),
      });
      expect(
        targets.body.targetAreas.map((a: { key: string; population: number }) => [a.key, a.population]),
      ).toEqual([
        ['011101', 4000],
        ['011102', 2000],
        ['011201', 3000],
        ['011202', 5000],
      ]);
      const wave = await call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
        name: 'Welle 1',
        opensOn: day(-30),
        closesOn: day(30),
      });
      expect(wave.status).toBe(201);
      const badWave = await call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
        name: 'W',
        opensOn: day(3),
        closesOn: day(1),
      });
      expect(badWave.status).toBe(400);
      const open = await call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' });
      expect(open.status).toBe(200);
      expect(open.body.status).toBe('open');
      // Once open, viewers find the survey to read its results — but neither its form nor its links.
      const viewerList = await call('GET', '/api/survey/surveys', 'viewer');
      expect(viewerList.body.items.map((s: { id: string; editable: boolean }) => [s.id, s.editable])).toEqual(
        [[surveyId, false]],
      );
      // An area's page lists the surveys covering it: a target area that is the area, lies in it
      // or contains it.
      const covering = async (code: string) =>
        (await call('GET', `/api/survey/surveys?area=${ids[code]}`, 'viewer')).body.items.map(
          (x: { id: string }) => x.id,
        );
      expect(await covering('011101')).toEqual([surveyId]);
      expect(await covering('0111')).toEqual([surveyId]);
      expect(await covering('01')).toEqual([surveyId]);
      expect(await covering('021101')).toEqual([]);
      expect((await call('GET', '/api/survey/surveys?area=011101', 'viewer')).status).toBe(400);
      expect((await call('GET', `/api/survey/surveys/${surveyId}`, 'viewer')).body.waves).toHaveLength(1);
      expect((await call('GET', `/api/survey/surveys/${surveyId}/form`, 'viewer')).status).toBe(403);
      expect((await call('GET', `/api/survey/surveys/${surveyId}/links`, 'viewer')).status).toBe(403);
      const links = await call('GET', `/api/survey/surveys/${surveyId}/links`, 'analyst');
      expect(links.body.areas[0]).toEqual({
        areaId: ids['011101'],
        key: '011101',
        name: 'Stülerstraße',
        url: `${t.url}/api/survey/public/f/${surveyId}?area=011101`,
        qrSvg: `${t.url}/api/survey/public/f/${surveyId}/qr.svg?area=011101`,
      });
    });
  });
});
