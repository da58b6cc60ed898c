// The questionnaire model: what an XLSForm describes, as typed plain data. The XLSForm importer
// produces it, the exporter writes it back, the portal's form builder edits it, and submission
// validation and aggregation read it. Expressions stay as their source text here; they are
// parsed and checked by `validateFormModel` / `compileForm`, so the model round-trips verbatim.

/**
 * Text per language tag (`de`, `en`, …). `de-x-easy` (BCP 47 private use) is "Leichte
 * Sprache"/plain German: shown to respondents who ask for it, falling back to `de` where a text
 * has no plain variant.
 */
export type Labels = Readonly<Record<string, string>>;
export const DEFAULT_LANGUAGE = 'de';

export type InputQuestionType = 'text' | 'integer' | 'decimal' | 'date' | 'time' | 'geopoint';
/** Form metadata ODK fills in by itself; `start`/`end` are stored to the day only (privacy). */
export type MetadataQuestionType = 'start' | 'end' | 'today';
/**
 * ODK's uploads (photo, recording, video, file). Read from and written to XLSForms like any
 * question, so a form made in Kobo or Ona opens here as its authors wrote it, but never collected:
 * Quartier's responses are anonymous and carry no attachments (see `uncollectedQuestions`).
 */
export type MediaQuestionType = 'image' | 'audio' | 'video' | 'file';
export type QuestionType =
  | InputQuestionType
  | MetadataQuestionType
  | MediaQuestionType
  | 'note'
  | 'calculate'
  | 'select_one'
  | 'select_multiple'
  | 'rank'
  | 'area';

interface QuestionBase {
  readonly kind: 'question';
  readonly name: string;
  readonly label: Labels;
  readonly hint: Labels;
  /** `true`/`false`, or an expression that makes the answer required conditionally. */
  readonly required: boolean | string;
  readonly requiredMessage: Labels;
  readonly relevant?: string;
  readonly constraint?: string;
  readonly constraintMessage: Labels;
  /** Calculation on a non-calculate question acts as a dynamic default, as in ODK. */
  readonly calculation?: string;
  readonly appearance?: string;
  readonly defaultValue?: string;
  readonly readOnly: boolean;
  readonly parameters?: string;
  /** Columns Quartier does not interpret (media, guidance hints, Kobo's `$kuid`, …), kept for export. */
  readonly extra: Readonly<Record<string, string>>;
}

export interface InputQuestion extends QuestionBase {
  readonly type: InputQuestionType | MetadataQuestionType | MediaQuestionType | 'note';
}

export interface CalculateQuestion extends QuestionBase {
  readonly type: 'calculate';
  readonly calculation: string;
}

/**
 * Which way a rating scale runs: `ascending` = its list (or `scale_value`s) goes from the least
 * favourable point up to the most favourable ("gar nicht zufrieden" … "sehr zufrieden"),
 * `descending` = from the most favourable down (questionnaires often start with "sehr
 * zufrieden"; school grades score 1 as the best).
 */
export type ScaleDirection = 'ascending' | 'descending';
export const SCALE_DIRECTIONS: readonly ScaleDirection[] = ['ascending', 'descending'];

export interface SelectOneQuestion extends QuestionBase {
  readonly type: 'select_one';
  readonly listName: string;
  readonly choiceFilter?: string;
  /**
   * A Likert item: its list is an ordered scale (see `likertScale`). Written to XLSForm as the
   * appearance `likert`, the convention of ODK Collect and KoboToolbox.
   */
  readonly likert: boolean;
  /**
   * The direction of a Likert scale; absent = `ascending`. Written to XLSForm as the parameter
   * `scale=ascending|descending` (Quartier's, like `by=` on area questions).
   */
  readonly scaleDirection?: ScaleDirection;
}

export interface SelectMultipleQuestion extends QuestionBase {
  readonly type: 'select_multiple';
  readonly listName: string;
  readonly choiceFilter?: string;
}

