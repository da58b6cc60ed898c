import type { ServiceTestApp } from '@quartier/service-kit';
import { kreuzbergSurvey, startSurveyTestApp } from '../testing/survey-test-app';

jest.setTimeout(60_000);

describe('survey service (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let surveyId: string;
  let otherSurveyId: string;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  beforeAll(async () => {
    ({ t, ids } = await startSurveyTestApp());
    // The planner's draft in Mitte, and the admin's in Kreuzberg outside the planner's scope.
    const created = await call('POST', '/api/survey/surveys', 'planer', {
      title: 'Nachbarschaft 2025',
      scopeAreaId: ids['01'],
    });
    surveyId = created.body.id;
    otherSurveyId = await kreuzbergSurvey(t, ids);
  });
  afterAll(() => t?.close());

  describe('surveys: CRUD, roles, area scope, tenant', () => {
    it('creates a survey in the planner’s scope and refuses outside it, without the role, and without a token', async () => {
      const created = await call('POST', '/api/survey/surveys', 'planer', {
        title: 'Nachbarschaft 2025',
        scopeAreaId: ids['01'],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        title: 'Nachbarschaft 2025',
        type: 'resident',
        status: 'draft',
        k: 10,
        formVersion: 0,
        editable: true,
        targetAreas: [],
        waves: [],
      });
      expect(
        (await call('POST', '/api/survey/surveys', 'planer', { title: 'X', scopeAreaId: ids['02'] })).status,
      ).toBe(403);
      expect(
        (await call('POST', '/api/survey/surveys', 'analyst', { title: 'X', scopeAreaId: ids['01'] })).status,
      ).toBe(403);
      expect(
        (await call('POST', '/api/survey/surveys', undefined, { title: 'X', scopeAreaId: ids['01'] })).status,
      ).toBe(401);
      const other = await call('POST', '/api/survey/surveys', 'admin', {
        title: 'Kreuzberg',
        scopeAreaId: ids['02'],
        k: 5,
      });
      expect(other.status).toBe(201);
      // Both go again: the listing test counts the two drafts the suite starts with.
      for (const id of [created.body.id, other.body.id])
        expect((await call('DELETE', `/api/survey/surveys/${id}`, 'admin')).status).toBe(204);
    });

    it('validates bodies and names the field', async () => {
      const res = await call('POST', '/api/survey/surveys', 'admin', {
        title: '',
        scopeAreaId: ids['01'],
        k: 1,
      });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['k', 'title']);
    });

    it('lists surveys within the caller’s scope; other tenants see nothing and get 404', async () => {
      const planner = await call('GET', '/api/survey/surveys', 'planer');
      expect(planner.body.items.map((s: { id: string }) => s.id)).toEqual([surveyId]);
      const analyst = await call('GET', '/api/survey/surveys', 'analyst');
      expect(analyst.body.total).toBe(2);
      expect((await call('GET', `/api/survey/surveys/${otherSurveyId}`, 'planer')).status).toBe(403);
      expect((await call('GET', `/api/survey/surveys/${surveyId}`, 'musterstadt-admin')).status).toBe(404);
      expect((await call('GET', '/api/survey/surveys', 'musterstadt-admin')).body).toEqual({
        items: [],
        total: 0,
      });
      // Viewers read published results only: drafts are not theirs to see.
      expect((await call('GET', '/api/survey/surveys', 'viewer')).body).toEqual({ items: [], total: 0 });
      expect((await call('GET', `/api/survey/surveys/${surveyId}`, 'viewer')).status).toBe(404);
    });

    it('updates title and k (editors only)', async () => {
      const res = await call('PATCH', `/api/survey/surveys/${surveyId}`, 'planer', {
        title: 'Nachbarschaftsbefragung 2025',
      });
      expect(res.status).toBe(200);
      expect(res.body.title).toBe('Nachbarschaftsbefragung 2025');
      expect((await call('PATCH', `/api/survey/surveys/${surveyId}`, 'analyst', { k: 5 })).status).toBe(403);
    });
  });
});
