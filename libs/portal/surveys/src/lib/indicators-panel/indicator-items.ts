// What a survey may publish as indicators, as the survey service checks it (assertIndicatorItems
// in libs/survey/api/src/forms/form-checks.ts): the editor offers only questions and measures the
// service accepts, so a refusal (422) is left for a questionnaire changed meanwhile.
import { NAME_MAX_LENGTH, SURVEY_INDICATOR_CODE } from '@quartier/contracts/browser';
import type {
  ChoiceList,
  FormModel,
  FormNode,
  IndicatorCell,
  IndicatorItem,
  IndicatorMeasure,
  IndicatorResults,
  Labels,
  PublishedIndicators,
  SurveyResults,
} from '../survey-api';

/** A question an indicator item may publish, with what the editor offers for it. */
export interface IndicatorQuestion {
  readonly name: string;
  readonly label: Labels;
  readonly type: string;
  /** The measures the service accepts for it, the most telling first. */
  readonly measures: readonly IndicatorMeasure[];
  /** The answers a share may count (select questions; none for numbers). */
  readonly choices: readonly { readonly name: string; readonly label: Labels }[];
}

/** Points of a Likert scale as the core counts them: choices with a `scale_value`, else all. */
function scalePoints(list: ChoiceList): number {
  const valued = list.choices.filter((c) => (c.properties['scale_value'] ?? '') !== '');
  return valued.length > 0 ? valued.length : list.choices.length;
}

function measuresOf(node: Extract<FormNode, { kind: 'question' }>, list: ChoiceList | undefined) {
  if (node.type === 'integer' || node.type === 'decimal') return ['mean'] as const;
  if (!list || (node.type !== 'select_one' && node.type !== 'select_multiple')) return [];
  return node.type === 'select_one' && node.likert && scalePoints(list) >= 2
    ? (['topTwoBox', 'share'] as const)
    : (['share'] as const);
}

/**
 * The questions the service publishes as indicators, in form order: single and multiple choice,
 * whole and decimal numbers, outside repeats (their answers are not aggregated per respondent),
 * never the area question (it makes the areas) nor free text (never published).
 */
export function indicatorQuestions(form: FormModel, areaQuestion: string | null): IndicatorQuestion[] {
  const out: IndicatorQuestion[] = [];
  const visit = (nodes: readonly FormNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'group') {
        if (!node.repeat) visit(node.children);
        continue;
      }
      if (node.name === areaQuestion) continue;
      const list = node.listName ? form.choiceLists.find((l) => l.name === node.listName) : undefined;
      const measures = measuresOf(node, list);
      if (measures.length === 0) continue;
      out.push({
        name: node.name,
        label: node.label,
        type: node.type,
        measures,
        choices: node.type === 'integer' || node.type === 'decimal' ? [] : (list?.choices ?? []),
      });
    }
  };
  visit(form.children);
  return out;
}

/** A label in the reader's language, else German, else any, else the name. */
export function labelIn(label: Labels, language: string, name: string): string {
  return label[language] || label['de'] || Object.values(label).find((text) => text !== '') || name;
}

export type IndicatorField = 'code' | 'name' | 'question' | 'measure' | 'options';
export type DraftProblem =
  'codePattern' | 'codeTaken' | 'nameMissing' | 'questionMissing' | 'measureNotAllowed' | 'optionsMissing';

/**
 * What keeps an item from being saved, per field, as the service would refuse it; `takenCodes`
 * are the other items' codes (a code files the values, so two items may not share one).
 */
