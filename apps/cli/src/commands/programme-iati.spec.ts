import { readFileSync } from 'node:fs';
import type { ActualObservation, IatiMeasure, IatiProgramme, ImpactModel } from '@quartier/programme-core';
import { requireReferenceData } from '@quartier/reference-data';
import { validateXML } from 'xmllint-wasm';

// Conformance of the IATI export with the official IATI 2.03 activity schema, read from the
// reference-data folder (CC BY 4.0, never copied into the repository). It lives here, in the
// command-line tool, because the pure programme core may not depend on the reference-data
// library (an infrastructure library reading the file system). The core is imported lazily, as
// the command does, so the CLI keeps starting fast.
const SCHEMA = requireReferenceData(
  ['iati-2.03/iati-activities-schema.xsd', 'iati-2.03/iati-common.xsd', 'iati-2.03/xml.xsd'],
  3,
);
const conformance = SCHEMA ? describe : describe.skip;

async function validate(xml: string) {
  const [activities, common, xmlXsd] = (SCHEMA as string[]).map((path) => readFileSync(path, 'utf8'));
  return validateXML({
    xml: [{ fileName: 'activities.xml', contents: xml }],
    schema: [{ fileName: 'iati-activities-schema.xsd', contents: activities }],
    preload: [
      { fileName: 'iati-common.xsd', contents: common },
      { fileName: 'xml.xsd', contents: xmlXsd },
    ],
  });
}

const programme: IatiProgramme = {
  reportingOrg: {
    ref: 'DE-BE-SENSBW',
    type: '10',
    name: 'Senatsverwaltung für Stadtentwicklung, Bauen & Wohnen',
  },
  identifierPrefix: 'DE-BE-SENSBW-QM',
  participatingOrgs: [{ role: 'funding', ref: 'DE-BE-SENSBW', type: '10', name: 'Land Berlin' }],
};

const modelInput = {
  id: 'model',
  title: 'Elterncafé',
  nodes: [
    { id: 'a', type: 'activity', title: 'Elterncafé' },
    { id: 'o', type: 'output', step: 2, title: 'Eltern nehmen teil' },
    {
      id: 'c',
      type: 'outcome',
      step: 4,
      title: 'Eltern kennen Angebote',
      description: 'Befragung <Eltern> & Lehrkräfte',
      bindings: [
        {
          id: 'b1',
          label: 'Kennt Angebote (ja/teilweise)',
          source: {
            kind: 'survey',
            surveyId: 's',
            question: 'q',
            measure: { kind: 'share', options: ['ja', 'teilweise'] },
          },
          baseline: { value: 0.35, period: '2024' },
          target: { value: 0.6, date: '2027-12-31' },
          polarity: 'higher-is-better',
        },
      ],
    },
    {
      id: 'i',
      type: 'impact',
      step: 7,
      title: 'Weniger Kinderarmut',
      bindings: [
        {
          id: 'b2',
          source: { kind: 'indicator', indicatorCode: 'S4' },
          baseline: { value: 48.2, period: '2019' },
          target: { value: 44, date: '2029-12-31' },
          polarity: 'lower-is-better',
        },
      ],
    },
  ],
  edges: [
    { from: 'a', to: 'o' },
    { from: 'o', to: 'c' },
    { from: 'c', to: 'i' },
  ],
};

const actuals = new Map<string, ActualObservation[]>([
  [
    'b2',
    [
      { status: 'value', value: 47.1, period: '2021' },
      { status: 'suppressed', period: '2023Q2' },
    ],
  ],
]);

function measure(
  id: string,
  status: IatiMeasure['status'],
  overrides: Partial<IatiMeasure> = {},
): IatiMeasure {
  return {
    id,
    title: `Maßnahme ${id} – „Kiez & Schule“`,
    status,
    plannedStart: '2025-01-01',
    budgets: [{ year: 2025, amount: 1_000_000 }],
    expenditures: [],
    locations: [],
    ...overrides,
  };
}

conformance('IATI 2.03 schema conformance of the programme export', () => {
  let core: typeof import('@quartier/programme-core');
  let model: ImpactModel;
  beforeAll(async () => {
    core = await import('@quartier/programme-core');
    model = core.parseImpactModel(modelInput);
  });

  it('validates a programme with measures in every exported status, results, transactions and locations', async () => {
    const xml = core.buildIatiActivitiesXml(
      programme,
      [
        measure('m1', 'running', {
          description: 'Zweimal pro Woche\fin der Schule',
          actualStart: '2025-02-03',
          plannedEnd: '2027-12-31',
          participatingOrgs: [{ role: 'implementing', type: '22', name: 'Nachbarschaftshaus e. V.' }],
          budgets: [
            { year: 2025, amount: 1_250_050 },
            { year: 2026, amount: 1_500_000 },
          ],
          expenditures: [
            { date: '2025-03-31', amount: 310_000, description: 'Honorare Q1' },
            { date: '2025-06-30', amount: 5 },
          ],
          locations: [
            { areaCode: '01200517', name: 'Moabit West', point: { lat: 52.5302, lon: 13.3342 } },
            { areaCode: '01200518', name: 'Beusselkiez', point: { lat: 52.5334, lon: 13.3297 } },
          ],
          sectors: [
            { code: '43030', percentage: 60 },
            { code: '16010', percentage: 40 },
          ],
          results: core.iatiResultsFromImpactModel(model, {
            actuals,
            isPercentage: (b) => b.source.kind === 'indicator',
          }),
          lastUpdated: '2026-04-01T08:00:00Z',
        }),
        measure('m2', 'proposed'),
        measure('m3', 'approved', { plannedEnd: '2026-06-30' }),
        measure('m4', 'completed', { actualStart: '2025-01-06', actualEnd: '2025-11-30' }),
        measure('m5', 'cancelled', { actualStart: '2025-01-06', actualEnd: '2025-03-01' }),
        measure('m6', 'rejected'),
      ],
      { generatedAt: '2026-04-02T10:00:00+02:00' },
    );
    const result = await validate(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml.match(/<iati-activity /g)).toHaveLength(5);
  });

  it('validates the smallest export: one proposed measure with one date and the funder', async () => {
    const xml = core.buildIatiActivitiesXml(programme, [measure('m', 'proposed', { budgets: [] })], {
      generatedAt: '2026-04-02T08:00:00Z',
    });
    expect((await validate(xml)).errors).toEqual([]);
  });

  it('is a real check: the schema rejects an activity whose elements are out of order', async () => {
    const xml = core.buildIatiActivitiesXml(programme, [measure('m', 'proposed')], {
      generatedAt: '2026-04-02T08:00:00Z',
    });
    const swapped = xml.replace(
      /(<title>[\s\S]*?<\/title>)(\s*)(<description type="1">[\s\S]*?<\/description>)/,
      '$3$2$1',
    );
    expect(swapped).not.toBe(xml);
    const result = await validate(swapped);
    expect(result.valid).toBe(false);
    expect(result.errors[0].message).toMatch(/description.*This element is not expected/);
  });
});
