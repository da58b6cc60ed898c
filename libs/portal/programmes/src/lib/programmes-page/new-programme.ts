import { PROGRAMME_LIST_LIMITS } from '@quartier/contracts/browser';
import type { ProgrammeSchemas } from '@quartier/portal-data-access';
import { parseKeyedLines } from '../keyed-lines';

type CreateProgramme = ProgrammeSchemas['CreateProgrammeDto'];
type List = keyof typeof PROGRAMME_LIST_LIMITS;

/** The create form's fields as typed. */
export interface NewProgrammeForm {
  readonly name: string;
  readonly funder: string;
  readonly legalBasis: string;
  readonly from: string;
  readonly to: string;
  /** `key = label` lines of the budget lines and of the fields of action. */
  readonly budgetLines: string;
  readonly fieldsOfAction: string;
}

/** Why the programme service would refuse the new programme (its `createProgrammeSchema`). */
export type NewProgrammeProblem =
  | { readonly kind: 'badLine'; readonly list: List; readonly line: number }
  | { readonly kind: 'tooMany'; readonly list: List; readonly max: number }
  | { readonly kind: 'noBudgetLine' }
  | { readonly kind: 'periodOrder' };

/**
 * The programme to create, or the first thing the service would refuse: a bad `key = label`
 * line, no budget line or more lines than it keeps, a funding period that ends before it begins.
 */
export function newProgramme(
  form: NewProgrammeForm,
):
  | { readonly ok: true; readonly body: CreateProgramme }
  | { readonly ok: false; readonly problem: NewProgrammeProblem } {
  const lists = {
    budgetLines: parseKeyedLines(form.budgetLines),
    fieldsOfAction: parseKeyedLines(form.fieldsOfAction),
  };
  for (const list of ['budgetLines', 'fieldsOfAction'] as const) {
    const parsed = lists[list];
    if ('badLine' in parsed) return { ok: false, problem: { kind: 'badLine', list, line: parsed.badLine } };
    if (parsed.items.length > PROGRAMME_LIST_LIMITS[list])
      return { ok: false, problem: { kind: 'tooMany', list, max: PROGRAMME_LIST_LIMITS[list] } };
  }
  const budgetLines = 'items' in lists.budgetLines ? lists.budgetLines.items : [];
  const fieldsOfAction = 'items' in lists.fieldsOfAction ? lists.fieldsOfAction.items : [];
  if (budgetLines.length === 0) return { ok: false, problem: { kind: 'noBudgetLine' } };
  if (form.to < form.from) return { ok: false, problem: { kind: 'periodOrder' } };
  return {
    ok: true,
    body: {
      name: form.name.trim(),
      funder: form.funder.trim(),
      legalBasis: form.legalBasis.trim(),
      description: '',
      status: 'planning',
      trafficLight: { green: 0.8, amber: 0.4 },
      iati: null,
      fundingPeriods: [{ from: form.from, to: form.to, label: '' }],
      budgetLines,
      fieldsOfAction,
    },
  };
}
