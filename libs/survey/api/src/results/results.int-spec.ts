import type { ServiceTestApp, TestReply } from '@quartier/service-kit';
import { openSurvey } from './open-survey.testing';
import { quartierResponsesCsv } from '../testing/fixtures';
import { day, kreuzbergSurvey, startSurveyTestApp, TEST_DAY } from '../testing/survey-test-app';

jest.setTimeout(60_000);

describe('survey service (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let surveyId: string;
  let otherSurveyId: string;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  beforeAll(async () => {
    ({ t, ids } = await startSurveyTestApp());
    // Response rates below are over the target areas' populations: 4,000 + 2,000 + 3,000 + 5,000.
    ({ surveyId } = await openSurvey(t, ids, { population: { '011102': 2000 } }));
    otherSurveyId = await kreuzbergSurvey(t, ids);
  });
  afterAll(() => t?.close());

  describe('results', () => {
    let results: TestReply;
    let resultsWave: string;

    beforeAll(async () => {
      // A wave of its own holding exactly the seeded paper responses.
      const wave = await call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
        name: 'Ergebnisse',
        opensOn: day(-5),
        closesOn: day(-1),
      });
      resultsWave = wave.body.id;
      const res = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${resultsWave}/response-imports`,
        'planer',
        quartierResponsesCsv(),
        'text/csv',
      );
      expect(res.status).toBe(201);
      // The wave has ended: its owner releases what the k-per-area rule held back (011201's 7).
      const release = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${resultsWave}/results/release`,
        'planer',
      );
      expect(release.status).toBe(200);
      results = await call('GET', `/api/survey/surveys/${surveyId}/results?wave=${resultsWave}`, 'viewer');
    });

    it('publishes respondents and response rates per area, suppressing small areas and what would reveal them', async () => {
      expect(results.status).toBe(200);
      const areas = results.body.areas.map(
        (a: {
          key: string;
          respondents: number | null;
          responseRate: number | null;
          suppressed: string | null;
        }) => [a.key, a.respondents, a.responseRate, a.suppressed],
      );
      // 011201 has 7 < 10 respondents; its sibling 011202 would reveal it from the parent 0112, so it is hidden too.
      expect(areas).toEqual([
        ['011101', 40, 0.01, null],
        ['011102', 12, 0.006, null],
        ['011201', null, null, 'primary'],
        ['011202', null, null, 'secondary'],
      ]);
      expect(
        results.body.parents.map((p: { key: string; respondents: number | null }) => [p.key, p.respondents]),
      ).toEqual([
        ['0111', 52],
        ['0112', 32],
      ]);
      expect(results.body.total).toEqual({ respondents: 84, responseRate: 84 / 14000, suppressed: null });
    });

    it('never publishes a cell below k, nor one recoverable by subtraction', async () => {
      const k = results.body.k as number;
      for (const q of results.body.questions) {
        const all = [...q.areas, ...q.parents, q.total];
        for (const cell of all) {
          if (cell.suppressed === null) expect(cell.n).toBeGreaterThanOrEqual(k);
          else expect(Object.keys(cell).sort()).toEqual(['group', 'suppressed']);
        }
        const byParent: Record<string, number[]> = { '0111': [0, 1], '0112': [2, 3] };
        q.parents.forEach((parent: { suppressed: string | null; n?: number }, p: number) => {
          if (parent.suppressed !== null) return;
          const children = byParent[['0111', '0112'][p]].map((i) => q.areas[i]);
          const hidden = children.filter((c: { suppressed: string | null }) => c.suppressed !== null);
          if (hidden.length > 0) {
            const publishedN = children
              .filter((c: { suppressed: string | null }) => c.suppressed === null)
              .reduce((s: number, c: { n: number }) => s + c.n, 0);
            expect((parent.n as number) - publishedN).toBeGreaterThanOrEqual(k);
          }
        });
      }
      const sicher = results.body.questions.find((q: { question: string }) => q.question === 'sicher');
      expect(sicher).toMatchObject({
        kind: 'select',
        likert: true,
        label: 'Ich fühle mich in meiner Nachbarschaft sicher.',
      });
      expect(sicher.areas[0]).toMatchObject({
        group: '011101',
        suppressed: null,
        n: 40,
        topTwoBox: { options: ['4', '5'] },
      });
      expect(sicher.areas[0].options.reduce((s: number, o: { count: number }) => s + o.count, 0)).toBe(40);
      expect(sicher.areas[0].options[0].ci).toHaveLength(2);
    });

    it('never publishes free text and says so', async () => {
      expect(results.body.questions.map((q: { question: string }) => q.question)).not.toContain('kommentar');
      expect(results.body.notPublished).toEqual(
        expect.arrayContaining(['kommentar: free text is never published']),
      );
      expect(JSON.stringify(results.body)).not.toContain('Mehr Bänke');
    });

    it('compares two areas with intervals, and refuses suppressed sides', async () => {
      const res = await call(
        'GET',
        `/api/survey/surveys/${surveyId}/results/comparison?wave=${resultsWave}&area=011101&baseWave=${resultsWave}&baseArea=011102`,
        'analyst',
      );
      expect(res.status).toBe(200);
      const sicher = res.body.questions.find((q: { question: string }) => q.question === 'sicher');
      expect(sicher.suppressed).toBe(false);
      expect(sicher.topTwoBox.ci[0]).toBeLessThan(sicher.topTwoBox.difference);
      const alter = res.body.questions.find((q: { question: string }) => q.question === 'alter');
      expect(alter.mean.ci[1]).toBeGreaterThan(alter.mean.difference);
      const hidden = await call(
        'GET',
        `/api/survey/surveys/${surveyId}/results/comparison?wave=${resultsWave}&area=011201&baseWave=${resultsWave}&baseArea=011101`,
        'analyst',
      );
      expect(hidden.body.questions.every((q: { suppressed: boolean }) => q.suppressed)).toBe(true);
    });

    it('denies results by role, area scope and tenant', async () => {
      expect((await call('GET', `/api/survey/surveys/${surveyId}/results?wave=${resultsWave}`)).status).toBe(
        401,
      );
      expect(
        (
          await call(
            'GET',
            `/api/survey/surveys/${surveyId}/results?wave=${resultsWave}`,
            'musterstadt-admin',
          )
        ).status,
      ).toBe(404);
      const otherWave = await call('POST', `/api/survey/surveys/${otherSurveyId}/waves`, 'admin', {
        name: 'W',
        opensOn: day(-1),
        closesOn: day(1),
      });
      expect(
        (
          await call(
            'GET',
            `/api/survey/surveys/${otherSurveyId}/results?wave=${otherWave.body.id}`,
            'planer',
          )
        ).status,
      ).toBe(403);
      expect((await call('GET', `/api/survey/surveys/${surveyId}/results?wave=nope`, 'viewer')).status).toBe(
        400,
      );
    });

    it('publishes indicator items as survey.results.published with published areas only', async () => {
      const items = [
        {
          code: 'survey.sicher',
          name: 'Anteil, der sich sicher fühlt',
          question: 'sicher',
          measure: 'topTwoBox',
        },
      ];
      // A refusal names the item's field, so the portal can show it at that field.
      const refused = await call('PATCH', `/api/survey/surveys/${surveyId}`, 'planer', {
        indicatorItems: [items[0], { ...items[0], code: 'survey.kommentar', question: 'kommentar' }],
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'InvalidIndicatorItem',
        details: [{ field: 'indicatorItems.1.measure', message: 'top-2-box needs a Likert item' }],
      });
      expect(
        (await call('PATCH', `/api/survey/surveys/${surveyId}`, 'planer', { indicatorItems: items })).status,
      ).toBe(200);
      expect(
        (await call('POST', `/api/survey/surveys/${surveyId}/waves/${resultsWave}/results/publish`, 'viewer'))
          .status,
      ).toBe(403);
      const res = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${resultsWave}/results/publish`,
        'planer',
      );
      expect(res.status).toBe(200);
      const [item] = res.body.items;
      expect(item.values.map((v: { areaId: string }) => v.areaId).sort()).toEqual(
        [ids['011101'], ids['011102'], ids['0111'], ids['0112']].sort(),
      );
      expect([...item.suppressedAreaIds].sort()).toEqual([ids['011201'], ids['011202']].sort());
      const sicher = results.body.questions.find((q: { question: string }) => q.question === 'sicher');
      expect(item.values.find((v: { areaId: string }) => v.areaId === ids['011101']).value).toBe(
        sicher.areas[0].topTwoBox.share,
      );
      const [{ envelope }] = await t.db.query(
        `SELECT envelope FROM outbox WHERE type = 'survey.results.published'`,
      );
      expect(envelope.payload).toEqual(res.body);
      // Dated by the service's clock, not the machine's.
      const [{ day: publishedOn }] = await t.db.query(
        `SELECT to_char(results_published_on, 'YYYY-MM-DD') AS day FROM survey_wave WHERE id = $1`,
        [resultsWave],
      );
      expect(publishedOn).toBe(TEST_DAY);
    });
  });
});
