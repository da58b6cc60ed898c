import type { ProgrammeSchemas } from '@quartier/portal-data-access';
import { budgetYear, parseEuros } from '../money';

export type AllocationRequest = ProgrammeSchemas['AllocationDto'];

/** The allocation wizard's fields as typed. */
export interface AllocationForm {
  readonly line: string;
  /** A number input's value: a number, or null when empty. */
  readonly year: unknown;
  readonly budgetEuros: string;
  readonly floorEuros: string;
  readonly capEuros: string;
  readonly unitCents: number;
  readonly needSource: 'index' | 'indicator' | 'population';
  readonly runId: string;
  readonly indicatorCode: string;
  readonly weighting: 'value' | 'count';
  readonly comment: string;
}

/** Why the programme service would refuse the request (its `allocationSchema`), by the field to name. */
export type AllocationProblem =
  | { readonly kind: 'missing'; readonly field: 'line' | 'indexRun' | 'indicatorCode' }
  | { readonly kind: 'badYear' }
  | { readonly kind: 'badAmount'; readonly field: 'budgetAmount' | 'floor' | 'cap' };

/**
 * The preview's or acceptance's request, or the first field the service would refuse: a line,
 * a year from 1990 to 2100, amounts it takes (empty budget: the line's budget; empty floor: 0;
 * empty cap: none), and the need's source — an index run or an indicator code (1…100 characters).
 * A problem is a sentence in the reader's language, not a request that comes back as "invalid
 * input" (or, for an amount, as an error of the portal itself).
 */
export function allocationRequest(
  form: AllocationForm,
):
  | { readonly ok: true; readonly request: AllocationRequest }
  | { readonly ok: false; readonly problem: AllocationProblem } {
  const fail = (problem: AllocationProblem) => ({ ok: false as const, problem });
  if (!form.line) return fail({ kind: 'missing', field: 'line' });
  const year = budgetYear(form.year);
  if (year === null) return fail({ kind: 'badYear' });
  const amounts = { budgetAmount: form.budgetEuros, floor: form.floorEuros, cap: form.capEuros };
  const cents: Partial<Record<keyof typeof amounts, number>> = {};
  for (const field of ['budgetAmount', 'floor', 'cap'] as const) {
    const text = amounts[field].trim();
    if (text === '') continue;
    const parsed = parseEuros(text);
    if (parsed === null) return fail({ kind: 'badAmount', field });
    cents[field] = parsed;
  }
  let need: AllocationRequest['need'];
  if (form.needSource === 'index') {
    if (!form.runId) return fail({ kind: 'missing', field: 'indexRun' });
    need = { source: 'index', runId: form.runId, index: 'status' };
  } else if (form.needSource === 'indicator') {
    const indicatorCode = form.indicatorCode.trim();
    if (indicatorCode === '' || indicatorCode.length > INDICATOR_CODE_MAX_LENGTH)
      return fail({ kind: 'missing', field: 'indicatorCode' });
    need = { source: 'indicator', indicatorCode, weighting: form.weighting };
  } else need = { source: 'population' };
  return {
    ok: true,
    request: {
      line: form.line,
      year,
      ...(cents.budgetAmount === undefined ? {} : { budgetCents: cents.budgetAmount }),
      floorCents: cents.floor ?? 0,
      capCents: cents.cap ?? null,
      unitCents: Number(form.unitCents),
      need,
      comment: form.comment.trim(),
    },
  };
}

/** The longest indicator code an allocation's need names (the service's `allocationSchema`). */
export const INDICATOR_CODE_MAX_LENGTH = 100;
