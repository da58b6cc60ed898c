import type { Form } from '../model';
import { formFromSheets } from '../xlsform/import';
import { sheetFromRows } from '../xlsform/sheets';
import {
  type PublishedNumericCell,
  type PublishedSelectCell,
  type Respondent,
  aggregateResponses,
  publishableQuestions,
} from './aggregate';
import { resultRowFields, resultRows } from './result-rows';
import {
  compareMeans,
  compareShares,
  meanInterval,
  median,
  normalQuantile,
  studentTQuantile,
  wilsonInterval,
} from './statistics';
import { suppressCells } from './suppression';
import { postStratificationWeights } from './weights';

const form: Form = (() => {
  const result = formFromSheets(
    {
      survey: sheetFromRows([
        ['type', 'name', 'label', 'appearance'],
        ['area gebiete', 'area', 'Gebiet', ''],
        ['select_one zustimmung', 'sicher', 'Sicher?', 'likert'],
        ['select_multiple angebote', 'angebote', 'Angebote', ''],
        ['integer', 'alter', 'Alter', ''],
        ['text', 'kommentar', 'Kommentar', ''],
        ['date', 'einzug', 'Einzug', ''],
        ['begin repeat', 'kinder', 'Kinder', ''],
        ['integer', 'kind_alter', 'Alter', ''],
        ['end repeat', '', '', ''],
      ]),
      choices: sheetFromRows([
        ['list_name', 'name', 'label', 'scale_value'],
        ['gebiete', 'mitte', 'Mitte', ''],
        ['gebiete', 'nord', 'Nord', ''],
        ['gebiete', 'sued', 'Süd', ''],
        ['zustimmung', 'nein', 'nein', '1'],
        ['zustimmung', 'eher_nein', 'eher nein', '2'],
        ['zustimmung', 'eher_ja', 'eher ja', '3'],
        ['zustimmung', 'ja', 'ja', '4'],
        ['zustimmung', 'weiss_nicht', 'weiß nicht', ''],
        ['angebote', 'treff', 'Treff', ''],
        ['angebote', 'beratung', 'Beratung', ''],
      ]),
    },
    { fallbackFormId: 'test' },
  );
  if (!result.ok) throw new Error('fixture invalid');
  return result.form;
})();

function respondents(area: string, count: number, make: (i: number) => Partial<Respondent>): Respondent[] {
  return Array.from({ length: count }, (_, i) => ({ area, ...make(i) }));
}

describe('statistics', () => {
  it('computes normal and t quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.5758293035489, 10);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174707, 8);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262157162798206, 10);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0422724563012373, 10);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.262157162798206, 10);
  });

  it('gives Wilson intervals that stay inside [0, 1] at the edges', () => {
    const [lo, hi] = wilsonInterval(0.5, 10)!;
    expect(lo).toBeCloseTo(0.2365931, 6);
    expect(hi).toBeCloseTo(0.7634069, 6);
    const [lo0, hi0] = wilsonInterval(0, 10)!;
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.2775328, 6);
    expect(wilsonInterval(0.5, 0)).toBeNull();
  });

  it('gives t intervals for means, none for a single value', () => {
    const [lo, hi] = meanInterval(10, 2, 10)!;
    expect(lo).toBeCloseTo(10 - (2.262157162798206 * 2) / Math.sqrt(10), 10);
    expect(hi).toBeCloseTo(10 + (2.262157162798206 * 2) / Math.sqrt(10), 10);
    expect(meanInterval(10, NaN, 1)).toBeNull();
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([1, 2, 10])).toBe(2);
  });

  it('compares shares (Newcombe) and means (Welch) between areas or waves', () => {
    const shares = compareShares({ share: 0.6, n: 50 }, { share: 0.4, n: 50 })!;
    expect(shares.difference).toBeCloseTo(0.2, 12);
    const [l1, u1] = wilsonInterval(0.6, 50)!;
    const [l2, u2] = wilsonInterval(0.4, 50)!;
    expect(shares.ci[0]).toBeCloseTo(0.2 - Math.sqrt((0.6 - l1) ** 2 + (u2 - 0.4) ** 2), 14);
    expect(shares.ci[1]).toBeCloseTo(0.2 + Math.sqrt((u1 - 0.6) ** 2 + (0.4 - l2) ** 2), 14);
    expect(shares.ci[0]).toBeGreaterThan(0);
    const means = compareMeans({ mean: 5, sd: 1, n: 10 }, { mean: 4, sd: 1, n: 10 })!;
    expect(means.ci[0]).toBeCloseTo(1 - 2.10092204024096 * Math.sqrt(0.2), 8);
    expect(compareMeans({ mean: 5, sd: 1, n: 1 }, { mean: 4, sd: 1, n: 10 })).toBeNull();
  });
});

