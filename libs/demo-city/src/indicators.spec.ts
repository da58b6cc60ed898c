import { generateDemoCity } from './city';
import { DEMO_INDICATORS, DEMO_YEARS, generateIndicatorValues } from './indicators';
import { socialModel } from './social-model';

function pearson(a: number[], b: number[]): number {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [sab, saa, sbb] = [0, 0, 0];
  a.forEach((x, i) => {
    sab += (x - ma) * (b[i] - mb);
    saa += (x - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  });
  return sab / Math.sqrt(saa * sbb);
}

describe('generateIndicatorValues', () => {
  const city = generateDemoCity();
  const model = socialModel(city);
  const values = generateIndicatorValues(city, model);
  const cell = new Map(values.map((v) => [`${v.indicator} ${v.period} ${v.area}`, v.value]));
  const column = (indicator: string, period: string) =>
    city.planningAreas.map((a) => cell.get(`${indicator} ${period} ${a.code}`) ?? null);
  const paired = (x: string, y: string, period = '2024'): [number[], number[]] => {
    const [a, b] = [column(x, period), column(y, period)];
    const keep = a.map((v, i) => v !== null && b[i] !== null);
    return [a.filter((_, i) => keep[i]) as number[], b.filter((_, i) => keep[i]) as number[]];
  };

  it('covers 10–20 indicators over eight years on every planning area', () => {
    expect(DEMO_INDICATORS.length).toBeGreaterThanOrEqual(10);
    expect(DEMO_INDICATORS.length).toBeLessThanOrEqual(20);
    expect(new Set(values.map((v) => v.period))).toEqual(new Set(DEMO_YEARS.map(String)));
    expect(new Set(values.map((v) => v.indicator))).toEqual(new Set(DEMO_INDICATORS.map((i) => i.code)));
    expect(new Set(values.map((v) => v.area)).size).toBe(150);
  });

  it('correlates the status indicators strongly, and rents and turnout against them', () => {
    expect(pearson(...paired('S1', 'S4'))).toBeGreaterThan(0.8);
    expect(pearson(...paired('S1', 'S3'))).toBeGreaterThan(0.8);
    expect(pearson(...paired('S3', 'K09'))).toBeLessThan(-0.6);
    expect(pearson(...paired('S3', 'K06'))).toBeLessThan(0);
  });

  it('keeps shares within 0–100 and suppresses rates of areas under 300 inhabitants', () => {
    for (const v of values) {
      const unit = DEMO_INDICATORS.find((i) => i.code === v.indicator)?.unit;
      if (unit === '%' && v.value !== null) expect(v.value >= 0 && v.value <= 100).toBe(true);
    }
    const small = city.planningAreas.find((a) => a.population < 300)!;
    expect(cell.get(`EW 2024 ${small.code}`)).toBe(small.population);
    expect(cell.get(`S1 2024 ${small.code}`)).toBeNull();
  });

  it('derives the dynamics as the change over two years, and has turnout only in election years', () => {
    const area = city.planningAreas.find((a) => a.population > 2000)!.code;
    const d1 = cell.get(`D1 2021 ${area}`) as number;
    expect(d1).toBeCloseTo(
      (cell.get(`S1 2021 ${area}`) as number) - (cell.get(`S1 2019 ${area}`) as number),
      6,
    );
    expect(cell.has(`D1 2018 ${area}`)).toBe(false);
    expect(values.filter((v) => v.indicator === 'K09').map((v) => v.period)).toEqual(
      expect.arrayContaining(['2019', '2024']),
    );
    expect(new Set(values.filter((v) => v.indicator === 'K09').map((v) => v.period)).size).toBe(2);
  });

  it('follows the trends: gentrifying areas improve, and unemployment jumps in 2020', () => {
    const improving = city.planningAreas.filter((a) => (model.trend.get(a.code) ?? 0) < -0.05);
    expect(improving.length).toBeGreaterThan(3);
    const change = improving.map(
      (a) => (cell.get(`S1 2024 ${a.code}`) ?? 0) - (cell.get(`S1 2017 ${a.code}`) ?? 0),
    );
    expect(change.filter((c) => c < 0).length).toBeGreaterThan(0.8 * change.length);
    const total = (period: string) => column('S1', period).reduce((s: number, v) => s + (v ?? 0), 0);
    expect(total('2020')).toBeGreaterThan(total('2019'));
  });

  it('is reproducible', () => {
    expect(generateIndicatorValues(city, model)).toEqual(values);
  });
});
