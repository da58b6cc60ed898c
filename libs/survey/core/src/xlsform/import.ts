// XLSForm → questionnaire model. Structural problems (unknown types, unmatched groups, bad
// headers) are found here row by row; semantic ones (names, lists, expressions) by
// `validateFormModel`, then located back to the row and column they came from. Every problem is
// reported, not just the first, so a form can be fixed in one pass.
import { bidiProblem, textProblem } from '@quartier/contracts';
import { type FormIssue, type XlsFormSheetName, sheetIssue, sortFormIssues } from '../errors';
import {
  type FormIssueCause,
  type FormIssueCode,
  type FormIssueParams,
  formIssueCause,
} from '../form-issue-codes';
import {
  type AreaMethod,
  type ScaleDirection,
  type Choice,
  type ChoiceList,
  type Form,
  type FormNode,
  type Group,
  type Question,
  type QuestionType,
  DEFAULT_LANGUAGE,
} from '../model';
import { type ModelTarget, validateFormModel } from '../validate-form';
import { otherQuestion, withOtherChoices } from './or-other';
import { type ParsedType, parseQuestionType } from './question-types';
import {
  CHOICE_COLUMNS,
  SETTINGS_COLUMNS,
  SURVEY_COLUMNS,
  type SheetColumns,
  analyseColumns,
  defaultLanguageOf,
} from './columns';
import {
  type Sheet,
  type SheetRow,
  type WorksheetCells,
  type XlsFormSheets,
  readXlsFormWorkbook,
  xlsFormSheetsFromCells,
} from './sheets';

export { parseQuestionType };

export interface ImportOptions {
  /** form_id to use when the settings sheet gives none (e.g. the file name). */
  readonly fallbackFormId?: string;
}

export type ImportResult =
  | { readonly ok: true; readonly form: Form; readonly warnings: readonly FormIssue[] }
  | { readonly ok: false; readonly issues: readonly FormIssue[] };

export async function importXlsForm(
  data: ArrayBuffer | Uint8Array,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return formFromSheets(await readXlsFormWorkbook(data), options);
}

/** The same import from a workbook's cells (read elsewhere, e.g. by a worker thread). */
export function importXlsFormCells(
  worksheets: readonly WorksheetCells[],
  options: ImportOptions = {},
): ImportResult {
  return formFromSheets(xlsFormSheetsFromCells(worksheets), options);
}

/** Texts people read: labels, hints, messages, titles, choice and list names. */
const SHOWN_COLUMN = /^(label|hint|constraint_message|required_message|form_title|name|list_name)(::|$)/i;

/**
 * Cells whose text cannot be stored (NUL, lone surrogates) anywhere, and shown texts with
 * bidirectional controls that would make them read differently than they are.
 */
function unsafeTextIssues(sheets: XlsFormSheets): FormIssue[] {
  const issues: FormIssue[] = [];
  for (const sheet of ['survey', 'choices', 'settings'] as const) {
    for (const row of sheets[sheet]?.rows ?? []) {
      for (const [column, text] of Object.entries(row.cells)) {
        const problem = textProblem(text) ?? (SHOWN_COLUMN.test(column) ? bidiProblem(text) : null);
        if (problem) issues.push(sheetIssue({ sheet, row: row.row, column }, 'text-unstorable', { problem }));
      }
    }
  }
  return issues;
}

interface Location {
  readonly sheet: XlsFormSheetName;
  readonly row: number;
  readonly columns: SheetColumns | undefined;
}

const TRUE_WORDS = new Set(['yes', 'true', 'true()', '1']);
const FALSE_WORDS = new Set(['no', 'false', 'false()', '0']);

function parseFlag(text: string | undefined): boolean | undefined {
  if (text === undefined) return false;
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

function parseAreaParameters(text: string | undefined): { method: AreaMethod } | { cause: FormIssueCause } {
  if (text === undefined) return { method: 'choice' };
  let method: AreaMethod = 'choice';
  for (const part of text.split(/[\s;]+/).filter((p) => p !== '')) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if (key !== 'by') return { cause: formIssueCause('area-parameter-unknown', { key }) };
    if (value !== 'choice' && value !== 'postcode' && value !== 'point')
      return { cause: formIssueCause('area-method-invalid', { value: value ?? '' }) };
    method = value;
  }
  return { method };
}

/**
 * Splits Quartier's `scale=ascending|descending` off a select_one's parameters; other
 * parameters stay as they were written (ODK's own, e.g. `randomize=true`).
 */
