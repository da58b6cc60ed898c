import { deliverValues } from '../testing/evidence';
import { QM_PROGRAMME, startProgrammeTestApp, type ProgrammeTestApp } from '../testing/programme-test-app';

/** A programme model with one outcome bound to child poverty (S4) over the programme areas. */
function povertyModel(programmeId: string) {
  return {
    id: programmeId,
    title: 'Wirkungsmodell QM',
    nodes: [
      {
        id: 'in',
        type: 'input',
        step: null,
        title: 'Projektfonds',
        assumptions: [],
        risks: [],
        bindings: [],
      },
      {
        id: 'act',
        type: 'activity',
        step: 1,
        title: 'Lernwerkstätten',
        assumptions: [],
        risks: [],
        bindings: [],
      },
      {
        id: 'out',
        type: 'output',
        step: 2,
        title: 'Kinder nehmen teil',
        assumptions: [],
        risks: [],
        bindings: [],
      },
      {
        id: 'oc',
        type: 'outcome',
        step: 4,
        title: 'Kinder lernen besser',
        assumptions: [],
        risks: [],
        bindings: [],
      },
      {
        id: 'imp',
        type: 'impact',
        step: 7,
        title: 'Weniger Kinderarmut',
        assumptions: ['Arbeitsmarkt stabil'],
        risks: [],
        bindings: [
          {
            id: 'b-s4',
            label: 'Kinderarmut (S4) in den Fördergebieten',
            source: { kind: 'indicator', indicatorCode: 'S4', areas: { kind: 'programme-areas' } },
            baseline: { value: 40, period: '2019' },
            target: { value: 30, date: '2027-12-31' },
            polarity: 'lower-is-better',
          },
        ],
      },
    ],
    edges: [
      { from: 'in', to: 'act' },
      { from: 'act', to: 'out' },
      { from: 'out', to: 'oc' },
      { from: 'oc', to: 'imp' },
    ],
  };
}

