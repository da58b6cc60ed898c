import { ReportingError } from '../reporting-error';
import { barChart } from './bar-chart';
import { eventStudyChart } from './event-study-chart';
import { classColours, textColourOn } from './palette';
import { timeSeriesChart } from './time-series-chart';

const periods = ['2019', '2020', '2021', '2022', '2023'];

function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ReportingError);
    expect((error as ReportingError).code).toBe('InvalidReportData');
    return (error as Error).message;
  }
  throw new Error('expected a ReportingError');
}

describe('timeSeriesChart', () => {
  const input = {
    id: 'trend',
    periods,
    series: [
      { name: 'Müggelheim', values: [12.3, 11.8, null, 10.9, 10.1] },
      { name: 'Berlin', values: [9.5, 9.1, 8.8, 8.6, 8.4] },
    ],
    format: { kind: 'percent' as const, digits: 1 },
    language: 'de' as const,
  };

  it('renders a vector SVG of the given size with German axis labels and the legend', () => {
    const chart = timeSeriesChart(input);
    expect(chart.svg.startsWith('<svg')).toBe(true);
    expect(chart.svg).toContain('width="480" height="260"');
    expect(chart.svg).toContain('font-family:DejaVu Sans');
    const labels = texts(chart.svg);
    expect(labels).toEqual(expect.arrayContaining(['2019', '2023', 'Müggelheim', 'Berlin', '%']));
    expect(labels.some((l) => /^\d+,\d$/.test(l)) || labels.includes('10') || labels.includes('12')).toBe(
      true,
    );
    expect(chart.svg).not.toMatch(/<image/);
  });

  it('tells series apart by dash as well as colour', () => {
    const chart = timeSeriesChart(input);
    expect(chart.svg).toMatch(/stroke-dasharray/);
  });

  it('describes the first and last known values in the alternative text', () => {
    expect(timeSeriesChart(input).summary).toBe(
      'Liniendiagramm von 2019 bis 2023. Müggelheim: 12,3\u00a0% (2019) bis 10,1\u00a0% (2023); Berlin: 9,5\u00a0% (2019) bis 8,4\u00a0% (2023).',
    );
  });

  it('draws a confidence band and mentions it', () => {
    const chart = timeSeriesChart({
      ...input,
      id: 'band',
      series: [
        {
          name: 'Zufriedenheit',
          values: [60, 62, 61, 65, 66],
          band: { lower: [55, 57, 56, 60, 61], upper: [65, 67, 66, 70, 71] },
        },
      ],
      language: 'en',
    });
    expect(texts(chart.svg)).toContain('Zufriedenheit: 95 % confidence interval');
    expect(chart.summary).toContain('With 95 % confidence interval.');
    expect(chart.svg).toContain('fill="#9ab8d3"');
  });

  it('gives the same SVG for the same data (stable ids for pinned reports)', () => {
    expect(timeSeriesChart(input).svg).toBe(timeSeriesChart(input).svg);
    expect(timeSeriesChart(input).svg).not.toMatch(/zr\d+-/);
  });

  it('rejects series whose length does not match the periods', () => {
    expect(code(() => timeSeriesChart({ ...input, series: [{ name: 'X', values: [1, 2] }] }))).toBe(
      'time series chart "trend": series "X" must have one value per period (5)',
    );
  });
});

