import type { ServiceTestApp } from '@quartier/service-kit';
import { postStratificationWeights, wilsonInterval } from '@quartier/survey-core';
import { openSurvey } from './open-survey.testing';
import { quartierResponsesCsv } from '../testing/fixtures';
import { day, startSurveyTestApp } from '../testing/survey-test-app';

jest.setTimeout(60_000);

/** "Uses a service": familienzentrum or bibliothek, on the select_multiple `angebote`. */
const SERVICES = ['familienzentrum', 'bibliothek'];
const ITEMS = [
  {
    code: 'survey.angebote',
    name: 'Anteil, der Angebote nutzt',
    question: 'angebote',
    measure: 'share',
    options: SERVICES,
  },
  { code: 'survey.sicher', name: 'Anteil, der sich sicher fühlt', question: 'sicher', measure: 'topTwoBox' },
];
const WEIGHTING = {
  question: 'wohnform',
  population: { '011101': { miete: 3000, eigentum: 1000 }, '011102': { miete: 1000, eigentum: 1000 } },
};

interface Row {
  area: string;
  wohnform: string;
  angebote: string[];
}
type Cell = {
  group: string;
  suppressed: string | null;
  value?: number | null;
  n?: number;
  ci?: number[] | null;
};

/** The seeded responses as the test reads them (no comma before the `angebote` column is quoted). */
function rowsOf(csv: string): Row[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const fields = line.split(',');
      return { area: fields[0], wohnform: fields[3], angebote: fields[5] ? fields[5].split(' ') : [] };
    });
}

/** The "any of the services" share of `rows`, computed here without the service's code. */
function expectedShare(rows: readonly Row[], weights?: readonly number[]) {
  let weight = 0;
  let hits = 0;
  let squares = 0;
  rows.forEach((row, i) => {
    if (row.angebote.length === 0) return;
    const w = weights?.[i] ?? 1;
    weight += w;
    squares += w * w;
    if (row.angebote.some((a) => SERVICES.includes(a))) hits += w;
  });
  return { share: hits / weight, nEffective: (weight * weight) / squares };
}

describe('survey indicator items in the results (real PostgreSQL)', () => {
  let t: ServiceTestApp;
  let surveyId: string;
  let waveId: string;
  let rows: Row[];

  beforeAll(async () => {
    let ids: Record<string, string>;
    ({ t, ids } = await startSurveyTestApp());
    ({ surveyId } = await openSurvey(t, ids));
    waveId = (
      await t.call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
        name: 'Indikatoren',
        opensOn: day(-5),
        closesOn: day(-1),
      })
    ).body.id;
    const csv = quartierResponsesCsv();
    rows = rowsOf(csv);
    const imported = await t.call(
      'POST',
      `/api/survey/surveys/${surveyId}/waves/${waveId}/response-imports`,
      'planer',
      csv,
      'text/csv',
    );
    expect(imported.status).toBe(201);
    expect(
      (await t.call('POST', `/api/survey/surveys/${surveyId}/waves/${waveId}/results/release`, 'planer'))
        .status,
    ).toBe(200);
    expect(
      (await t.call('PATCH', `/api/survey/surveys/${surveyId}`, 'planer', { indicatorItems: ITEMS })).status,
    ).toBe(200);
  });
  afterAll(() => t?.close());

  const results = async (weighted: boolean) => {
    const res = await t.call(
      'GET',
      `/api/survey/surveys/${surveyId}/results?wave=${waveId}&weighted=${weighted}`,
      'viewer',
    );
    expect(res.status).toBe(200);
    return res.body;
  };

  it('publishes a multi-option share as the share choosing any of them, not the sum of the options', async () => {
    const body = await results(false);
    const item = body.indicators.find((i: { code: string }) => i.code === 'survey.angebote');
    const question = body.questions.find((q: { question: string }) => q.question === 'angebote');
    const mitte = rows.filter((r) => r.area === '011101');
    const expected = expectedShare(mitte);
    expect(item.areas[0]).toEqual({
      group: '011101',
      suppressed: null,
      value: expected.share,
      n: mitte.filter((r) => r.angebote.length > 0).length,
      ci: wilsonInterval(expected.share, expected.nEffective),
    });
    // The seeded answers hold both services at once, so the options' shares add up to more.
    const summed = question.areas[0].options
      .filter((o: { option: string }) => SERVICES.includes(o.option))
      .reduce((s: number, o: { share: number }) => s + o.share, 0);
    expect(summed).toBeGreaterThan(expected.share + 0.01);
    expect(item.total.value).toBeCloseTo(expectedShare(rows).share, 12);
    for (const cell of [...item.areas, ...item.parents, item.total] as Cell[]) {
      if (cell.suppressed !== null) expect(Object.keys(cell).sort()).toEqual(['group', 'suppressed']);
      else expect(cell.value).toBeLessThanOrEqual(1);
    }
    // Suppressed exactly where the question's cells are.
    expect(item.areas.map((c: Cell) => c.suppressed)).toEqual(question.areas.map((c: Cell) => c.suppressed));
  });

  it('gives a top-2-box its share over the answers on the scale', async () => {
    const body = await results(false);
    const item = body.indicators.find((i: { code: string }) => i.code === 'survey.sicher');
    const sicher = body.questions.find((q: { question: string }) => q.question === 'sicher');
    expect(item.areas[0]).toEqual({
      group: '011101',
      suppressed: null,
      value: sicher.areas[0].topTwoBox.share,
      n: sicher.areas[0].topTwoBox.n,
      ci: sicher.areas[0].topTwoBox.ci,
    });
  });

  it('weights the share like every other weighted figure, and publishes what the results show', async () => {
    expect(
      (await t.call('PATCH', `/api/survey/surveys/${surveyId}`, 'planer', { weighting: WEIGHTING })).status,
    ).toBe(200);
    try {
      const body = await results(true);
      expect(body.weighted).toBe(true);
      const item = body.indicators.find((i: { code: string }) => i.code === 'survey.angebote');
      const population = new Map(
        Object.entries(WEIGHTING.population).map(([area, cells]) => [area, new Map(Object.entries(cells))]),
      );
      const mitte = rows.filter((r) => r.area === '011101');
      const { weights } = postStratificationWeights(
        mitte.map((r) => ({ area: r.area, cell: r.wohnform || undefined })),
        population,
      );
      const weighted = expectedShare(mitte, weights);
      expect(weighted.share).not.toBeCloseTo(expectedShare(mitte).share, 6);
      expect(item.areas[0].value).toBeCloseTo(weighted.share, 12);
      expect(item.areas[0].ci).toEqual(wilsonInterval(item.areas[0].value, weighted.nEffective));

      // The event carries the same numbers the reader sees (weighted, as the survey is).
      const published = await t.call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${waveId}/results/publish`,
        'planer',
      );
      expect(published.status).toBe(200);
      const event = published.body.items.find(
        (i: { indicatorCode: string }) => i.indicatorCode === 'survey.angebote',
      );
      const valued = [...body.areas, ...body.parents].flatMap((group: { areaId: string }, i: number) => {
        const cell = [...item.areas, ...item.parents][i] as Cell;
        return cell.suppressed === null
          ? [
              {
                areaId: group.areaId,
                value: cell.value,
                n: cell.n,
                ciLower: cell.ci?.[0],
                ciUpper: cell.ci?.[1],
              },
            ]
          : [];
      });
      expect(event.values).toEqual(valued);
    } finally {
      await t.call('PATCH', `/api/survey/surveys/${surveyId}`, 'planer', { weighting: null });
    }
  });
});
