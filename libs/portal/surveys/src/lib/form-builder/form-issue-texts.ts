// How the form builder words a problem of a questionnaire: by the survey service's code
// (`issue.<code>`) with the values it names, never by its English `reason`. The model's codes
// (names, lists, expressions) are in builder-texts; the sentences here are the XLSForm's own
// (sheets, columns, the type column's words) and where in the workbook a problem lies.
import { codedTextKey, fillPlaceholders } from '@quartier/portal-ui/texts';

/** A problem as the survey service reports it: a form check's or an XLSForm upload's. */
export interface CodedIssueView {
  readonly code?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** One error of a refused XLSForm upload (the 422's `details.issues`). */
export interface SheetIssueView extends CodedIssueView {
  readonly sheet: string;
  readonly row: number;
  readonly column?: string;
}

export const XLSFORM_ISSUE_TEXTS_DE = {
  'issue.text-unstorable':
    'Der Text enthält ein unzulässiges Zeichen (NUL, ungültiges Unicode oder ein Steuerzeichen der Schreibrichtung).',
  'issue.sheet-missing': 'Das Blatt „{sheet}“ fehlt.',
  'issue.column-missing': 'Die Spalte „{column}“ fehlt.',
  'issue.column-duplicate': 'Die Spalte wiederholt die Spalte „{first}“.',
  'issue.settings-extra-rows':
    'Die Einstellungen stehen in einer Zeile (Zeile 2); weitere Zeilen werden nicht gelesen.',
  'issue.type-missing': 'Die Fragenart (type) fehlt.',
  'issue.type-unknown': 'Die Fragenart „{type}“ ist unbekannt.',
  'issue.type-unsupported': 'Die Fragenart „{type}“ wird nicht unterstützt.',
  'issue.type-list-missing': '{type} braucht den Namen einer Auswahlliste.',
  'issue.type-extra-after-list': 'Nach dem Listennamen steht unerwartet „{text}“.',
  'issue.type-extra': 'Nach der Fragenart {type} steht unerwartet „{text}“.',
  'issue.or-other-misplaced': 'or_other gibt es nur bei select_one und select_multiple, nicht bei {type}.',
  'issue.end-without-begin': '„end {word}“ ohne passendes „begin {word}“.',
  'issue.end-mismatch': '„end {word}“ passt nicht zu „begin {open}“ in Zeile {openRow}.',
  'issue.begin-without-end': '„begin {word}“ „{name}“ hat kein passendes „end {word}“.',
  'issue.repeat-count-misplaced': 'repeat_count gilt nur für „begin repeat“.',
  'issue.choice-filter-misplaced': 'choice_filter gilt nur für Fragen mit einer Auswahlliste.',
  'issue.flag-invalid': 'Erwartet wird yes oder no, nicht „{value}“.',
  'issue.scale-invalid': 'Die Skala „{value}“ ist weder ascending noch descending.',
  'issue.area-parameter-unknown':
    'Unbekannter Parameter „{key}“ für ein Wohngebiet (erwartet: by=choice, by=postcode oder by=point).',
  'issue.area-method-invalid': 'Ein Wohngebiet nach „{value}“ gibt es nicht (choice, postcode oder point).',
  'issue.other': 'Dieser Eintrag enthält einen Fehler.',
  'sheetIssue.where': 'Blatt „{sheet}“, Zeile {row}',
  'sheetIssue.whereColumn': 'Blatt „{sheet}“, Zeile {row}, Spalte „{column}“',
  'sheetIssue.firstRow': 'Erstes Vorkommen: Zeile {firstRow}.',
} as const;

export type XlsFormIssueTextKey = keyof typeof XLSFORM_ISSUE_TEXTS_DE;

export const XLSFORM_ISSUE_TEXTS_EN: Readonly<Record<XlsFormIssueTextKey, string>> = {
  'issue.text-unstorable':
    'The text contains a character that is not allowed (NUL, invalid Unicode or a text direction control).',
  'issue.sheet-missing': 'Sheet “{sheet}” is missing.',
  'issue.column-missing': 'Column “{column}” is missing.',
  'issue.column-duplicate': 'The column repeats column “{first}”.',
  'issue.settings-extra-rows': 'Settings take one row (row 2); further rows are not read.',
  'issue.type-missing': 'The question type (type) is missing.',
  'issue.type-unknown': 'Unknown question type “{type}”.',
  'issue.type-unsupported': 'Question type “{type}” is not supported.',
  'issue.type-list-missing': '{type} needs the name of a choice list.',
  'issue.type-extra-after-list': 'Unexpected “{text}” after the list name.',
  'issue.type-extra': 'Unexpected “{text}” after question type {type}.',
  'issue.or-other-misplaced': 'or_other applies to select_one and select_multiple only, not {type}.',
  'issue.end-without-begin': '“end {word}” without a matching “begin {word}”.',
  'issue.end-mismatch': '“end {word}” does not match “begin {open}” in row {openRow}.',
  'issue.begin-without-end': '“begin {word}” “{name}” has no matching “end {word}”.',
  'issue.repeat-count-misplaced': 'repeat_count only applies to “begin repeat”.',
  'issue.choice-filter-misplaced': 'choice_filter only applies to questions with a choice list.',
  'issue.flag-invalid': 'Expected yes or no, not “{value}”.',
  'issue.scale-invalid': 'Scale “{value}” is neither ascending nor descending.',
  'issue.area-parameter-unknown':
    'Unknown parameter “{key}” for an area of residence (expected by=choice, by=postcode or by=point).',
  'issue.area-method-invalid': 'There is no area of residence by “{value}” (choice, postcode or point).',
  'issue.other': 'This entry contains an error.',
  'sheetIssue.where': 'Sheet “{sheet}”, row {row}',
  'sheetIssue.whereColumn': 'Sheet “{sheet}”, row {row}, column “{column}”',
  'sheetIssue.firstRow': 'First used in row {firstRow}.',
};

/** A dictionary of one language holding the `issue.*` sentences and those above. */
export type IssueTexts = Readonly<Record<string, string>>;
type Params = Readonly<Record<string, string | number>>;

/** `function-arity`'s {expected}: how many arguments, worded from min and max (max < 0: no upper bound). */
function withExpectedArity(params: Params, texts: IssueTexts): Params {
  const [min, max] = [Number(params['min']), Number(params['max'])];
  const expected =
    min === max
      ? fillPlaceholders(texts['arity.exactly'], { min })
      : max < 0
        ? fillPlaceholders(texts['arity.atLeast'], { min })
        : fillPlaceholders(texts['arity.between'], { min, max });
  return { ...params, expected };
}

/**
 * The sentence for a problem: by its code where the dictionary has one and the problem names
 * every value it needs, else the general sentence — a code the portal does not know yet, or a
 * value left out, never shows the service's English, a raw key or a `{name}`.
 */
export function issueSentence(issue: CodedIssueView, texts: IssueTexts): string {
  let params: Params = issue.params ?? {};
  if (issue.code === 'function-arity' && params['min'] !== undefined && params['max'] !== undefined)
    params = withExpectedArity(params, texts);
  const key = codedTextKey(texts, `issue.${issue.code ?? 'other'}`, params, 'issue.other');
  return fillPlaceholders(texts[key], params);
}

/** One error of a refused XLSForm upload: where it lies in the workbook, then what is wrong. */
export function sheetIssueLine(issue: SheetIssueView, texts: IssueTexts): string {
  const where =
    issue.column === undefined
      ? fillPlaceholders(texts['sheetIssue.where'], { sheet: issue.sheet, row: issue.row })
      : fillPlaceholders(texts['sheetIssue.whereColumn'], {
          sheet: issue.sheet,
          row: issue.row,
          column: issue.column,
        });
  const firstRow = issue.params?.['firstRow'];
  const first =
    firstRow === undefined ? '' : ` ${fillPlaceholders(texts['sheetIssue.firstRow'], { firstRow })}`;
  return `${where}: ${issueSentence(issue, texts)}${first}`;
}
