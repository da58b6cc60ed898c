import { decimalEuros } from '../decimal-euros';
import { ProgrammeError } from '../programme-error';
import type { MeasureStatus } from '../workflow';
import { nextDay, periodRange } from './periods';
import type {
  IatiExportOptions,
  IatiMeasure,
  IatiOrganisation,
  IatiProgramme,
  IatiResult,
  IatiResultIndicator,
} from './types';
import { validateIatiInput } from './validate';
import { el, serialiseXml, type XmlElement } from './xml-element';

// IATI activity XML, version 2.03, from plain data: one `iati-activity` per measure, elements in
// the schema's sequence. Codes used (IATI codelists): ActivityStatus 1 pipeline (proposed,
// approved), 2 implementation (running), 4 closed (completed), 5 cancelled; rejected proposals
// were never activities and are left out. ActivityDateType 1/2/3/4 planned start, actual start,
// planned end, actual end. OrganisationRole 1–4. BudgetType 1 original with BudgetStatus
// 2 committed (1 indicative while proposed). TransactionType 4 expenditure. ResultType
// 1 output, 2 outcome, 3 impact; IndicatorMeasure 1 unit, 2 percentage. Locations: the area
// code as `ref`, a representative point in WGS84 (EPSG:4326, "lat lon"), exactness 2
// (approximate), location class 1 (administrative region), reach 1 (where the activity happens).

export const IATI_VERSION = '2.03';

const STATUS_CODE: Readonly<Record<Exclude<MeasureStatus, 'rejected'>, string>> = {
  proposed: '1',
  approved: '1',
  running: '2',
  completed: '4',
  cancelled: '5',
};
const ROLE_CODE: Readonly<Record<IatiOrganisation['role'], string>> = {
  funding: '1',
  accountable: '2',
  extending: '3',
  implementing: '4',
};
const RESULT_TYPE: Readonly<Record<IatiResult['type'], string>> = { output: '1', outcome: '2', impact: '3' };
const WGS84 = 'http://www.opengis.net/def/crs/EPSG/0/4326';

/**
 * The `iati-activities` document for a programme's measures.
 * @throws ProgrammeError `InvalidIatiInput` naming every bad field, or when no measure is left
 *   to export (the schema needs at least one activity).
 */
export function buildIatiActivitiesXml(
  programme: IatiProgramme,
  measures: readonly IatiMeasure[],
  options: IatiExportOptions,
): string {
  validateIatiInput(programme, measures, options);
  const exported = measures.filter((m) => m.status !== 'rejected');
  if (exported.length === 0)
    throw new ProgrammeError(
      'InvalidIatiInput',
      'no measure to export (rejected proposals are not activities)',
      {},
      [{ path: 'measures', reason: 'no measure to export' }],
    );
  return serialiseXml(
    el(
      'iati-activities',
      { version: IATI_VERSION, 'generated-datetime': options.generatedAt },
      exported.map((m) => activity(programme, m)),
    ),
  );
}

function narrative(text: string): XmlElement {
  return el('narrative', {}, text);
}

