import { MEASURE_TEXT_LIMITS } from '@quartier/contracts/browser';
import type { ProgrammeSchemas } from '@quartier/portal-data-access';
import { budgetYear, parseEuros } from '../money';

type CreateMeasure = ProgrammeSchemas['CreateMeasureDto'];

/** The proposal form's fields as typed. */
export interface NewMeasureForm {
  readonly title: string;
  readonly description: string;
  readonly areaId: string;
  readonly fieldOfAction: string;
  readonly responsible: string;
  /** Comma-separated. */
  readonly targetGroups: string;
  readonly plannedStart: string;
  readonly plannedEnd: string;
  /** One budget entry: line, year (a number input's value) and euros — all three, or none. */
  readonly budgetLine: string;
  readonly budgetYear: unknown;
  readonly budgetEuros: string;
}

/** Why the programme service would refuse the proposal (its `createMeasureSchema`), or drop part of it. */
export type NewMeasureProblem =
  | { readonly kind: 'plannedOrder' }
  | { readonly kind: 'targetGroups' }
  | { readonly kind: 'budgetIncomplete' }
  | { readonly kind: 'badYear' }
  | { readonly kind: 'badAmount' };

/**
 * The measure to propose, or the first thing the service would refuse: a planned end before the
 * planned start, more or longer target groups than it keeps, a budget year or amount it does not
 * take. A budget entry that lacks its line, year or amount is refused too: the form used to drop
 * it without a word, so a measure was proposed without the budget that was typed.
 */
export function newMeasure(
  form: NewMeasureForm,
):
  | { readonly ok: true; readonly body: CreateMeasure }
  | { readonly ok: false; readonly problem: NewMeasureProblem } {
  const fail = (problem: NewMeasureProblem) => ({ ok: false as const, problem });
  if (form.plannedStart && form.plannedEnd && form.plannedEnd < form.plannedStart)
    return fail({ kind: 'plannedOrder' });
  const targetGroups = form.targetGroups
    .split(',')
    .map((group) => group.trim())
    .filter(Boolean);
  if (
    targetGroups.length > MEASURE_TEXT_LIMITS.targetGroups ||
    targetGroups.some((group) => group.length > MEASURE_TEXT_LIMITS.targetGroupLength)
  )
    return fail({ kind: 'targetGroups' });
  const typed = [form.budgetLine, form.budgetEuros.trim(), form.budgetYear ?? ''].filter((v) => v !== '');
  let budget: CreateMeasure['budget'] = [];
  if (typed.length > 0) {
    if (typed.length < 3) return fail({ kind: 'budgetIncomplete' });
    const year = budgetYear(form.budgetYear);
    if (year === null) return fail({ kind: 'badYear' });
    const cents = parseEuros(form.budgetEuros);
    if (cents === null) return fail({ kind: 'badAmount' });
    budget = [{ year, line: form.budgetLine, amountCents: cents }];
  }
  const title = form.title.trim();
  return {
    ok: true,
    body: {
      title,
      description: form.description.trim(),
      areaIds: [form.areaId],
      fieldOfAction: form.fieldOfAction || null,
      responsible: { name: form.responsible.trim() || title, actorId: null },
      targetGroups,
      budget,
      plannedStart: form.plannedStart || null,
      plannedEnd: form.plannedEnd || null,
      deliberateOverCommitment: false,
    },
  };
}