function parseScaleParameter(text: string | undefined): {
  direction?: ScaleDirection;
  rest?: string;
  cause?: FormIssueCause;
} {
  if (text === undefined) return {};
  const parts = text.split(/[\s;]+/).filter((p) => p !== '');
  const scale = parts.filter((p) => p.split('=')[0].trim() === 'scale');
  const rest = parts.filter((p) => p.split('=')[0].trim() !== 'scale').join(' ');
  const restPart = rest === '' ? {} : { rest };
  if (scale.length === 0) return restPart;
  const value = scale[scale.length - 1].split('=')[1]?.trim() ?? '';
  if (value !== 'ascending' && value !== 'descending')
    return { ...restPart, cause: formIssueCause('scale-invalid', { value }) };
  return { ...restPart, direction: value };
}

interface OpenGroup {
  readonly repeat: boolean;
  readonly row: SheetRow;
  readonly children: FormNode[];
}

export function formFromSheets(sheets: XlsFormSheets, options: ImportOptions = {}): ImportResult {
  const unsafe = unsafeTextIssues(sheets);
  if (unsafe.length > 0) return { ok: false, issues: sortFormIssues(unsafe) };
  const issues: FormIssue[] = [];
  const locations = new Map<ModelTarget, Location>();

  // Settings first: the default language decides what plain `label` columns mean.
  const settingsSheet = sheets.settings;
  const settingsColumns = settingsSheet
    ? analyseColumns('settings', settingsSheet, SETTINGS_COLUMNS, DEFAULT_LANGUAGE, issues)
    : undefined;
  const settingsRow: SheetRow = settingsSheet?.rows[0] ?? { row: 2, cells: {} };
  if (settingsSheet && settingsSheet.rows.length > 1) {
    issues.push(sheetIssue({ sheet: 'settings', row: settingsSheet.rows[1].row }, 'settings-extra-rows'));
  }
  const setting = (base: string): string | undefined => settingsColumns?.value(settingsRow, base);
  const defaultLanguage = defaultLanguageOf(
    [sheets.survey, sheets.choices],
    setting('default_language'),
    DEFAULT_LANGUAGE,
  );
  locations.set('settings', { sheet: 'settings', row: settingsRow.row, columns: settingsColumns });

  const listsRead = readChoices(sheets.choices, defaultLanguage, issues, locations);
  const otherLists = new Set<string>();
  const children = readSurvey(sheets.survey, defaultLanguage, issues, locations, otherLists);
  const choiceLists = withOtherChoices(listsRead, otherLists, defaultLanguage, locations);

  const form: Form = {
    settings: {
      formId: setting('form_id') ?? options.fallbackFormId ?? '',
      ...(setting('form_title') !== undefined ? { title: setting('form_title') } : {}),
      ...(setting('version') !== undefined ? { version: setting('version') } : {}),
      defaultLanguage,
      extra: settingsColumns ? settingsColumns.extra(settingsRow) : {},
    },
    children,
    choiceLists,
  };

  const warnings: FormIssue[] = [];
  for (const modelIssue of validateFormModel(form)) {
    const loc = locations.get(modelIssue.target);
    if (!loc) continue;
    const column = loc.columns?.headerOf(modelIssue.field) ?? modelIssue.field;
    const first = modelIssue.duplicateOf ? locations.get(modelIssue.duplicateOf) : undefined;
    const found: FormIssue = {
      sheet: loc.sheet,
      row: loc.row,
      column,
      code: modelIssue.code,
      params: first ? { ...modelIssue.params, firstRow: first.row } : modelIssue.params,
      reason: first ? `${modelIssue.reason} (first in row ${first.row})` : modelIssue.reason,
    };
    if (modelIssue.severity === 'warning') warnings.push({ ...found, severity: 'warning' });
    else issues.push(found);
  }
  return issues.length > 0
    ? { ok: false, issues: sortFormIssues(issues) }
    : { ok: true, form, warnings: sortFormIssues(warnings) };
}

type CellIssue = (row: SheetRow, base: string, code: FormIssueCode, params?: FormIssueParams) => void;

/** Reports a problem in a row's cell of a column (named by its base where the sheet lacks it). */
function cellIssue(sheet: XlsFormSheetName, columns: SheetColumns, issues: FormIssue[]): CellIssue {
  return (row, base, code, params) => {
    issues.push(sheetIssue({ sheet, row: row.row, column: columns.headerOf(base) ?? base }, code, params));
  };
}

