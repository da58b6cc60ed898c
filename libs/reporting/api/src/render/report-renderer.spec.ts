import { formatDate, type EvaluationDataset } from '@quartier/reporting-core';
import { assembleOptions, documentOf, withSnapshotOnCityClock, type RenderSpec } from './report-renderer';

const spec = (at: string, timeZone: string): RenderSpec => ({
  type: 'area-profile',
  format: 'pdf',
  language: 'de',
  params: {},
  asOf: new Date(at),
  generatedAt: new Date(at),
  timeZone,
  pin: { dataId: 'snapshot-1', contentHash: 'sha256:ab' },
});

describe('assembleOptions', () => {
  it("dates a report made at 23:30 UTC on New Year's Eve 1 January in Berlin, as of and generated on", () => {
    const options = assembleOptions(spec('2026-12-31T23:30:00.000Z', 'Europe/Berlin'));
    expect(options.asOf).toBe('2027-01-01');
    // The same instant, written on the city's clock: what the renderers print is its day.
    expect(options.generatedAt).toBe('2027-01-01T00:30:00.000+01:00');
    expect(Date.parse(options.generatedAt)).toBe(Date.parse('2026-12-31T23:30:00.000Z'));
    expect(formatDate(options.generatedAt, 'de')).toBe('01.01.2027');
    expect(formatDate(options.generatedAt, 'en')).toBe('1 January 2027');
  });

  it('keeps the UTC day where the platform runs on UTC', () => {
    const options = assembleOptions(spec('2026-12-31T23:30:00.000Z', 'UTC'));
    expect(options.asOf).toBe('2026-12-31');
    expect(formatDate(options.generatedAt, 'de')).toBe('31.12.2026');
  });
});

/** An evaluation of no areas whose numbers come from a snapshot taken at `takenAt`. */
const evaluation = (takenAt: string): EvaluationDataset => ({
  version: 1,
  kind: 'evaluation-report',
  tenant: { id: 't1', name: 'Teststadt', levels: [] },
  areas: [],
  geometry: {},
  criteria: [],
  scale: [],
  statuses: [],
  evaluation: {
    id: 'e1',
    title: 'QM Nord',
    object: { kind: 'programme', programmeName: 'Quartiersmanagement', measureTitle: null, areas: [] },
    startPeriod: '2015',
    status: 'final',
    questions: [],
    ratings: [],
    unrated: [],
    findings: [],
    recommendations: [],
    adjustments: [],
  },
  resultsProblem: null,
  results: {
    source: 'snapshot',
    evidenceHash: 'a'.repeat(64),
    snapshot: { id: 'snapshot-1', hash: 'a'.repeat(64), takenAt },
    pre: [],
    post: [],
    indicators: [],
    reference: null,
    areas: [],
    matching: null,
    comparison: [],
    balance: null,
    outcomes: [],
  },
});

describe('the evaluation report', () => {
  const evaluationSpec = (timeZone: string): RenderSpec => ({
    ...spec('2027-01-05T09:00:00.000Z', timeZone),
    type: 'evaluation',
  });
  const printed = (timeZone: string) =>
    JSON.stringify(documentOf(evaluationSpec(timeZone), evaluation('2026-12-31T23:30:00Z')));

  it("prints a snapshot taken at 23:30 UTC on New Year's Eve as taken on 1 January in Berlin", () => {
    const text = printed('Europe/Berlin');
    expect(text).toContain('vom 01.01.2027');
    expect(text).not.toContain('31.12.2026');
  });

  it('prints its UTC day where the platform runs on UTC', () => {
    expect(printed('UTC')).toContain('vom 31.12.2026');
  });

  it('changes the rendered copy only: the pinned data keep the instant as stored', () => {
    const pinned = evaluation('2026-12-31T23:30:00Z');
    const shown = withSnapshotOnCityClock(pinned, 'Europe/Berlin');
    expect(shown.results?.snapshot?.takenAt).toBe('2027-01-01T00:30:00.000+01:00');
    expect(pinned.results?.snapshot?.takenAt).toBe('2026-12-31T23:30:00Z');
    expect(withSnapshotOnCityClock(evaluation('soon'), 'Europe/Berlin').results?.snapshot?.takenAt).toBe(
      'soon',
    );
  });
});
