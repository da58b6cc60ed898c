// Questionnaire model → XLSForm. Writes only the columns the form uses, labels always with an
// explicit language (`label::de`), so the file opens in KoboToolbox/ODK and re-imports to the
// same model.
import ExcelJS from 'exceljs';
import { type Form, type FormNode, type Labels, type Question, formLanguages } from '../model';

export interface XlsFormTables {
  readonly survey: string[][];
  readonly choices: string[][];
  readonly settings: string[][];
}

type Row = Record<string, string>;

function flag(value: boolean): string {
  return value ? 'yes' : 'no';
}

function putLabels(row: Row, base: string, labels: Labels): void {
  for (const [language, text] of Object.entries(labels)) row[`${base}::${language}`] = text;
}

function put(row: Row, column: string, value: string | undefined): void {
  if (value !== undefined && value !== '') row[column] = value;
}

function nodeRows(node: FormNode, rows: Row[]): void {
  const row: Row = {};
  if (node.kind === 'group') {
    const word = node.repeat ? 'repeat' : 'group';
    row['type'] = `begin ${word}`;
    row['name'] = node.name;
    putLabels(row, 'label', node.label);
    put(row, 'relevant', node.relevant);
    put(row, 'appearance', node.appearance);
    put(row, 'repeat_count', node.repeatCount);
    Object.assign(row, node.extra);
    rows.push(row);
    node.children.forEach((child) => nodeRows(child, rows));
    rows.push({ type: `end ${word}` });
    return;
  }
  const q = node;
  switch (q.type) {
    case 'select_one':
    case 'select_multiple':
    case 'rank':
    case 'area':
      row['type'] = `${q.type} ${q.listName}`;
      break;
    default:
      row['type'] = q.type;
  }
  row['name'] = q.name;
  putLabels(row, 'label', q.label);
  putLabels(row, 'hint', q.hint);
  if (q.required !== false) row['required'] = typeof q.required === 'string' ? q.required : flag(q.required);
  putLabels(row, 'required_message', q.requiredMessage);
  put(row, 'relevant', q.relevant);
  put(row, 'constraint', q.constraint);
  putLabels(row, 'constraint_message', q.constraintMessage);
  put(row, 'calculation', q.calculation);
  if (q.type === 'select_one' || q.type === 'select_multiple' || q.type === 'rank' || q.type === 'area')
    put(row, 'choice_filter', q.choiceFilter);
  const appearance =
    q.type === 'select_one' && q.likert
      ? ['likert', q.appearance].filter((a) => a !== undefined).join(' ')
      : q.appearance;
  put(row, 'appearance', appearance);
  put(row, 'parameters', parametersOf(q));
  put(row, 'default', q.defaultValue);
  if (q.readOnly) row['read_only'] = 'yes';
  Object.assign(row, q.extra);
  rows.push(row);
}

/** The parameters column: ODK's as written, plus Quartier's `by=` (area) and `scale=` (Likert). */
function parametersOf(q: Question): string | undefined {
  if (q.type === 'area') return q.method === 'choice' ? undefined : `by=${q.method}`;
  if (q.type === 'select_one' && q.likert && q.scaleDirection) {
    return [q.parameters, `scale=${q.scaleDirection}`].filter((p) => p !== undefined).join(' ');
  }
  return q.parameters;
}

const SURVEY_ORDER = [
  'type',
  'name',
  'label',
  'hint',
  'required',
  'required_message',
  'relevant',
  'constraint',
  'constraint_message',
  'calculation',
  'choice_filter',
  'appearance',
  'parameters',
  'default',
  'read_only',
  'repeat_count',
];

/** Columns in a stable, conventional order: known columns (per language) first, then the rest as met. */
function columnsOf(rows: readonly Row[], order: readonly string[], languages: readonly string[]): string[] {
  const used = new Set<string>();
  rows.forEach((r) => Object.keys(r).forEach((k) => used.add(k)));
  const out: string[] = [];
  for (const base of order) {
    if (used.has(base)) out.push(base);
    for (const language of languages) if (used.has(`${base}::${language}`)) out.push(`${base}::${language}`);
  }
  for (const key of used) if (!out.includes(key)) out.push(key);
  return out;
}

function table(rows: readonly Row[], columns: readonly string[]): string[][] {
  return [[...columns], ...rows.map((r) => columns.map((c) => r[c] ?? ''))];
}

export function formToTables(form: Form): XlsFormTables {
  const languages = formLanguages(form);
  const surveyRows: Row[] = [];
  form.children.forEach((node) => nodeRows(node, surveyRows));

  const choiceRows: Row[] = [];
  for (const list of form.choiceLists) {
    for (const choice of list.choices) {
      const row: Row = { list_name: list.name, name: choice.name };
      putLabels(row, 'label', choice.label);
      Object.assign(row, choice.properties);
      choiceRows.push(row);
    }
  }

  const settings: Row = { form_id: form.settings.formId, default_language: form.settings.defaultLanguage };
  put(settings, 'form_title', form.settings.title);
  put(settings, 'version', form.settings.version);
  Object.assign(settings, form.settings.extra);

  return {
    survey: table(surveyRows, columnsOf(surveyRows, SURVEY_ORDER, languages)),
    choices: table(
      choiceRows,
      columnsOf(
        choiceRows.length > 0 ? choiceRows : [{ list_name: '', name: '' }],
        ['list_name', 'name', 'label'],
        languages,
      ),
    ),
    settings: table(
      [settings],
      columnsOf([settings], ['form_title', 'form_id', 'version', 'default_language'], languages),
    ),
  };
}

/** The form as an .xlsx workbook (sheets survey, choices, settings), every cell as text. */
export async function writeXlsForm(form: Form): Promise<Uint8Array> {
  return tablesToWorkbook(formToTables(form));
}

/** Any survey/choices/settings tables as an .xlsx workbook; fixtures use it to write hand-made forms. */
export async function tablesToWorkbook(tables: Partial<XlsFormTables>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const name of ['survey', 'choices', 'settings'] as const) {
    const rows = tables[name];
    if (!rows) continue;
    const ws = workbook.addWorksheet(name);
    rows.forEach((values) => ws.addRow(values));
    ws.getRow(1).font = { bold: true };
  }
  const written = await workbook.xlsx.writeBuffer();
  return new Uint8Array(written as unknown as ArrayBuffer);
}