describe('suppressCells', () => {
  const k = 10;
  it('publishes everything when every group has at least k', () => {
    expect(
      suppressCells(
        [
          { group: 'a', n: 10 },
          { group: 'b', n: 30 },
        ],
        40,
        k,
      ),
    ).toEqual({ groups: new Map(), total: null });
  });

  it('suppresses small groups and, while they hold fewer than k together, the smallest published group', () => {
    const result = suppressCells(
      [
        { group: 'a', n: 3 },
        { group: 'b', n: 4 },
        { group: 'd', n: 15 },
        { group: 'c', n: 12 },
      ],
      34,
      k,
    );
    expect([...result.groups]).toEqual([
      ['a', 'primary'],
      ['b', 'primary'],
      ['c', 'secondary'],
    ]);
    expect(result.total).toBeNull();
  });

  it('breaks ties by group name', () => {
    const result = suppressCells(
      [
        { group: 'x', n: 2 },
        { group: 'nord', n: 12 },
        { group: 'mitte', n: 12 },
      ],
      26,
      k,
    );
    expect([...result.groups]).toEqual([
      ['x', 'primary'],
      ['mitte', 'secondary'],
    ]);
  });

  it('needs no secondary suppression when the suppressed groups already hold k together', () => {
    const result = suppressCells(
      [
        { group: 'a', n: 6 },
        { group: 'b', n: 5 },
        { group: 'c', n: 40 },
      ],
      51,
      k,
    );
    expect([...result.groups]).toEqual([
      ['a', 'primary'],
      ['b', 'primary'],
    ]);
    expect(result.total).toBeNull();
  });

  it('counts groups without any answer as suppressed and protects them too', () => {
    const result = suppressCells(
      [
        { group: 'a', n: 0 },
        { group: 'b', n: 11 },
        { group: 'c', n: 25 },
      ],
      36,
      k,
    );
    expect([...result.groups]).toEqual([
      ['a', 'primary'],
      ['b', 'secondary'],
    ]);
  });

  it('suppresses the total when it is below k, and then needs no secondary suppression', () => {
    expect(
      suppressCells(
        [
          { group: 'a', n: 3 },
          { group: 'b', n: 4 },
        ],
        7,
        k,
      ),
    ).toEqual({
      groups: new Map([
        ['a', 'primary'],
        ['b', 'primary'],
      ]),
      total: 'primary',
    });
  });

  it('suppresses the total when the groups cannot cover the gap', () => {
    // The total includes respondents outside the listed groups (e.g. a level above the areas).
    const result = suppressCells(
      [
        { group: 'a', n: 2 },
        { group: 'b', n: 3 },
      ],
      40,
      k,
    );
    expect([...result.groups]).toEqual([
      ['a', 'primary'],
      ['b', 'primary'],
    ]);
    expect(result.total).toBe('secondary');
  });

  it('never leaves a published total from which fewer than k respondents can be recovered', () => {
    // Exhaustive over small configurations: published total − published groups ≥ k or 0 suppressed.
    for (let a = 0; a < 14; a++) {
      for (let b = 0; b < 14; b++) {
        for (let c = 8; c < 14; c++) {
          const groups = [
            { group: 'a', n: a },
            { group: 'b', n: b },
            { group: 'c', n: c },
          ];
          const total = a + b + c;
          const result = suppressCells(groups, total, k);
          for (const g of groups) if (g.n < k) expect(result.groups.has(g.group)).toBe(true);
          if (result.total === null) {
            expect(total).toBeGreaterThanOrEqual(k);
            const hidden = groups.filter((g) => result.groups.has(g.group)).reduce((s, g) => s + g.n, 0);
            if (result.groups.size > 0) expect(hidden).toBeGreaterThanOrEqual(k);
          }
        }
      }
    }
  });
});