/** Ranking: the answer orders every option of the list (space-separated, most preferred first). */
export interface RankQuestion extends QuestionBase {
  readonly type: 'rank';
  readonly listName: string;
  readonly choiceFilter?: string;
}

/**
 * How an *area of residence* answer becomes an area:
 * - `choice`: the respondent picks the area from the list (choice name = area key);
 * - `postcode`: the respondent gives a postcode; each area choice lists its postcodes in the
 *   choices column `postcode` (space-separated), a postcode shared by two areas is ambiguous;
 * - `point`: the respondent places a map point (geopoint); it is assigned to the area whose
 *   polygon contains it (polygons come from the registry at run time, not from the XLSForm).
 * Only the resolved area key is stored, never the postcode or point (data minimisation).
 */
export type AreaMethod = 'choice' | 'postcode' | 'point';

export interface AreaQuestion extends QuestionBase {
  readonly type: 'area';
  readonly listName: string;
  readonly method: AreaMethod;
  readonly choiceFilter?: string;
}

export type SelectLikeQuestion = SelectOneQuestion | SelectMultipleQuestion | RankQuestion | AreaQuestion;
export type Question = InputQuestion | CalculateQuestion | SelectLikeQuestion;

export interface Group {
  readonly kind: 'group';
  /** `repeat` groups collect any number of instances (household members, …). */
  readonly repeat: boolean;
  readonly name: string;
  readonly label: Labels;
  readonly relevant?: string;
  /** `field-list` puts the group on one screen; `table-list` renders a matrix of select questions. */
  readonly appearance?: string;
  /** Repeats only: an expression fixing the number of instances. */
  readonly repeatCount?: string;
  readonly extra: Readonly<Record<string, string>>;
  readonly children: readonly FormNode[];
}

export type FormNode = Question | Group;

export interface Choice {
  readonly name: string;
  readonly label: Labels;
  /** Further choices-sheet columns: `choice_filter` keys, `postcode` for area lists, `scale_value` for Likert lists, media. */
  readonly properties: Readonly<Record<string, string>>;
}

export interface ChoiceList {
  readonly name: string;
  readonly choices: readonly Choice[];
}

export interface FormSettings {
  readonly formId: string;
  readonly title?: string;
  readonly version?: string;
  readonly defaultLanguage: string;
  readonly extra: Readonly<Record<string, string>>;
}

export interface Form {
  readonly settings: FormSettings;
  readonly children: readonly FormNode[];
  readonly choiceLists: readonly ChoiceList[];
}

export function isSelectLike(q: Question): q is SelectLikeQuestion {
  return q.type === 'select_one' || q.type === 'select_multiple' || q.type === 'rank' || q.type === 'area';
}

const MEDIA_TYPES: ReadonlySet<QuestionType> = new Set<MediaQuestionType>([
  'image',
  'audio',
  'video',
  'file',
]);

export function isMediaQuestion(q: Question): q is InputQuestion & { type: MediaQuestionType } {
  return MEDIA_TYPES.has(q.type);
}

/**
 * Questions a survey with this form cannot ask: uploads. A photo or recording of a resident is
 * personal data that no anonymous survey result needs, and Quartier stores no attachments; such a
 * form may be kept as a draft but not opened until the question is removed or made a note.
 */
export function uncollectedQuestions(form: Pick<Form, 'children'>): Question[] {
  return formQuestions(form)
    .map(({ question }) => question)
    .filter(isMediaQuestion);
}

/** A group rendered as a matrix (table-list): every row a select question on the same list. */
export function isMatrixGroup(g: Group): boolean {
  return !g.repeat && (g.appearance ?? '').split(/\s+/).includes('table-list');
}