describe('impact models and live attainment (real PostgreSQL, real tokens)', () => {
  let t: ProgrammeTestApp;

  beforeAll(async () => {
    t = await startProgrammeTestApp();
  });
  afterAll(() => t?.close());

  /**
   * A programme of its own over manually added areas (Moabit and Wedding unless told), without
   * a model. Indicator values are the tenant's: a test that delivers them gives its programme
   * areas no other test delivers values for.
   */
  async function newProgramme(name: string, codes: readonly string[] = ['0102', '0103']): Promise<string> {
    const id = (await t.call('POST', '/api/programme/programmes', 'programm', { ...QM_PROGRAMME, name })).body
      .id;
    const areas = await t.call('PUT', `/api/programme/programmes/${id}/areas`, 'programm', {
      runId: null,
      rule: null,
      changes: codes.map((code) => ({
        action: 'add',
        areaId: t.areas[code],
        reason: `Fördergebiet ${code}`,
      })),
    });
    expect(areas.status).toBe(200);
    return id;
  }

  /** A programme of its own with the poverty model saved as version 1. */
  async function programmeWithModel(name: string, codes?: readonly string[]): Promise<string> {
    const id = await newProgramme(name, codes);
    const path = `/api/programme/programmes/${id}/impact-model`;
    const saved = await t.call('PUT', path, 'programm', { model: povertyModel(id), baseVersion: 0 });
    expect({ status: saved.status, version: saved.body.version }).toEqual({ status: 200, version: 1 });
    return id;
  }

  it('saves a validated model with an optimistic version check and names the broken node', async () => {
    const programmeId = await newProgramme('QM Modell');
    const path = `/api/programme/programmes/${programmeId}/impact-model`;
    expect((await t.call('GET', path, 'viewer')).body).toMatchObject({ version: 0, model: { nodes: [] } });
    const saved = await t.call('PUT', path, 'programm', { model: povertyModel(programmeId), baseVersion: 0 });
    expect(saved.body).toMatchObject({ version: 1 });
    expect(saved.status).toBe(200);
    const stale = await t.call('PUT', path, 'programm', { model: povertyModel(programmeId), baseVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('ImpactModelChanged');
    const broken = povertyModel(programmeId);
    broken.edges.push({ from: 'imp', to: 'act' });
    const refused = await t.call('PUT', path, 'programm', { model: broken, baseVersion: 1 });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('InvalidImpactModel');
    expect(JSON.stringify(refused.body.details.issues)).toMatch(/edges\.4/);
    expect(
      (await t.call('PUT', path, 'planer', { model: povertyModel(programmeId), baseVersion: 1 })).status,
    ).toBe(403);
  });

  it('computes attainment from indicator values as they arrive, as a ratio of sums over the programme areas', async () => {
    const programmeId = await programmeWithModel('QM Zielerreichung');
    const before = await t.call('GET', `/api/programme/programmes/${programmeId}/attainment`, 'viewer');
    expect(before.body.items[0].nodes[0].bindings[0].current.state).toBe('no-actual');
    await deliverValues(t, 'S4', [
      { code: '0102', period: '2019', value: 50, numerator: 500, denominator: 1000 },
      { code: '0103', period: '2019', value: 20, numerator: 200, denominator: 1000 },
    ]);
    await deliverValues(t, 'S4', [
      { code: '0102', period: '2021', value: 40, numerator: 400, denominator: 1000 },
      { code: '0103', period: '2021', value: 32, numerator: 320, denominator: 1000 },
    ]);
    const after = await t.call('GET', `/api/programme/programmes/${programmeId}/attainment`, 'viewer');
    const binding = after.body.items[0].nodes[0].bindings[0];
    // 2019: (500+200)/(1000+1000) = 35 %; 2021: 720/2000 = 36 % → (36 − 40) / (30 − 40) = 0.4.
    expect(binding.series.map((s: { actual: { value: number } }) => s.actual.value)).toEqual([35, 36]);
    expect(binding.current).toMatchObject({ state: 'measured', raw: 0.4, capped: 0.4, light: 'amber' });
    expect(binding.current.actual).toMatchObject({ period: '2021', status: 'value' });
  });

  it('suppresses an aggregate whose numerator is below the publication minimum', async () => {
    const programmeId = await programmeWithModel('QM Geheimhaltung', ['0201', '0202']);
    await deliverValues(t, 'S4', [
      { code: '0201', period: '2023', value: 0.1, numerator: 1, denominator: 1000, status: 'suppressed' },
      { code: '0202', period: '2023', value: 0.1, numerator: 1, denominator: 1000, status: 'suppressed' },
    ]);
    const after = await t.call('GET', `/api/programme/programmes/${programmeId}/attainment`, 'viewer');
    expect(after.body.items[0].nodes[0].bindings[0].current.state).toBe('suppressed');
  });

  it('copies a model as a template to a measure, exports it as JSON and as a Wirkungstreppe SVG', async () => {
    const programmeId = await programmeWithModel('QM Vorlage');
    const measure = (
      await t.call('POST', `/api/programme/programmes/${programmeId}/measures`, 'programm', {
        title: 'Elterncafé',
        areaIds: [t.areas['0102']],
        responsible: { name: 'Familienzentrum' },
      })
    ).body;
    const copied = await t.call(
      'POST',
      `/api/programme/measures/${measure.id}/impact-model/copy`,
      'programm',
      {
        fromProgrammeId: programmeId,
        title: 'Elterncafé – Wirkungen',
      },
    );
    expect(copied.status).toBe(201);
    expect(copied.body.model.provenance).toMatchObject({
      templateTitle: 'Wirkungsmodell QM',
      copiedBy: 'programm',
    });
    expect(copied.body.model.nodes.map((n: { id: string }) => n.id)).not.toContain('imp');
    const json = await t.call('GET', `/api/programme/measures/${measure.id}/impact-model.json`, 'viewer');
    expect(JSON.parse(json.text)).toMatchObject({ format: 'quartier.impact-model' });
    const svg = await t.call(
      'GET',
      `/api/programme/programmes/${programmeId}/impact-model.svg?lang=de`,
      'viewer',
    );
    expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(svg.text).toMatch(/<svg[^>]*>/);
    expect(svg.text).toMatch(/Weniger Kinderarmut/);
    const svgEn = await t.call(
      'GET',
      `/api/programme/programmes/${programmeId}/impact-model.svg?lang=en`,
      'viewer',
    );
    expect(svgEn.text).not.toBe(svg.text);
    // The measure's copy measures the measure's own area: the attainment lists both models.
    const attainment = await t.call('GET', `/api/programme/programmes/${programmeId}/attainment`, 'viewer');
    expect(attainment.body.items).toHaveLength(2);
  });

  it('refuses a baseline period outside the platform’s period grammar when the model is saved, naming it', async () => {
    const programmeId = await newProgramme('QM Basisperiode');
    const measure = (
      await t.call('POST', `/api/programme/programmes/${programmeId}/measures`, 'programm', {
        title: 'Lernwerkstatt',
        areaIds: [t.areas['0103']],
        responsible: { name: 'Schulverbund' },
      })
    ).body;
    const path = `/api/programme/measures/${measure.id}/impact-model`;
    const withBaseline = (period: string) => {
      const model = povertyModel(measure.id);
      model.nodes[4].bindings[0].baseline.period = period;
      return { model, baseVersion: 0 };
    };
    // Before, each was stored and only the measure's IATI export failed on it.
    for (const [period, reason] of [
      [
        '2019/20',
        '"2019/20" is not a period (YYYY, YYYYH1, YYYYQ1, YYYY-MM, YYYY-Www, YYYY-MM-DD or YYYY-MM-DD/P1Y)',
      ],
      ['2025-W53', '"2025-W53" is not a period: its year has no such day or ISO week'],
    ]) {
      const refused = await t.call('PUT', path, 'programm', withBaseline(period));
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('InvalidImpactModel');
      expect(refused.body.details.issues).toEqual([{ path: 'nodes.4.bindings.0.baseline.period', reason }]);
    }
    expect((await t.call('GET', path, 'viewer')).body).toMatchObject({ version: 0, model: { nodes: [] } });
    const saved = await t.call('PUT', path, 'programm', withBaseline('2024-05'));
    expect(saved.status).toBe(200);
    expect(saved.body.model.nodes[4].bindings[0].baseline).toEqual({ value: 40, period: '2024-05' });
  });

  it('answers another tenant with 404', async () => {
    const programmeId = await programmeWithModel('QM Mandant');
    expect(
      (await t.call('GET', `/api/programme/programmes/${programmeId}/attainment`, 'musterstadt-admin'))
        .status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/api/programme/programmes/${programmeId}/impact-model`, 'musterstadt-admin'))
        .status,
    ).toBe(404);
  });
});