function activity(programme: IatiProgramme, measure: IatiMeasure): XmlElement {
  const orgs = [...(programme.participatingOrgs ?? []), ...(measure.participatingOrgs ?? [])];
  return el(
    'iati-activity',
    {
      'last-updated-datetime': measure.lastUpdated,
      'xml:lang': programme.language ?? 'de',
      'default-currency': 'EUR',
    },
    el('iati-identifier', {}, `${programme.identifierPrefix}-${measure.id}`),
    el(
      'reporting-org',
      { ref: programme.reportingOrg.ref, type: programme.reportingOrg.type },
      narrative(programme.reportingOrg.name),
    ),
    el('title', {}, narrative(measure.title)),
    el('description', { type: '1' }, narrative(measure.description?.trim() || measure.title)),
    orgs.map((org) =>
      el(
        'participating-org',
        { ref: org.ref, type: org.type, role: ROLE_CODE[org.role] },
        narrative(org.name),
      ),
    ),
    el('activity-status', { code: STATUS_CODE[measure.status as Exclude<MeasureStatus, 'rejected'>] }),
    activityDates(measure),
    el('recipient-country', { code: programme.countryCode ?? 'DE', percentage: '100' }),
    measure.locations.map((l) =>
      el(
        'location',
        { ref: l.areaCode },
        el('location-reach', { code: '1' }),
        el('name', {}, narrative(l.name)),
        el('point', { srsName: WGS84 }, el('pos', {}, `${l.point.lat} ${l.point.lon}`)),
        el('exactness', { code: '2' }),
        el('location-class', { code: '1' }),
      ),
    ),
    (measure.sectors ?? []).map((s) =>
      el('sector', {
        vocabulary: s.vocabulary ?? '1',
        code: s.code,
        percentage: s.percentage === undefined ? undefined : String(s.percentage),
      }),
    ),
    [...measure.budgets]
      .sort((a, b) => a.year - b.year)
      .map((b) =>
        el(
          'budget',
          { type: '1', status: measure.status === 'proposed' ? '1' : '2' },
          el('period-start', { 'iso-date': `${b.year}-01-01` }),
          el('period-end', { 'iso-date': `${b.year}-12-31` }),
          el('value', { currency: 'EUR', 'value-date': `${b.year}-01-01` }, decimalEuros(b.amount)),
        ),
      ),
    measure.expenditures.map((e) =>
      el(
        'transaction',
        {},
        el('transaction-type', { code: '4' }),
        el('transaction-date', { 'iso-date': e.date }),
        el('value', { currency: 'EUR', 'value-date': e.date }, decimalEuros(e.amount)),
        e.description?.trim() ? el('description', {}, narrative(e.description)) : undefined,
      ),
    ),
    (measure.results ?? []).map(result),
  );
}

function activityDates(measure: IatiMeasure): XmlElement[] {
  const dates: [string, string | undefined][] = [
    ['1', measure.plannedStart],
    ['2', measure.actualStart],
    ['3', measure.plannedEnd],
    ['4', measure.actualEnd],
  ];
  return dates
    .filter((d): d is [string, string] => d[1] !== undefined)
    .map(([type, date]) => el('activity-date', { type, 'iso-date': date }));
}

function result(r: IatiResult): XmlElement {
  return el(
    'result',
    { type: RESULT_TYPE[r.type] },
    el('title', {}, narrative(r.title)),
    r.description?.trim() ? el('description', {}, narrative(r.description)) : undefined,
    r.indicators.map(indicator),
  );
}

/**
 * One period per actual (target = the binding's target, actual = the value; a suppressed
 * value publishes the period without an actual rather than a 0); without any actual, one
 * period from the day after the baseline period to the target date carries the target.
 */
function indicator(i: IatiResultIndicator): XmlElement {
  const baseline = periodRange(i.baseline.period) as { start: string; end: string };
  const target = el('target', { value: String(i.target.value) });
  const periods =
    i.actuals.length > 0
      ? i.actuals.map((a) => {
          const range = periodRange(a.period) as { start: string; end: string };
          return el(
            'period',
            {},
            el('period-start', { 'iso-date': range.start }),
            el('period-end', { 'iso-date': range.end }),
            target,
            a.value === null ? undefined : el('actual', { value: String(a.value) }),
          );
        })
      : [
          el(
            'period',
            {},
            el('period-start', { 'iso-date': nextDay(baseline.end) }),
            el('period-end', { 'iso-date': i.target.date }),
            target,
          ),
        ];
  return el(
    'indicator',
    { measure: i.measure === 'percentage' ? '2' : '1', ascending: i.ascending ? '1' : '0' },
    el('title', {}, narrative(i.title)),
    i.description?.trim() ? el('description', {}, narrative(i.description)) : undefined,
    el('baseline', {
      year: baseline.end.slice(0, 4),
      'iso-date': baseline.end,
      value: String(i.baseline.value),
    }),
    periods,
  );
}