function readChoices(
  sheet: Sheet | undefined,
  defaultLanguage: string,
  issues: FormIssue[],
  locations: Map<ModelTarget, Location>,
): ChoiceList[] {
  // pyxform asks a choices sheet for its columns only when it has rows.
  if (!sheet || sheet.rows.length === 0) return [];
  const columns = analyseColumns('choices', sheet, CHOICE_COLUMNS, defaultLanguage, issues);
  if (columns.headerOf('list_name') === undefined) {
    issues.push(sheetIssue({ sheet: 'choices', row: 1 }, 'column-missing', { column: 'list_name' }));
    return [];
  }
  if (columns.headerOf('name') === undefined) {
    issues.push(sheetIssue({ sheet: 'choices', row: 1 }, 'column-missing', { column: 'name' }));
    return [];
  }
  const issue = cellIssue('choices', columns, issues);
  const lists = new Map<string, { row: number; choices: Choice[] }>();
  for (const row of sheet.rows) {
    const listName = columns.value(row, 'list_name');
    if (listName === undefined) {
      issue(row, 'list_name', 'list-name-missing');
      continue;
    }
    const list = lists.get(listName) ?? { row: row.row, choices: [] };
    lists.set(listName, list);
    const name = columns.value(row, 'name');
    if (name === undefined) {
      issue(row, 'name', 'choice-name-missing');
      continue;
    }
    const choice: Choice = { name, label: columns.labels(row, 'label'), properties: columns.extra(row) };
    locations.set(choice, { sheet: 'choices', row: row.row, columns });
    list.choices.push(choice);
  }
  return [...lists.entries()].map(([name, { row, choices }]) => {
    const list: ChoiceList = { name, choices };
    locations.set(list, { sheet: 'choices', row, columns });
    return list;
  });
}

function readSurvey(
  sheet: Sheet | undefined,
  defaultLanguage: string,
  issues: FormIssue[],
  locations: Map<ModelTarget, Location>,
  otherLists: Set<string>,
): FormNode[] {
  if (!sheet) {
    issues.push(sheetIssue({ sheet: 'survey', row: 1 }, 'sheet-missing', { sheet: 'survey' }));
    return [];
  }
  const columns = analyseColumns('survey', sheet, SURVEY_COLUMNS, defaultLanguage, issues);
  for (const required of ['type', 'name']) {
    if (columns.headerOf(required) === undefined)
      issues.push(sheetIssue({ sheet: 'survey', row: 1 }, 'column-missing', { column: required }));
  }
  if (columns.headerOf('type') === undefined) return [];

  const root: FormNode[] = [];
  const stack: OpenGroup[] = [];
  const issue = cellIssue('survey', columns, issues);
  const current = (): FormNode[] => (stack.length > 0 ? stack[stack.length - 1].children : root);
  const closeGroup = (open: OpenGroup): Group => groupOf(open, columns, issue, locations);

  for (const row of sheet.rows) {
    const rawType = columns.value(row, 'type');
    if (rawType === undefined) {
      issue(row, 'type', 'type-missing');
      continue;
    }
    const parsed = parseQuestionType(rawType);
    if (parsed.kind === 'begin') {
      stack.push({ repeat: parsed.repeat, row, children: [] });
      continue;
    }
    if (parsed.kind === 'end') {
      const word = parsed.repeat ? 'repeat' : 'group';
      const open = stack[stack.length - 1];
      if (!open) {
        issue(row, 'type', 'end-without-begin', { word });
        continue;
      }
      if (open.repeat !== parsed.repeat) {
        const begun = open.repeat ? 'repeat' : 'group';
        issue(row, 'type', 'end-mismatch', { word, open: begun, openRow: open.row.row });
      }
      stack.pop();
      const group = closeGroup(open);
      current().push(group);
      continue;
    }
    const question = buildQuestion(row, parsed, columns, issue);
    locations.set(question, { sheet: 'survey', row: row.row, columns });
    current().push(question);
    if (parsed.kind === 'question' && parsed.orOther && parsed.listName) {
      otherLists.add(parsed.listName);
      const other = otherQuestion(question.name, defaultLanguage);
      locations.set(other, { sheet: 'survey', row: row.row, columns });
      current().push(other);
    }
  }
  while (stack.length > 0) {
    const open = stack.pop()!;
    const word = open.repeat ? 'repeat' : 'group';
    issue(open.row, 'type', 'begin-without-end', { word, name: columns.value(open.row, 'name') ?? '' });
    current().push(closeGroup(open));
  }
  return root;
}