/** Every question in form order, each with the repeat groups it sits in (innermost last). */
export function formQuestions(
  form: Pick<Form, 'children'>,
): { question: Question; repeats: readonly string[]; groups: readonly string[] }[] {
  const out: { question: Question; repeats: readonly string[]; groups: readonly string[] }[] = [];
  const walk = (nodes: readonly FormNode[], repeats: readonly string[], groups: readonly string[]): void => {
    for (const node of nodes) {
      if (node.kind === 'group')
        walk(node.children, node.repeat ? [...repeats, node.name] : repeats, [...groups, node.name]);
      else out.push({ question: node, repeats, groups });
    }
  };
  walk(form.children, [], []);
  return out;
}

export function formGroups(form: Pick<Form, 'children'>): Group[] {
  const out: Group[] = [];
  const walk = (nodes: readonly FormNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'group') {
        out.push(node);
        walk(node.children);
      }
    }
  };
  walk(form.children);
  return out;
}

/** Languages used by any label, hint or message, the default language first. */
export function formLanguages(form: Form): string[] {
  const seen = new Set<string>();
  const add = (labels: Labels): void => Object.keys(labels).forEach((l) => seen.add(l));
  for (const { question } of formQuestions(form)) {
    add(question.label);
    add(question.hint);
    add(question.constraintMessage);
    add(question.requiredMessage);
  }
  formGroups(form).forEach((g) => add(g.label));
  form.choiceLists.forEach((l) => l.choices.forEach((c) => add(c.label)));
  const rest = [...seen].filter((l) => l !== form.settings.defaultLanguage).sort();
  return seen.has(form.settings.defaultLanguage) ? [form.settings.defaultLanguage, ...rest] : rest;
}

/**
 * The text to show in `language`: exact tag, then its base language (`de-x-easy` → `de`), then
 * the form's default language, then any. Plain-language variants therefore never leave a gap.
 */
export function localize(
  labels: Labels,
  language: string,
  defaultLanguage = DEFAULT_LANGUAGE,
): string | undefined {
  if (labels[language] !== undefined) return labels[language];
  const base = language.split('-')[0];
  if (labels[base] !== undefined) return labels[base];
  if (labels[defaultLanguage] !== undefined) return labels[defaultLanguage];
  const first = Object.keys(labels)[0];
  return first === undefined ? undefined : labels[first];
}

export function findChoiceList(form: Pick<Form, 'choiceLists'>, name: string): ChoiceList | undefined {
  return form.choiceLists.find((l) => l.name === name);
}

/**
 * The ordered scale of a Likert list, least favourable point first, with the score each point
 * counts with in means: the choices' numeric `scale_value` where the list gives one (choices
 * without it, e.g. "weiß nicht", are off the scale), otherwise numeric choice names, otherwise
 * the position in the list (1 … m, the most favourable point scoring m whichever way the list
 * is written). `direction` says whether larger values (or later positions) are more favourable
 * (`ascending`, the default) or less (`descending`). Top-2-box = the last two points.
 */
export function likertScale(
  list: ChoiceList,
  direction: ScaleDirection = 'ascending',
): { choice: string; value: number }[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const withValue = list.choices.filter(
    (c) => c.properties['scale_value'] !== undefined && c.properties['scale_value'] !== '',
  );
  if (withValue.length > 0) {
    return withValue
      .map((c) => ({ choice: c.name, value: Number(c.properties['scale_value']) }))
      .sort((a, b) => sign * (a.value - b.value));
  }
  if (list.choices.every((c) => /^-?\d+(\.\d+)?$/.test(c.name))) {
    return list.choices
      .map((c) => ({ choice: c.name, value: Number(c.name) }))
      .sort((a, b) => sign * (a.value - b.value));
  }
  const points = list.choices.map((c, i) => ({ choice: c.name, value: i + 1 }));
  if (direction === 'ascending') return points;
  return points.reverse().map((p, i) => ({ choice: p.choice, value: i + 1 }));
}

/** The scale direction of a question (absent = ascending, the reading before directions existed). */
export function scaleDirectionOf(question: Question): ScaleDirection {
  return question.type === 'select_one' ? (question.scaleDirection ?? 'ascending') : 'ascending';
}