export function draftProblems(
  draft: IndicatorItem,
  questions: readonly IndicatorQuestion[],
  takenCodes: readonly string[],
): Partial<Record<IndicatorField, DraftProblem>> {
  const problems: Partial<Record<IndicatorField, DraftProblem>> = {};
  if (!SURVEY_INDICATOR_CODE.test(draft.code)) problems.code = 'codePattern';
  else if (takenCodes.includes(draft.code)) problems.code = 'codeTaken';
  const name = draft.name.trim();
  if (name === '' || name.length > NAME_MAX_LENGTH) problems.name = 'nameMissing';
  const question = questions.find((q) => q.name === draft.question);
  if (!question) problems.question = 'questionMissing';
  else if (!question.measures.includes(draft.measure)) problems.measure = 'measureNotAllowed';
  else if (draft.measure === 'share') {
    const known = draft.options.filter((o) => question.choices.some((c) => c.name === o));
    if (known.length === 0 || known.length !== draft.options.length) problems.options = 'optionsMissing';
  }
  return problems;
}

/** The item as the service stores it: a trimmed name, options only for a share. */
export function cleanItem(draft: IndicatorItem): IndicatorItem {
  return {
    code: draft.code,
    name: draft.name.trim(),
    question: draft.question,
    measure: draft.measure,
    options: draft.measure === 'share' ? [...draft.options] : [],
  };
}

/**
 * The items and fields a refusal named: the service's check (`indicatorItems.2.measure`) and its
 * input validation (`indicatorItems.0.code`, `indicatorItems.1.options.0`) both name them so.
 */
export function refusedItemFields(fields: readonly string[]): { index: number; field: IndicatorField }[] {
  const out: { index: number; field: IndicatorField }[] = [];
  for (const path of fields) {
    const match = /^indicatorItems\.(\d+)\.(code|name|question|measure|options)(?:\.|$)/.exec(path);
    if (match) out.push({ index: Number(match[1]), field: match[2] as IndicatorField });
  }
  return out;
}

/** A row of the preview: an area, a group on the level above, or the total. */
export interface PreviewRow {
  readonly key: string;
  readonly name: string;
  readonly level: 'area' | 'parent' | 'total';
  /** One cell per indicator, in the order of `results.indicators`. */
  readonly cells: readonly IndicatorCell[];
}

/** The preview's rows: each area, each group above, the total; `parentName` marks the groups above. */
export function previewRows(
  results: Pick<SurveyResults, 'areas' | 'parents'>,
  indicators: readonly Pick<IndicatorResults, 'areas' | 'parents' | 'total'>[],
  names: { total: string; parentName: (name: string) => string },
): PreviewRow[] {
  return [
    ...results.areas.map((a, i) => ({
      key: a.key,
      name: `${a.key} ${a.name}`,
      level: 'area' as const,
      cells: indicators.map((item) => item.areas[i]),
    })),
    ...results.parents.map((p, i) => ({
      key: p.key,
      name: names.parentName(p.name),
      level: 'parent' as const,
      cells: indicators.map((item) => item.parents[i]),
    })),
    { key: '*', name: names.total, level: 'total' as const, cells: indicators.map((item) => item.total) },
  ];
}

/** What a publication sent, as the confirmation tells it. */
export interface PublishSummary {
  /** Values sent, all items together. */
  readonly values: number;
  readonly items: number;
  /** Areas sent without a value for at least one item (suppressed), by name, once each, sorted. */
  readonly suppressed: readonly string[];
  readonly perItem: readonly { code: string; values: number; suppressed: number }[];
}

/** Counts a publication's values and names its suppressed areas (`areaNames`: area id → name). */
export function publishSummary(
  sent: Pick<PublishedIndicators, 'items'>,
  areaNames: ReadonlyMap<string, string>,
): PublishSummary {
  const suppressed = new Set(sent.items.flatMap((item) => item.suppressedAreaIds));
  return {
    values: sent.items.reduce((sum, item) => sum + item.values.length, 0),
    items: sent.items.length,
    suppressed: [...suppressed].map((id) => areaNames.get(id) ?? id).sort((a, b) => a.localeCompare(b)),
    perItem: sent.items.map((item) => ({
      code: item.indicatorCode,
      values: item.values.length,
      suppressed: item.suppressedAreaIds.length,
    })),
  };
}
