import { buildSnapshot } from './snapshot';
import { diffSnapshot } from './snapshot-diff';
import { fixtureInput, fixtureValues } from './testing/evidence-fixture';

describe('diffSnapshot', () => {
  const snapshot = buildSnapshot(fixtureInput());

  it('finds nothing when the live data equal the frozen ones', () => {
    const diff = diffSnapshot(snapshot, fixtureValues(), fixtureInput().indicators);
    expect(diff).toMatchObject({
      changed: [],
      added: [],
      removed: [],
      changedDefinitions: [],
      identical: true,
    });
    expect(diff.unchanged).toBe(snapshot.content.values.length);
  });

  it('lists changed, added and removed values within the snapshot scope only', () => {
    const live = fixtureValues().filter(
      (v) => !(v.area === 'A05' && v.indicator === 'K' && v.period === '2014'),
    );
    const i = live.findIndex((v) => v.area === 'A02' && v.indicator === 'U' && v.period === '2016');
    live[i] = { ...live[i], value: 1, numerator: 10, denominator: 1000 };
    const j = live.findIndex((v) => v.area === 'A03' && v.indicator === 'U' && v.period === '2013');
    live[j] = { ...live[j], status: 'suppressed', value: null };
    live.push(
      // Out of scope: another area, indicator and period.
      {
        area: 'A99',
        indicator: 'U',
        period: '2013',
        value: 1,
        numerator: 1,
        denominator: 1,
        status: 'reported',
      },
      {
        area: 'A01',
        indicator: 'Z',
        period: '2013',
        value: 1,
        numerator: null,
        denominator: null,
        status: 'reported',
      },
      {
        area: 'A01',
        indicator: 'U',
        period: '2021',
        value: 1,
        numerator: 1,
        denominator: 1,
        status: 'reported',
      },
    );
    const diff = diffSnapshot(snapshot, live);
    expect(diff.identical).toBe(false);
    expect(diff.changed.map((c) => [c.area, c.indicator, c.period])).toEqual([
      ['A02', 'U', '2016'],
      ['A03', 'U', '2013'],
    ]);
    expect(diff.changed[0].live).toEqual({ value: 1, numerator: 10, denominator: 1000, status: 'reported' });
    expect(diff.changed[1].snapshot.status).toBe('reported');
    expect(diff.removed).toEqual([
      expect.objectContaining({
        area: 'A05',
        indicator: 'K',
        period: '2014',
        snapshot: expect.objectContaining({ status: 'reported' }),
      }),
    ]);
    expect(diff.added).toEqual([]);
    expect(diff.unchanged).toBe(snapshot.content.values.length - 3);
  });

  it('lists a value that appeared and a revised indicator definition', () => {
    const input = fixtureInput(fixtureValues().filter((v) => !(v.area === 'A07' && v.period === '2019')));
    const partial = buildSnapshot(input);
    const revised = input.indicators.map((d) => (d.code === 'K' ? { ...d, definitionVersion: 3 } : d));
    const diff = diffSnapshot(partial, fixtureValues(), revised);
    expect(diff.added.map((a) => `${a.area}/${a.indicator}/${a.period}`)).toEqual([
      'A07/K/2019',
      'A07/U/2019',
    ]);
    expect(diff.changedDefinitions).toEqual(['K']);
  });

  it('lists the values of an area and indicator in time order, whatever the period kinds', () => {
    const input = {
      ...fixtureInput(),
      periods: [...fixtureInput().periods, '2020H1', '2020-12-31', '2021-W01'],
    };
    const live = ['2021-W01', '2020-12-31', '2020H1'].map((period) => ({
      ...fixtureValues().find((v) => v.area === 'A01' && v.indicator === 'U')!,
      period,
    }));
    const diff = diffSnapshot(buildSnapshot(input), [...fixtureValues(), ...live]);
    // As text: 2020-12-31, 2020H1, 2021-W01.
    expect(diff.added.map((a) => a.period)).toEqual(['2020H1', '2020-12-31', '2021-W01']);
  });
});
