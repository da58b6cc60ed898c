import { budgetYearProblem, centsProblem } from '../budget';
import { ProgrammeError, type ProgrammeIssue } from '../programme-error';
import { isIsoDate, isIsoInstant } from '../dates';
import { periodRange } from './periods';
import type { IatiExportOptions, IatiMeasure, IatiOrganisation, IatiProgramme, IatiResult } from './types';

const ROLES = ['funding', 'accountable', 'extending', 'implementing'];

/**
 * Everything the IATI schema and rules need that plain data can get wrong, named by path.
 * @throws ProgrammeError `InvalidIatiInput` with one issue per problem.
 */
export function validateIatiInput(
  programme: IatiProgramme,
  measures: readonly IatiMeasure[],
  options: IatiExportOptions,
): void {
  const issues: ProgrammeIssue[] = [];
  const add = (path: string, reason: string) => issues.push({ path, reason });
  if (!isIsoInstant(options.generatedAt))
    add('generatedAt', `"${options.generatedAt}" is not an ISO 8601 instant with a time zone`);
  if (!programme.reportingOrg.ref.trim()) add('programme.reportingOrg.ref', 'is empty');
  if (!programme.reportingOrg.name.trim()) add('programme.reportingOrg.name', 'is empty');
  if (!programme.identifierPrefix.startsWith(programme.reportingOrg.ref))
    add(
      'programme.identifierPrefix',
      `"${programme.identifierPrefix}" must begin with the reporting organisation's identifier "${programme.reportingOrg.ref}"`,
    );
  (programme.participatingOrgs ?? []).forEach((org, i) =>
    checkOrg(org, `programme.participatingOrgs[${i}]`, add),
  );
  const ids = new Set<string>();
  measures.forEach((measure, i) => {
    const path = `measures[${i}]`;
    if (ids.has(measure.id)) add(`${path}.id`, `measure ${measure.id} occurs twice`);
    ids.add(measure.id);
    checkMeasure(programme, measure, path, add);
  });
  if (issues.length > 0)
    throw new ProgrammeError(
      'InvalidIatiInput',
      `cannot export IATI activities:\n${issues.map((i) => `${i.path}: ${i.reason}`).join('\n')}`,
      {},
      issues,
    );
}

type Add = (path: string, reason: string) => void;

function checkMeasure(programme: IatiProgramme, measure: IatiMeasure, path: string, add: Add): void {
  if (!measure.id.trim()) add(`${path}.id`, 'is empty');
  if (!measure.title.trim()) add(`${path}.title`, 'is empty');
  const dates = ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const;
  for (const key of dates) {
    const value = measure[key];
    if (value !== undefined && !isIsoDate(value))
      add(`${path}.${key}`, `"${value}" is not an ISO date YYYY-MM-DD`);
  }
  if (dates.every((key) => measure[key] === undefined))
    add(path, `measure ${measure.id} has no planned or actual date (IATI needs at least one)`);
  if ((programme.participatingOrgs ?? []).length + (measure.participatingOrgs ?? []).length === 0)
    add(`${path}.participatingOrgs`, `measure ${measure.id} names no participating organisation`);
  (measure.participatingOrgs ?? []).forEach((org, i) =>
    checkOrg(org, `${path}.participatingOrgs[${i}]`, add),
  );
  const years = new Set<number>();
  measure.budgets.forEach((b, i) => {
    const year = budgetYearProblem(b.year);
    if (year) add(`${path}.budgets[${i}].year`, year);
    if (years.has(b.year)) add(`${path}.budgets[${i}].year`, `${b.year} occurs twice`);
    years.add(b.year);
    checkCents(b.amount, `${path}.budgets[${i}].amount`, add);
  });
  measure.expenditures.forEach((e, i) => {
    if (!isIsoDate(e.date))
      add(`${path}.expenditures[${i}].date`, `"${e.date}" is not an ISO date YYYY-MM-DD`);
    checkCents(e.amount, `${path}.expenditures[${i}].amount`, add);
  });
  measure.locations.forEach((l, i) => {
    if (!l.areaCode.trim()) add(`${path}.locations[${i}].areaCode`, 'is empty');
    if (!(Math.abs(l.point.lat) <= 90))
      add(`${path}.locations[${i}].point.lat`, `must lie in [-90, 90] (got ${l.point.lat})`);
    if (!(Math.abs(l.point.lon) <= 180))
      add(`${path}.locations[${i}].point.lon`, `must lie in [-180, 180] (got ${l.point.lon})`);
  });
  (measure.sectors ?? []).forEach((s, i) => {
    if (!s.code.trim()) add(`${path}.sectors[${i}].code`, 'is empty');
    if (s.percentage !== undefined && !(s.percentage >= 0 && s.percentage <= 100))
      add(`${path}.sectors[${i}].percentage`, `must lie in [0, 100] (got ${s.percentage})`);
  });
  if (measure.lastUpdated !== undefined && !isIsoInstant(measure.lastUpdated))
    add(`${path}.lastUpdated`, `"${measure.lastUpdated}" is not an ISO 8601 instant with a time zone`);
  (measure.results ?? []).forEach((r, i) => checkResult(r, `${path}.results[${i}]`, add));
}

function checkOrg(org: IatiOrganisation, path: string, add: Add): void {
  if (!ROLES.includes(org.role))
    add(`${path}.role`, `must be one of ${ROLES.join(', ')} (got "${org.role}")`);
  if (!org.name.trim()) add(`${path}.name`, 'is empty');
}

function checkCents(amount: number, path: string, add: Add): void {
  const problem = centsProblem(amount);
  if (problem) add(path, problem);
}

function checkResult(result: IatiResult, path: string, add: Add): void {
  if (!result.title.trim()) add(`${path}.title`, 'is empty');
  if (result.indicators.length === 0) add(`${path}.indicators`, 'a result needs at least one indicator');
  result.indicators.forEach((indicator, i) => {
    const at = `${path}.indicators[${i}]`;
    if (!indicator.title.trim()) add(`${at}.title`, 'is empty');
    const baseline = periodRange(indicator.baseline.period);
    if (!baseline)
      add(
        `${at}.baseline.period`,
        `"${indicator.baseline.period}" is not a period (2024, 2024H1, 2024Q3, 2024-05, 2024-W10, 2024-12-31, 2024-04-01/P1Y)`,
      );
    if (!Number.isFinite(indicator.baseline.value)) add(`${at}.baseline.value`, 'must be a finite number');
    if (!isIsoDate(indicator.target.date))
      add(`${at}.target.date`, `"${indicator.target.date}" is not an ISO date YYYY-MM-DD`);
    else if (baseline && indicator.actuals.length === 0 && indicator.target.date <= baseline.end)
      add(
        `${at}.target.date`,
        `${indicator.target.date} is not after the baseline period ${indicator.baseline.period}`,
      );
    if (!Number.isFinite(indicator.target.value)) add(`${at}.target.value`, 'must be a finite number');
    indicator.actuals.forEach((actual, j) => {
      if (!periodRange(actual.period))
        add(
          `${at}.actuals[${j}].period`,
          `"${actual.period}" is not a period (2024, 2024H1, 2024Q3, 2024-05, 2024-W10, 2024-12-31, 2024-04-01/P1Y)`,
        );
      if (actual.value !== null && !Number.isFinite(actual.value))
        add(`${at}.actuals[${j}].value`, 'must be a finite number or null (suppressed)');
    });
  });
}