/** A group or repeat once its end is read (or the sheet ends), with its children. */
function groupOf(
  open: OpenGroup,
  columns: SheetColumns,
  issue: CellIssue,
  locations: Map<ModelTarget, Location>,
): Group {
  const row = open.row;
  const repeatCount = columns.value(row, 'repeat_count');
  if (repeatCount !== undefined && !open.repeat) issue(row, 'repeat_count', 'repeat-count-misplaced');
  const extra = columns.extra(row);
  // Question-only columns on a group row mean nothing to the group; they are kept verbatim.
  for (const base of [
    'required',
    'constraint',
    'calculation',
    'choice_filter',
    'default',
    'read_only',
    'parameters',
  ]) {
    const text = columns.value(row, base);
    if (text !== undefined) extra[columns.headerOf(base) ?? base] = text;
  }
  for (const base of ['hint', 'constraint_message', 'required_message']) {
    for (const [language, text] of Object.entries(columns.labels(row, base)))
      extra[`${base}::${language}`] = text;
  }
  const group: Group = {
    kind: 'group',
    repeat: open.repeat,
    name: columns.value(row, 'name') ?? '',
    label: columns.labels(row, 'label'),
    ...optional('relevant', columns.value(row, 'relevant')),
    ...optional('appearance', columns.value(row, 'appearance')),
    ...(open.repeat ? optional('repeatCount', repeatCount) : {}),
    extra,
    children: open.children,
  };
  locations.set(group, { sheet: 'survey', row: row.row, columns });
  return group;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function buildQuestion(
  row: SheetRow,
  parsed: Exclude<ParsedType, { kind: 'begin' | 'end' }>,
  columns: SheetColumns,
  issue: CellIssue,
): Question {
  if (parsed.kind === 'error') issue(row, 'type', parsed.cause.code, parsed.cause.params);
  // An unusable type still yields a placeholder question, so references to it do not cascade
  // into "unknown field" errors; the import fails on the type error anyway.
  const type: QuestionType = parsed.kind === 'question' ? parsed.type : 'text';
  const requiredText = columns.value(row, 'required');
  const requiredFlag = parseFlag(requiredText);
  const readOnly = parseFlag(columns.value(row, 'read_only'));
  if (readOnly === undefined)
    issue(row, 'read_only', 'flag-invalid', { value: columns.value(row, 'read_only') ?? '' });
  const repeatCount = columns.value(row, 'repeat_count');
  if (repeatCount !== undefined) issue(row, 'repeat_count', 'repeat-count-misplaced');

  const base = {
    kind: 'question' as const,
    name: columns.value(row, 'name') ?? '',
    label: columns.labels(row, 'label'),
    hint: columns.labels(row, 'hint'),
    required: requiredFlag ?? requiredText ?? false,
    requiredMessage: columns.labels(row, 'required_message'),
    ...optional('relevant', columns.value(row, 'relevant')),
    ...optional('constraint', columns.value(row, 'constraint')),
    constraintMessage: columns.labels(row, 'constraint_message'),
    ...optional('calculation', columns.value(row, 'calculation')),
    ...optional('appearance', columns.value(row, 'appearance')),
    ...optional('defaultValue', columns.value(row, 'default')),
    readOnly: readOnly ?? false,
    extra: columns.extra(row),
  };
  const choiceFilter = columns.value(row, 'choice_filter');
  const listName = parsed.kind === 'question' ? parsed.listName : undefined;
  if (choiceFilter !== undefined && parsed.kind === 'question' && listName === undefined) {
    issue(row, 'choice_filter', 'choice-filter-misplaced');
  }
  const parameters = columns.value(row, 'parameters');
  switch (type) {
    case 'select_one': {
      // `likert` is how ODK and Kobo mark a rating scale; the model keeps it as a flag.
      const tokens = (base.appearance ?? '').split(/\s+/).filter((t) => t !== '');
      const likert = tokens.includes('likert');
      const appearance = tokens.filter((t) => t !== 'likert').join(' ');
      const { appearance: _drop, ...rest } = base;
      const scale = parseScaleParameter(parameters);
      if (scale.cause) issue(row, 'parameters', scale.cause.code, scale.cause.params);
      return {
        ...rest,
        ...optional('appearance', appearance === '' ? undefined : appearance),
        ...optional('parameters', scale.rest),
        type,
        listName: listName ?? '',
        likert,
        ...(scale.direction ? { scaleDirection: scale.direction } : {}),
        ...optional('choiceFilter', choiceFilter),
      };
    }
    case 'select_multiple':
    case 'rank':
      return {
        ...base,
        ...optional('parameters', parameters),
        type,
        listName: listName ?? '',
        ...optional('choiceFilter', choiceFilter),
      };
    case 'area': {
      const area = parseAreaParameters(parameters);
      if ('cause' in area) issue(row, 'parameters', area.cause.code, area.cause.params);
      return {
        ...base,
        type,
        listName: listName ?? '',
        method: 'method' in area ? area.method : 'choice',
        ...optional('choiceFilter', choiceFilter),
      };
    }
    case 'calculate':
      return { ...base, ...optional('parameters', parameters), type, calculation: base.calculation ?? '' };
    default:
      return { ...base, ...optional('parameters', parameters), type };
  }
}