describe('barChart', () => {
  it('colours each class and labels bars with counts', () => {
    const colours = classColours(4);
    const chart = barChart({
      id: 'klassen',
      categories: ['1 hoch', '2 mittel', '3 niedrig', '4 sehr niedrig'],
      series: [{ name: 'Planungsräume', values: [52, 340, 88, 56] }],
      categoryColours: colours,
      format: { kind: 'integer' },
      language: 'de',
    });
    for (const colour of colours) expect(chart.svg).toContain(`fill="${colour}"`);
    expect(texts(chart.svg)).toEqual(expect.arrayContaining(['340', '1 hoch', '4 sehr niedrig']));
    expect(chart.summary).toBe(
      'Balkendiagramm. 1 hoch: 52; 2 mittel: 340; 3 niedrig: 88; 4 sehr niedrig: 56.',
    );
  });

  it('plots euro amounts from cents with German grouping on horizontal bars', () => {
    const chart = barChart({
      id: 'budget',
      categories: ['Personal', 'Sachmittel'],
      series: [{ name: 'Budget', values: [12_500_000, 4_250_000] }],
      format: { kind: 'eur-cents', digits: 0 },
      orientation: 'horizontal',
      language: 'de',
    });
    expect(texts(chart.svg)).toEqual(expect.arrayContaining(['125.000', '42.500', 'Personal', '€']));
    expect(chart.summary).toContain('Personal: 125.000\u00a0€');
  });

  it('uses decal patterns when several series share the chart', () => {
    const chart = barChart({
      id: 'plan-ist',
      categories: ['2023', '2024'],
      series: [
        { name: 'Plan', values: [100, 120] },
        { name: 'Ist', values: [90, 130] },
      ],
      format: { kind: 'integer' },
      language: 'en',
    });
    expect(chart.svg).toMatch(/<pattern/);
    expect(chart.summary).toContain('2023: Plan 100, Ist 90');
  });

  it('rejects category colours for several series', () => {
    expect(
      code(() =>
        barChart({
          id: 'x',
          categories: ['a'],
          series: [
            { name: 'A', values: [1] },
            { name: 'B', values: [2] },
          ],
          categoryColours: ['#fff'],
          format: { kind: 'integer' },
          language: 'de',
        }),
      ),
    ).toContain('category colours need a single series');
  });
});

describe('eventStudyChart', () => {
  const estimates = [
    { period: -3, estimate: 0.1, lower: -0.4, upper: 0.6 },
    { period: -2, estimate: -0.05, lower: -0.5, upper: 0.4 },
    { period: 0, estimate: -0.6, lower: -1.1, upper: -0.1 },
    { period: 1, estimate: -0.9, lower: -1.5, upper: -0.3 },
  ];

  it('draws points, whiskers, the zero line and the start, with signed period labels', () => {
    const chart = eventStudyChart({
      id: 'es',
      estimates,
      referencePeriod: -1,
      format: { kind: 'percentage-points', digits: 1 },
      language: 'de',
    });
    const labels = texts(chart.svg);
    expect(labels).toEqual(expect.arrayContaining(['-3', '+1', 'Beginn', 'Referenz', 'Pp.']));
    expect(chart.svg).toMatch(/stroke-dasharray/);
    expect(chart.summary).toContain('Periode +1: -0,9\u00a0Pp. (-1,5\u00a0Pp. bis -0,3\u00a0Pp.)');
  });

  it('rejects an interval that does not contain its estimate, and an estimate for the reference period', () => {
    const bad = [{ period: 0, estimate: 1, lower: 2, upper: 3 }];
    const input = {
      id: 'es',
      referencePeriod: -1,
      format: { kind: 'decimal' as const, digits: 1 },
      language: 'de' as const,
    };
    expect(code(() => eventStudyChart({ ...input, estimates: bad }))).toContain(
      'must contain the estimate 1',
    );
    expect(
      code(() => eventStudyChart({ ...input, estimates: [{ period: -1, estimate: 0, lower: 0, upper: 0 }] })),
    ).toContain('reference period -1 is normalised to zero');
  });
});

describe('palette', () => {
  it('orders class colours from light to dark so they survive greyscale', () => {
    for (let n = 2; n <= 7; n++) {
      const lightness = classColours(n).map(
        (c) => parseInt(c.slice(1, 3), 16) + parseInt(c.slice(3, 5), 16) + parseInt(c.slice(5, 7), 16),
      );
      expect(lightness).toEqual([...lightness].sort((a, b) => b - a));
    }
    expect(() => classColours(9)).toThrow('2 to 7 classes');
  });

  it('picks readable text on light and dark fills', () => {
    expect(textColourOn('#fef0d9')).toBe('#1a1a1a');
    expect(textColourOn('#1f3b5a')).toBe('#ffffff');
  });
});
