import { parseIndexDefinition } from '@quartier/indicator-core';
import { mssDefinition, mssEditionToLongCsv, mssPeriod } from './indicator-demo-seeder';

describe('MSS demo conversion', () => {
  const file = [
    'id,inhabitants,s1_percentage_unemployed,s2_percentage_long_term_unemployed,d1_percentage_unemployed,d2_percentage_long_term_unemployed',
    '01011101,2930,6.38298,2.22222,-0.82908,',
    '01011102,180,0,0,0,0',
    '99999999,500,1,1,1,1',
  ].join('\n');

  it('writes long rows under the year the edition describes, an all-zero row as missing, unknown areas skipped', () => {
    const { lines, skipped } = mssEditionToLongCsv(file, 2019, new Set(['01011101', '01011102']));
    expect(mssPeriod(2019)).toBe('2018');
    expect(lines).toEqual([
      '01011101,2018,EW,2930',
      '01011101,2018,S1,6.38298',
      '01011101,2018,S2,2.22222',
      '01011101,2018,D1,-0.82908',
      '01011101,2018,D2,',
      '01011102,2018,EW,180',
      '01011102,2018,S1,',
      '01011102,2018,S2,',
      '01011102,2018,D1,',
      '01011102,2018,D2,',
    ]);
    expect(skipped).toEqual(['99999999']);
  });

  it('defines the MSS index per edition (S2/D2 until 2017) in the core format', () => {
    expect(parseIndexDefinition(mssDefinition(2017)).indices.map((i) => i.indicators)).toEqual([
      ['S1', 'S2', 'S3', 'S4'],
      ['D1', 'D2', 'D3', 'D4'],
    ]);
    expect(parseIndexDefinition(mssDefinition(2019)).indices[0].indicators).toEqual(['S1', 'S3', 'S4']);
  });
});
