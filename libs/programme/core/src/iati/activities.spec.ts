import { validateXML } from 'xmllint-wasm';
import { ProgrammeError } from '../programme-error';
import { buildIatiActivitiesXml } from './activities';
import { QM_PROGRAMME, qmMeasures } from './fixtures';
import { periodRange } from './periods';
import { sourceReference } from './results';
import type { IatiMeasure } from './types';

const OPTIONS = { generatedAt: '2026-04-02T10:00:00+02:00' };

function failure(run: () => unknown): ProgrammeError {
  try {
    run();
  } catch (error) {
    if (error instanceof ProgrammeError) return error;
    throw error;
  }
  throw new Error('expected a ProgrammeError');
}

/** The text between `<name …>` and `</name>` of the first match after `from`. */
function block(xml: string, name: string, from = 0): string {
  const start = xml.indexOf(`<${name}`, from);
  const end = xml.indexOf(`</${name}>`, start);
  return xml.slice(start, end + name.length + 3);
}

describe('buildIatiActivitiesXml', () => {
  const xml = buildIatiActivitiesXml(QM_PROGRAMME, qmMeasures(), OPTIONS);

  it('writes one well-formed activity per measure, leaving rejected proposals out', async () => {
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2026-04-02T10:00:00+02:00">\n',
      ),
    ).toBe(true);
    expect(
      (await validateXML({ xml: [{ fileName: 'a.xml', contents: xml }], normalization: 'format' })).errors,
    ).toEqual([]);
    expect([...xml.matchAll(/<iati-identifier>([^<]+)<\/iati-identifier>/g)].map((m) => m[1])).toEqual([
      'DE-BE-SENSBW-QM-m-12',
      'DE-BE-SENSBW-QM-m-13',
    ]);
    expect([...xml.matchAll(/<activity-status code="(\d)"\/>/g)].map((m) => m[1])).toEqual(['2', '1']);
  });

  it('writes the header of an activity in schema order with escaped narratives', () => {
    const activity = block(xml, 'iati-activity');
    expect(activity.split('\n').slice(0, 22).join('\n')).toBe(
      [
        '<iati-activity last-updated-datetime="2026-04-01T08:00:00Z" xml:lang="de" default-currency="EUR">',
        '    <iati-identifier>DE-BE-SENSBW-QM-m-12</iati-identifier>',
        '    <reporting-org ref="DE-BE-SENSBW" type="10">',
        '      <narrative>Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen</narrative>',
        '    </reporting-org>',
        '    <title>',
        '      <narrative>Elterncafé Sprache &amp; Schule</narrative>',
        '    </title>',
        '    <description type="1">',
        '      <narrative>Zweimal pro Woche: Deutsch &lt;für&gt; Eltern, &quot;Schule verstehen&quot; &amp; Beratung</narrative>',
        '    </description>',
        '    <participating-org ref="DE-BE-SENSBW" type="10" role="1">',
        '      <narrative>Land Berlin – Quartiersmanagement</narrative>',
        '    </participating-org>',
        '    <participating-org type="22" role="4">',
        '      <narrative>Nachbarschaftshaus Moabit e. V.</narrative>',
        '    </participating-org>',
        '    <activity-status code="2"/>',
        '    <activity-date type="1" iso-date="2025-01-01"/>',
        '    <activity-date type="2" iso-date="2025-02-03"/>',
        '    <activity-date type="3" iso-date="2027-12-31"/>',
        '    <recipient-country code="DE" percentage="100"/>',
      ].join('\n'),
    );
  });

  it('writes the location as area code with a representative WGS84 point', () => {
    expect(block(xml, 'location')).toBe(
      [
        '<location ref="01200517">',
        '      <location-reach code="1"/>',
        '      <name>',
        '        <narrative>Moabit West</narrative>',
        '      </name>',
        '      <point srsName="http://www.opengis.net/def/crs/EPSG/0/4326">',
        '        <pos>52.5302 13.3342</pos>',
        '      </point>',
        '      <exactness code="2"/>',
        '      <location-class code="1"/>',
        '    </location>',
      ].join('\n'),
    );
    expect(xml).toContain('<sector vocabulary="1" code="43030" percentage="100"/>');
  });

  it('writes budgets per year in year order and expenditures as transactions, in euros with value dates', () => {
    const budgets = [
      ...xml.matchAll(
        /<budget type="1" status="(\d)">\s*<period-start iso-date="([^"]+)"\/>\s*<period-end iso-date="([^"]+)"\/>\s*<value currency="EUR" value-date="([^"]+)">([^<]+)<\/value>/g,
      ),
    ].map((m) => m.slice(1));
    expect(budgets).toEqual([
      ['2', '2025-01-01', '2025-12-31', '2025-01-01', '12500.50'],
      ['2', '2026-01-01', '2026-12-31', '2026-01-01', '15000.00'],
      ['1', '2026-01-01', '2026-12-31', '2026-01-01', '40000.00'], // the proposed measure: indicative
    ]);
    expect(block(xml, 'transaction')).toBe(
      [
        '<transaction>',
        '      <transaction-type code="4"/>',
        '      <transaction-date iso-date="2025-03-31"/>',
        '      <value currency="EUR" value-date="2025-03-31">3100.00</value>',
        '      <description>',
        '        <narrative>Honorare Q1</narrative>',
        '      </description>',
        '    </transaction>',
      ].join('\n'),
    );
    expect(xml).toContain('<value currency="EUR" value-date="2025-06-30">2950.05</value>');
  });

  it('writes results from the impact model: baseline, target and actual per period', () => {
    const results = [
      ...xml.matchAll(/<result type="(\d)">\s*<title>\s*<narrative>([^<]+)<\/narrative>/g),
    ].map((m) => [m[1], m[2]]);
    expect(results).toEqual([
      ['2', 'Eltern kennen die Unterstützungsangebote im Kiez'],
      ['2', 'Familien nutzen Beratung früher'],
      ['3', 'Weniger Kinderarmut im Quartier'],
    ]);
    const impact = block(xml, 'result', xml.indexOf('<result type="3">'));
    expect(impact).toBe(
      [
        '<result type="3">',
        '      <title>',
        '        <narrative>Weniger Kinderarmut im Quartier</narrative>',
        '      </title>',
        '      <indicator measure="2" ascending="0">',
        '        <title>',
        '          <narrative>S4</narrative>',
        '        </title>',
        '        <baseline year="2019" iso-date="2019-12-31" value="48.2"/>',
        '        <period>',
        '          <period-start iso-date="2021-01-01"/>',
        '          <period-end iso-date="2021-12-31"/>',
        '          <target value="44"/>',
        '          <actual value="47.1"/>',
        '        </period>',
        '        <period>',
        '          <period-start iso-date="2023-01-01"/>',
        '          <period-end iso-date="2023-06-30"/>',
        '          <target value="44"/>',
        '        </period>',
        '      </indicator>',
        '    </result>',
      ].join('\n'),
    );
    // A binding without actuals: one period from after the baseline to the target date.
    const network = block(xml, 'result', xml.indexOf('Familien nutzen Beratung früher') - 60);
    expect(network).toContain('<narrative>moabit-west: density</narrative>');
    expect(network).toContain(
      '<period>\n          <period-start iso-date="2025-01-01"/>\n          <period-end iso-date="2027-12-31"/>\n          <target value="0.2"/>\n        </period>',
    );
    expect(xml).toContain('<narrative>Kennt Beratungsangebote</narrative>');
  });

  it('writes monthly, weekly and other spans of actuals and baselines as their first and last days', () => {
    const [measure] = qmMeasures();
    const results = [
      {
        type: 'outcome' as const,
        title: 'Mehr Besuche in der Beratung',
        indicators: [
          {
            title: 'Beratungen im Monat',
            measure: 'unit' as const,
            ascending: true,
            baseline: { period: '2024-02', value: 31 },
            target: { date: '2026-12-31', value: 60 },
            actuals: [
              { period: '2024-05', value: 38 },
              // 2020 has 53 ISO weeks; the last one ends in 2021.
              { period: '2020-W53', value: 9 },
              { period: '2024-04-01/P1Y', value: null },
            ],
          },
        ],
      },
    ];
    const written = buildIatiActivitiesXml(QM_PROGRAMME, [{ ...measure, results }], OPTIONS);
    const range = (start: string, end: string) =>
      `<period-start iso-date="${start}"/>\n          <period-end iso-date="${end}"/>`;
    expect(written).toContain('<baseline year="2024" iso-date="2024-02-29" value="31"/>');
    expect(written).toContain(range('2024-05-01', '2024-05-31'));
    expect(written).toContain(range('2020-12-28', '2021-01-03'));
    expect(written).toContain(range('2024-04-01', '2025-03-31'));
  });

  it('names every bad field', () => {
    const measures = qmMeasures();
    const bad: IatiMeasure[] = [
      {
        ...measures[0],
        plannedStart: '2025-02-30',
        budgets: [
          { year: 2025, amount: 10.5 },
          { year: 2025, amount: 1 },
        ],
        expenditures: [{ date: '31.03.2025', amount: -1 }],
        locations: [{ areaCode: '', name: 'x', point: { lat: 95, lon: NaN } }],
        lastUpdated: '2025-13-01T00:00:00Z',
        results: [
          {
            type: 'outcome',
            title: 'x',
            indicators: [
              {
                title: 't',
                measure: 'unit',
                ascending: true,
                baseline: { period: '2019-S1', value: 1 },
                target: { date: '2030-01-01', value: 2 },
                actuals: [{ period: '2020', value: Infinity }],
              },
            ],
          },
        ],
      },
      { ...measures[1], id: 'm-12', plannedStart: undefined, participatingOrgs: [] },
    ];
    const error = failure(() =>
      buildIatiActivitiesXml({ ...QM_PROGRAMME, identifierPrefix: 'DE-XX', participatingOrgs: [] }, bad, {
        generatedAt: 'now',
      }),
    );
    expect(error.code).toBe('InvalidIatiInput');
    expect(error.issues.map((i) => `${i.path}: ${i.reason}`)).toEqual([
      'generatedAt: "now" is not an ISO 8601 instant with a time zone',
      'programme.identifierPrefix: "DE-XX" must begin with the reporting organisation\'s identifier "DE-BE-SENSBW"',
      'measures[0].plannedStart: "2025-02-30" is not an ISO date YYYY-MM-DD',
      'measures[0].budgets[0].amount: must be a whole number of cents ≥ 0 (got 10.5)',
      'measures[0].budgets[1].year: 2025 occurs twice',
      'measures[0].expenditures[0].date: "31.03.2025" is not an ISO date YYYY-MM-DD',
      'measures[0].expenditures[0].amount: must be a whole number of cents ≥ 0 (got -1)',
      'measures[0].locations[0].areaCode: is empty',
      'measures[0].locations[0].point.lat: must lie in [-90, 90] (got 95)',
      'measures[0].locations[0].point.lon: must lie in [-180, 180] (got NaN)',
      'measures[0].lastUpdated: "2025-13-01T00:00:00Z" is not an ISO 8601 instant with a time zone',
      'measures[0].results[0].indicators[0].baseline.period: "2019-S1" is not a period (2024, 2024H1, 2024Q3, 2024-05, 2024-W10, 2024-12-31, 2024-04-01/P1Y)',
      'measures[0].results[0].indicators[0].actuals[0].value: must be a finite number or null (suppressed)',
      'measures[1].id: measure m-12 occurs twice',
      'measures[1]: measure m-12 has no planned or actual date (IATI needs at least one)',
      'measures[1].participatingOrgs: measure m-12 names no participating organisation',
    ]);
  });

  it('refuses a target that is not after the baseline when there is no actual', () => {
    const [measure] = qmMeasures();
    const results = [
      {
        type: 'impact' as const,
        title: 'x',
        indicators: [
          {
            title: 't',
            measure: 'unit' as const,
            ascending: false,
            baseline: { period: '2024', value: 5 },
            target: { date: '2024-06-30', value: 4 },
            actuals: [],
          },
        ],
      },
    ];
    expect(
      failure(() => buildIatiActivitiesXml(QM_PROGRAMME, [{ ...measure, results }], OPTIONS)).issues,
    ).toEqual([
      {
        path: 'measures[0].results[0].indicators[0].target.date',
        reason: '2024-06-30 is not after the baseline period 2024',
      },
    ]);
  });

  it('refuses to write a document without activities', () => {
    const error = failure(() => buildIatiActivitiesXml(QM_PROGRAMME, [qmMeasures()[2]], OPTIONS));
    expect(error.message).toBe('no measure to export (rejected proposals are not activities)');
  });
});

