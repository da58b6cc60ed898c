import type { ServiceTestApp } from '@quartier/service-kit';
import { type Form, type FormNode, importXlsForm, tablesToWorkbook } from '@quartier/survey-core';
import { seriousViolations } from './testing/axe';
import { HAS_CHROMIUM, launchChromium, openPublicForm } from './testing/browser';
import { day, startSurveyTestApp } from './testing/survey-test-app';
import { QUARTIER_FORM } from './testing/fixtures';

jest.setTimeout(90_000);

/** Axis-aligned rectangle as a closed GeoJSON polygon (longitude, latitude). */
const box = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

describe('area of residence by map point (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let surveyId: string;
  let waveId: string;
  let form: Form;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  const geometries = () => ({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: ids['011101'],
        properties: { code: '011101', name: 'Stülerstraße' },
        geometry: box(13.3, 52.5, 13.35, 52.52),
      },
      {
        type: 'Feature',
        properties: { id: ids['011102'] },
        geometry: { type: 'MultiPolygon', coordinates: [box(13.35, 52.5, 13.4, 52.52).coordinates] },
      },
    ],
  });

  async function pointForm(): Promise<Form> {
    const imported = await importXlsForm(await tablesToWorkbook(QUARTIER_FORM));
    if (!imported.ok) throw new Error('fixture form does not import');
    // Same questionnaire, but the area of residence is a map point; the list keeps the two target areas.
    const children: FormNode[] = imported.form.children.map((node) =>
      node.kind === 'question' && node.type === 'area' ? { ...node, method: 'point' as const } : node,
    );
    const lists = imported.form.choiceLists.map((list) =>
      list.name === 'gebiete'
        ? { ...list, choices: list.choices.filter((c) => c.name === '011101' || c.name === '011102') }
        : list,
    );
    return { ...imported.form, children, choiceLists: lists };
  }

  /** Stores both target areas' boundaries and opens the survey, as a planner would next. */
  async function publishWithBoundaries(): Promise<void> {
    expect(
      (await call('PUT', `/api/survey/surveys/${surveyId}/area-geometries`, 'planer', geometries())).status,
    ).toBe(200);
    expect(
      (await call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' })).status,
    ).toBe(200);
  }

  beforeAll(async () => {
    ({ t, ids } = await startSurveyTestApp());
    form = await pointForm();
  });
  afterAll(() => t.close());

  // Each test starts from its own draft (target areas and a wave, no boundaries yet): storing
  // boundaries, opening and answering are what the tests check, so none may see another's.
  beforeEach(async () => {
    const created = await call('POST', '/api/survey/surveys', 'planer', {
      title: 'Wohnort per Karte',
      scopeAreaId: ids['01'],
      form,
    });
    expect(created.status).toBe(201);
    surveyId = created.body.id;
    expect(
      (
        await call('PUT', `/api/survey/surveys/${surveyId}/target-areas`, 'planer', {
          areas: [{ areaId: ids['011101'] }, { areaId: ids['011102'] }],
        })
      ).status,
    ).toBe(200);
    const wave = await call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
      name: 'Welle 1',
      opensOn: day(-1),
      closesOn: day(30),
    });
    expect(wave.status).toBe(201);
    waveId = wave.body.id;
  });

  it('refuses to publish a by=point survey before the target areas have boundaries', async () => {
    const res = await call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(
      'area question gebiet: by=point needs the boundaries of every target area; missing for 011101, 011102',
    );
  });

  it('denies storing geometries without an editor role, outside the scope and to another tenant', async () => {
    expect(
      (await call('PUT', `/api/survey/surveys/${surveyId}/area-geometries`, undefined, geometries())).status,
    ).toBe(401);
    expect(
      (await call('PUT', `/api/survey/surveys/${surveyId}/area-geometries`, 'analyst', geometries())).status,
    ).toBe(403);
    expect(
      (
        await call(
          'PUT',
          `/api/survey/surveys/${surveyId}/area-geometries`,
          'musterstadt-admin',
          geometries(),
        )
      ).status,
    ).toBe(404);
    const foreign = await call('POST', '/api/survey/surveys', 'admin', {
      title: 'Kreuzberg',
      scopeAreaId: ids['02'],
    });
    expect(foreign.status).toBe(201);
    expect(
      (await call('PUT', `/api/survey/surveys/${foreign.body.id}/area-geometries`, 'planer', geometries()))
        .status,
    ).toBe(403);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM survey_area_geometry WHERE survey_id = ANY($1)`,
      [[surveyId, foreign.body.id]],
    );
    expect(n).toBe(0);
  });

  it('rejects features that are not target areas, open rings, points and missing ids', async () => {
    const notTarget = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: ids['021101'], properties: {}, geometry: box(13.4, 52.5, 13.45, 52.52) },
      ],
    };
    const res = await call('PUT', `/api/survey/surveys/${surveyId}/area-geometries`, 'planer', notTarget);
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(`features[0]: area ${ids['021101']} is not a target area of this survey`);

    const open = box(13.3, 52.5, 13.35, 52.52);
    open.coordinates[0][4] = [13.31, 52.5];
    const openRing = await call('PUT', `/api/survey/surveys/${surveyId}/area-geometries`, 'planer', {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', id: ids['011101'], geometry: open }],
    });
    expect(openRing.status).toBe(422);
    expect(openRing.body.message).toBe('features[0]: ring 1 is not closed');

    const point = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: ids['011101'], geometry: { type: 'Point', coordinates: [13.3, 52.5] } },
      ],
    };
    expect(
      (await call('PUT', `/api/survey/surveys/${surveyId}/area-geometries`, 'planer', point)).status,
    ).toBe(400);
    const noId = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: box(13.3, 52.5, 13.35, 52.52) }],
    };
    expect(
      (await call('PUT', `/api/survey/surveys/${surveyId}/area-geometries`, 'planer', noId)).status,
    ).toBe(400);
  });

  it('stores the boundaries, then publishes and places a point inside an area; a point outside every area is 422 naming the field', async () => {
    const stored = await call(
      'PUT',
      `/api/survey/surveys/${surveyId}/area-geometries`,
      'planer',
      geometries(),
    );
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual({ areas: 2, missing: [] });
    const rows: { area_id: string; geometry: { type: string } }[] = await t.db.query(
      `SELECT area_id, geometry FROM survey_area_geometry WHERE survey_id = $1 ORDER BY area_id`,
      [surveyId],
    );
    expect(rows.map((r) => [r.area_id, r.geometry.type]).sort()).toEqual(
      [
        [ids['011101'], 'Polygon'],
        [ids['011102'], 'MultiPolygon'],
      ].sort(),
    );
    // Only the geometry is kept, not the registry's other properties.
    expect(Object.keys(rows[0].geometry).sort()).toEqual(['coordinates', 'type']);

    expect(
      (await call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' })).status,
    ).toBe(200);

    const answers = { alter: 35, sicher: '4' };
    const inside = await call(
      'POST',
      `/api/survey/public/surveys/${surveyId}/waves/${waveId}/responses`,
      undefined,
      { answers: { ...answers, gebiet: '52.51 13.37' } },
    );
    expect(inside.status).toBe(201);
    const [response] = await t.db.query(`SELECT area_id, answers FROM survey_response WHERE survey_id = $1`, [
      surveyId,
    ]);
    expect(response.area_id).toBe(ids['011102']);
    // Data minimisation: the stored answer is the area key, never the point.
    expect(response.answers.gebiet).toBe('011102');

    const outside = await call(
      'POST',
      `/api/survey/public/surveys/${surveyId}/waves/${waveId}/responses`,
      undefined,
      { answers: { ...answers, gebiet: '52.60 13.50' } },
    );
    expect(outside.status).toBe(422);
    expect(outside.body.message).toBe('gebiet: the point lies outside all areas of the survey');
    const malformed = await call(
      'POST',
      `/api/survey/public/surveys/${surveyId}/waves/${waveId}/responses`,
      undefined,
      { answers: { ...answers, gebiet: 'Alexanderplatz' } },
    );
    expect(malformed.status).toBe(422);
    expect(malformed.body.message).toBe('gebiet: "Alexanderplatz" is not a geopoint (latitude longitude)');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1`, [
      surveyId,
    ]);
    expect(n).toBe(1);
  });

  it('offers the point as two labelled fields and a location button (no map tiles); the script joins them', async () => {
    await publishWithBoundaries();
    const page = await call('GET', `/api/survey/public/f/${surveyId}`);
    expect(page.status).toBe(200);
    const html = page.body as string;
    expect(html).toContain(
      '<label for="f-gebiet-lat">Breite (Grad Nord)</label><input id="f-gebiet-lat" data-point="gebiet" data-axis="lat" type="text" inputmode="decimal"',
    );
    expect(html).toContain('<label for="f-gebiet-lon">Länge (Grad Ost)</label>');
    expect(html).toContain(
      '<button type="button" class="secondary" data-locate="gebiet" hidden>Meinen Standort verwenden</button>',
    );
    expect(html).toMatch(
      /<fieldset aria-describedby="h-gebiet e-gebiet"><legend>In welchem Gebiet wohnen Sie\? <span class="req"/,
    );
    expect(html).not.toMatch(/tile|openstreetmap/i);
    const script = await fetch(`${t.url}/api/survey/public/assets/form-runtime.js`);
    expect(script.status).toBe(200);
    const code = await script.text();
    expect(code).toContain('getCurrentPosition');
    expect(code).toContain('data-locate');
  });

  (HAS_CHROMIUM ? it : it.skip)(
    'is answered in a real browser: "use my location" fills the fields, a typed point outside every area is announced on the question',
    async () => {
      await publishWithBoundaries();
      const browser = await launchChromium();
      try {
        const { page, errors } = await openPublicForm(browser, t.url, surveyId, {
          permissions: ['geolocation'],
          geolocation: { latitude: 52.5101, longitude: 13.3202 },
        });
        await page.getByLabel('Wie alt sind Sie?').fill('41');
        await page
          .getByRole('group', { name: /Ich fühle mich in meiner Nachbarschaft sicher/ })
          .getByRole('radio')
          .first()
          .check();
        // Typed with a decimal comma, outside both areas: the server refuses, the form says so on the question.
        await page.getByLabel('Breite (Grad Nord)').fill('52,6');
        await page.getByLabel('Länge (Grad Ost)').fill('13,5');
        await page.getByRole('button', { name: 'Antworten absenden' }).click();
        await page.locator('#q-summary:not([hidden])').waitFor();
        expect(await page.locator('#e-gebiet').textContent()).toBe(
          'Dieser Ort liegt in keinem Gebiet dieser Befragung.',
        );
        expect(await page.locator('#f-gebiet-lat').getAttribute('aria-invalid')).toBe('true');
        await page.getByRole('button', { name: 'Meinen Standort verwenden' }).click();
        await page.waitForFunction(
          () => (document.getElementById('f-gebiet-lat') as HTMLInputElement).value === '52.51010',
        );
        expect(await page.getByLabel('Länge (Grad Ost)').inputValue()).toBe('13.32020');
        // With errors shown and partners/points filled: no serious or critical axe-core violation.
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Antworten absenden' }).click();
        await page.getByRole('heading', { name: 'Vielen Dank!' }).waitFor();
        expect(errors).toEqual([]);
        const rows: { area_id: string }[] = await t.db.query(
          `SELECT area_id FROM survey_response WHERE survey_id = $1 AND (answers->>'alter')::int = 41`,
          [surveyId],
        );
        expect(rows).toEqual([{ area_id: ids['011101'] }]);
      } finally {
        await browser.close();
      }
    },
  );

  it('drops the boundaries of an area that is no longer a target area', async () => {
    await publishWithBoundaries();
    for (const gebiet of ['52.51 13.32', '52.51 13.37'])
      expect(
        (
          await call('POST', `/api/survey/public/surveys/${surveyId}/waves/${waveId}/responses`, undefined, {
            answers: { alter: 35, sicher: '4', gebiet },
          })
        ).status,
      ).toBe(201);
    const three = [{ areaId: ids['011101'] }, { areaId: ids['011102'] }, { areaId: ids['011201'] }];
    expect(
      (await call('PUT', `/api/survey/surveys/${surveyId}/target-areas`, 'planer', { areas: three })).status,
    ).toBe(200);
    const withThird = geometries();
    withThird.features.push({
      type: 'Feature',
      id: ids['011201'],
      properties: { code: '011201', name: 'Wilhelmstraße' },
      geometry: box(13.4, 52.5, 13.45, 52.52),
    });
    // In two parts, as the portal sends a city's boundaries: replace, then append.
    const [first, ...rest] = withThird.features;
    expect(
      (
        await call('PUT', `/api/survey/surveys/${surveyId}/area-geometries`, 'planer', {
          ...withThird,
          features: [first],
        })
      ).body,
    ).toEqual({ areas: 1, missing: ['011102', '011201'] });
    expect(
      (
        await call('PUT', `/api/survey/surveys/${surveyId}/area-geometries?mode=append`, 'planer', {
          ...withThird,
          features: rest,
        })
      ).body,
    ).toEqual({ areas: 3, missing: [] });
    expect(
      (await call('PUT', `/api/survey/surveys/${surveyId}/area-geometries?mode=merge`, 'planer', withThird))
        .status,
    ).toBe(400);
    // 011101 and 011102 have responses and stay; 011201 goes and takes its boundary with it.
    expect(
      (
        await call('PUT', `/api/survey/surveys/${surveyId}/target-areas`, 'planer', {
          areas: three.slice(0, 2),
        })
      ).status,
    ).toBe(200);
    const rows: { area_id: string }[] = await t.db.query(
      `SELECT area_id FROM survey_area_geometry WHERE survey_id = $1`,
      [surveyId],
    );
    expect(rows.map((r) => r.area_id).sort()).toEqual([ids['011101'], ids['011102']].sort());
  });
});