describe('aggregateResponses', () => {
  const data: Respondent[] = [
    ...respondents('mitte', 12, (i) => ({
      sicher: ['nein', 'eher_nein', 'eher_ja', 'ja', 'weiss_nicht', 'ja'][i % 6],
      angebote: i % 6 === 5 ? [] : i % 2 === 0 ? ['treff', 'beratung'] : ['treff'],
      alter: 20 + i,
      kommentar: 'geheim',
    })),
    ...respondents('nord', 4, (i) => ({ sicher: 'ja', angebote: ['beratung'], alter: 70 + i })),
    ...respondents('sued', 11, (i) => ({
      sicher: i < 8 ? 'eher_ja' : 'nein',
      alter: i === 0 ? undefined : 40,
    })),
  ];

  it('lists the publishable questions: no free text, dates, repeats or the grouping question', () => {
    expect(publishableQuestions(form, 'area').map((q) => q.name)).toEqual(['sicher', 'angebote', 'alter']);
  });

  it('publishes counts, shares, top-2-box and means per group and in total, suppressing below k', () => {
    const result = aggregateResponses(form, data, { by: 'area', k: 10 });
    expect(result.groups).toEqual(['mitte', 'nord', 'sued']);
    const sicher = result.questions[0];
    expect(sicher).toMatchObject({
      question: 'sicher',
      kind: 'select',
      likert: true,
      options: ['nein', 'eher_nein', 'eher_ja', 'ja', 'weiss_nicht'],
    });
    expect(sicher.cells.map((c) => [c.group, c.suppressed])).toEqual([
      ['mitte', null],
      ['nord', 'primary'],
      ['sued', 'secondary'],
      ['*', null],
    ]);
    expect(sicher.cells[1]).toEqual({ group: 'nord', suppressed: 'primary' });
    const mitte = sicher.cells[0] as PublishedSelectCell;
    expect(mitte.n).toBe(12);
    expect(mitte.options.map((o) => o.count)).toEqual([2, 2, 2, 4, 2]);
    expect(mitte.options[3].share).toBeCloseTo(4 / 12, 15);
    // Top-2-box over the 10 answers on the scale ("weiß nicht" is off it): eher_ja + ja.
    expect(mitte.topTwoBox).toMatchObject({
      n: 10,
      count: 6,
      share: 0.6,
      options: ['eher_ja', 'ja'],
      direction: 'ascending',
    });
    // Mean on the scale values 1–4: (2·1 + 2·2 + 2·3 + 4·4) / 10.
    expect(mitte.topTwoBox?.mean).toBeCloseTo(2.8, 12);
    const total = sicher.cells[3] as PublishedSelectCell;
    expect(total.n).toBe(27);
    expect(total.options.map((o) => o.count)).toEqual([5, 2, 10, 8, 2]);
    expect(total.topTwoBox).toMatchObject({ n: 25, count: 18, share: 18 / 25 });

    // select_multiple: n counts respondents who chose anything; shares need not add up to 1.
    // Nord (4) and Süd (0 answers) hold 4 < k together, so Mitte (10) is suppressed as well.
    const angebote = result.questions[1];
    expect(angebote.cells.map((c) => c.suppressed)).toEqual(['secondary', 'primary', 'primary', null]);
    const angeboteTotal = angebote.cells[3] as PublishedSelectCell;
    expect(angeboteTotal.n).toBe(14);
    expect(angeboteTotal.options.map((o) => [o.option, o.count, o.share])).toEqual([
      ['treff', 10, 10 / 14],
      ['beratung', 10, 10 / 14],
    ]);

    const alter = result.questions[2];
    // Nord (4) alone is below k and recoverable from the total: Süd (10, smallest) goes too.
    expect(alter.cells.map((c) => c.suppressed)).toEqual([null, 'primary', 'secondary', null]);
    const alterTotal = alter.cells[3] as PublishedNumericCell;
    expect(alterTotal).toMatchObject({ n: 26, median: 40 });
    expect(alterTotal.mean).toBeCloseTo(992 / 26, 12);
    const alterMitte = alter.cells[0] as PublishedNumericCell;
    expect(alterMitte.mean).toBe(25.5);
    expect(alterMitte.median).toBe(25.5);
    expect(alterMitte.sd).toBeCloseTo(Math.sqrt(13), 12);
  });

  describe('scale direction', () => {
    const scaleForm = (direction: string, values: readonly string[]): Form => {
      const result = formFromSheets(
        {
          survey: sheetFromRows([
            ['type', 'name', 'label', 'appearance', 'parameters'],
            ['area gebiete', 'area', 'Gebiet', '', ''],
            [
              'select_one zufrieden',
              'zufrieden',
              'Zufrieden?',
              'likert',
              direction ? `scale=${direction}` : '',
            ],
          ]),
          choices: sheetFromRows([
            ['list_name', 'name', 'label', 'scale_value'],
            ['gebiete', 'mitte', 'Mitte', ''],
            ...['sehr', 'eher', 'teils', 'eher_nicht', 'gar_nicht'].map((name, i) => [
              'zufrieden',
              name,
              name,
              values[i] ?? '',
            ]),
            // Off the scale where the others carry values; without values there is no such option.
            ...(values.length > 0 ? [['zufrieden', 'weiss_nicht', 'weiß nicht', '']] : []),
          ]),
        },
        { fallbackFormId: 'skala' },
      );
      if (!result.ok) throw new Error(result.issues.map((i) => i.reason).join('; '));
      return result.form;
    };
    // 4 × sehr, 3 × eher, 1 × teils, 2 × gar_nicht.
    const answers = respondents('mitte', 10, (i) => ({
      zufrieden: ['sehr', 'sehr', 'sehr', 'sehr', 'eher', 'eher', 'eher', 'teils', 'gar_nicht', 'gar_nicht'][
        i
      ],
    }));
    const box = (form: Form) =>
      (aggregateResponses(form, answers, { by: 'area', k: 1 }).questions[0].cells[0] as PublishedSelectCell)
        .topTwoBox;

    it('counts the first two options of a scale written from the most favourable point down', () => {
      expect(box(scaleForm('descending', []))).toMatchObject({
        n: 10,
        count: 7,
        share: 0.7,
        options: ['eher', 'sehr'],
        direction: 'descending',
      });
      // Positions score 5 (sehr) … 1 (gar nicht): (4·5 + 3·4 + 1·3 + 2·1) / 10.
      expect(box(scaleForm('descending', []))?.mean).toBeCloseTo(3.7, 12);
    });

    it('reads the same list without a direction as ascending: the last two options are the top', () => {
      expect(box(scaleForm('', []))).toMatchObject({
        count: 2,
        options: ['eher_nicht', 'gar_nicht'],
        direction: 'ascending',
      });
      expect(box(scaleForm('ascending', []))?.mean).toBeCloseTo(2.3, 12);
    });

    it('follows scale values: descending makes the smallest value the best (school grades)', () => {
      const grades = ['1', '2', '3', '4', '5'];
      expect(box(scaleForm('descending', grades))).toMatchObject({ count: 7, options: ['eher', 'sehr'] });
      // Means stay on the grades themselves: (4·1 + 3·2 + 1·3 + 2·5) / 10.
      expect(box(scaleForm('descending', grades))?.mean).toBeCloseTo(2.3, 12);
      expect(box(scaleForm('ascending', grades))).toMatchObject({
        count: 2,
        options: ['eher_nicht', 'gar_nicht'],
      });
    });
  });

  it('flattens to CSV rows: group, then question, then option; suppressed rows without numbers', () => {
    const rows = resultRows(aggregateResponses(form, data, { by: 'area', k: 10 }));
    const csv = rows.map((r) => resultRowFields(r).join(','));
    expect(csv.slice(0, 8)).toEqual([
      'mitte,sicher,nein,12,2,0.16666666666666666,,',
      'mitte,sicher,eher_nein,12,2,0.16666666666666666,,',
      'mitte,sicher,eher_ja,12,2,0.16666666666666666,,',
      'mitte,sicher,ja,12,4,0.3333333333333333,,',
      'mitte,sicher,weiss_nicht,12,2,0.16666666666666666,,',
      'mitte,angebote,treff,,,,,secondary',
      'mitte,angebote,beratung,,,,,secondary',
      'mitte,alter,,12,,,25.5,',
    ]);
    expect(csv.slice(8, 16)).toEqual([
      'nord,sicher,nein,,,,,primary',
      'nord,sicher,eher_nein,,,,,primary',
      'nord,sicher,eher_ja,,,,,primary',
      'nord,sicher,ja,,,,,primary',
      'nord,sicher,weiss_nicht,,,,,primary',
      'nord,angebote,treff,,,,,primary',
      'nord,angebote,beratung,,,,,primary',
      'nord,alter,,,,,,primary',
    ]);
    expect(csv.filter((l) => l.startsWith('sued,alter'))).toEqual(['sued,alter,,,,,,secondary']);
    expect(csv.filter((l) => l.startsWith('*,alter'))).toEqual([
      `*,alter,,26,,,${(20 * 12 + 66 + 4 * 70 + 6 + 400) / 26},`,
    ]);
    expect(rows).toHaveLength(4 * 8);
    expect(csv.some((l) => l.includes('kommentar') || l.includes('geheim'))).toBe(false);
  });

  it('weights shares and means but suppresses on respondent counts', () => {
    const small: Respondent[] = [
      ...respondents('a', 10, (i) => ({ sicher: i < 5 ? 'ja' : 'nein', alter: i < 5 ? 30 : 60 })),
    ];
    const weights = small.map((_, i) => (i < 5 ? 3 : 1));
    const result = aggregateResponses(form, small, { by: 'area', k: 10, weights });
    const cell = result.questions[0].cells[0] as PublishedSelectCell;
    expect(cell.n).toBe(10);
    expect(cell.options.find((o) => o.option === 'ja')).toMatchObject({ count: 5, share: 0.75 });
    expect(cell.nEffective).toBeCloseTo(400 / 50, 12);
    const mean = result.questions[2].cells[0] as PublishedNumericCell;
    expect(mean.mean).toBeCloseTo(37.5, 12);
  });

  it('refuses respondents without a group, unknown options, bad k and bad weights', () => {
    expect(() => aggregateResponses(form, [{ area: '', sicher: 'ja' }], { by: 'area', k: 10 })).toThrow(
      '1 respondent(s) have no area',
    );
    expect(() =>
      aggregateResponses(form, [{ area: 'a', sicher: 'vielleicht' }], { by: 'area', k: 10 }),
    ).toThrow('respondent 1: "vielleicht" is not an option of sicher');
    expect(() => aggregateResponses(form, [], { by: 'area', k: 0 })).toThrow(
      'k must be a whole number ≥ 1, got 0',
    );
    expect(() => aggregateResponses(form, [{ area: 'a' }], { by: 'area', k: 10, weights: [-1] })).toThrow(
      'weights must be one finite',
    );
    expect(() =>
      aggregateResponses(form, [{ area: 'a' }], { by: 'area', k: 10, questions: ['kommentar'] }),
    ).toThrow('not publishable questions: kommentar');
  });
});

describe('postStratificationWeights', () => {
  it('weights each area to its population by cell, normalised to mean 1 within the area', () => {
    const people = [
      { area: 'mitte', cell: 'f' },
      { area: 'mitte', cell: 'f' },
      { area: 'mitte', cell: 'f' },
      { area: 'mitte', cell: 'm' },
      { area: 'nord', cell: 'm' },
      { area: 'nord', cell: undefined },
    ];
    const population = new Map([
      [
        'mitte',
        new Map([
          ['f', 500],
          ['m', 500],
        ]),
      ],
      [
        'nord',
        new Map([
          ['f', 300],
          ['m', 200],
        ]),
      ],
    ]);
    const { weights, emptyCells } = postStratificationWeights(people, population);
    expect(weights).toEqual([2 / 3, 2 / 3, 2 / 3, 2, 1, 1]);
    expect(weights.slice(0, 4).reduce((a, b) => a + b, 0) / 4).toBeCloseTo(1, 12);
    expect(emptyCells).toEqual(new Map([['nord', ['f']]]));
  });
});