describe('periodRange', () => {
  it.each([
    ['2024', { start: '2024-01-01', end: '2024-12-31' }],
    ['2024H2', { start: '2024-07-01', end: '2024-12-31' }],
    ['2024Q1', { start: '2024-01-01', end: '2024-03-31' }],
    ['2024Q4', { start: '2024-10-01', end: '2024-12-31' }],
    ['2024-02-29', { start: '2024-02-29', end: '2024-02-29' }],
    ['2024-02', { start: '2024-02-01', end: '2024-02-29' }],
    ['2023-11', { start: '2023-11-01', end: '2023-11-30' }],
    ['2024-W10', { start: '2024-03-04', end: '2024-03-10' }],
    ['2019-W01', { start: '2018-12-31', end: '2019-01-06' }],
    ['2020-W53', { start: '2020-12-28', end: '2021-01-03' }],
    ['2024-04-01/P1Y', { start: '2024-04-01', end: '2025-03-31' }],
    ['2024-01-03/P1W', { start: '2024-01-03', end: '2024-01-09' }],
    ['2023-02-29', null],
    ['2025-W53', null],
    ['2024-13', null],
    ['2024H3', null],
    ['24', null],
  ])('%s → %j', (period, range) => {
    expect(periodRange(period)).toEqual(range);
  });
});

describe('sourceReference', () => {
  it('names survey and network sources technically', () => {
    expect(
      sourceReference({
        kind: 'survey',
        surveyId: 's1',
        question: 'q3',
        measure: { kind: 'share', options: ['ja', 'eher ja'] },
      }),
    ).toBe('s1/q3: share ja, eher ja');
    expect(
      sourceReference({ kind: 'survey', surveyId: 's1', question: 'q4', measure: { kind: 'mean' } }),
    ).toBe('s1/q4: mean');
    expect(
      sourceReference({
        kind: 'network',
        networkId: 'n',
        measure: { kind: 'actors', metric: 'degree', actorIds: ['a', 'b'] },
      }),
    ).toBe('n: degree (2 actors)');
  });
});
