import type { EventPayload } from '@quartier/contracts';
import {
  type Form,
  type Interval,
  type Respondent,
  type ResultCell,
  shareChoosingAny,
  type Suppression,
} from '@quartier/survey-core';
import type { IndicatorItem } from '../surveys/survey.dto';
import type {
  AreaGroup,
  IndicatorCell,
  IndicatorResult,
  QuestionResults,
  SurveyResults,
} from './survey-results';

/** Keys under which each respondent carries its area and parent group during aggregation. */
export const AREA = '__area';
export const PARENT = '__parent';

/** The respondents' indices per group key, for the "any of" shares. */
function membersBy(respondents: readonly Respondent[], key: string): Map<string, number[]> {
  const members = new Map<string, number[]>();
  respondents.forEach((r, i) => {
    const group = String(r[key]);
    const list = members.get(group);
    if (list) list.push(i);
    else members.set(group, [i]);
  });
  return members;
}

/**
 * Every indicator item's published cells, under the same suppression as its question's cells.
 * An item whose question the form no longer publishes is left out.
 */
export function indicatorResults(
  items: readonly IndicatorItem[],
  questions: readonly QuestionResults[],
  respondents: readonly Respondent[],
  weights: readonly number[] | undefined,
): IndicatorResult[] {
  const everyone = respondents.map((_, i) => i);
  const byArea = membersBy(respondents, AREA);
  const byParent = membersBy(respondents, PARENT);
  const out: IndicatorResult[] = [];
  for (const item of items) {
    const question = questions.find((q) => q.question === item.question);
    if (!question) continue;
    const cellOf = (cell: ResultCell, members: readonly number[]): IndicatorCell => {
      if (cell.suppressed !== null) return { group: cell.group, suppressed: cell.suppressed };
      return {
        group: cell.group,
        suppressed: null,
        ...measured(item, cell, members, respondents, weights),
      };
    };
    out.push({
      code: item.code,
      name: item.name,
      question: item.question,
      measure: item.measure,
      options: item.options,
      areas: question.areas.map((cell) => cellOf(cell, byArea.get(cell.group) ?? [])),
      parents: question.parents.map((cell) => cellOf(cell, byParent.get(cell.group) ?? [])),
      total: cellOf(question.total, everyone),
    });
  }
  return out;
}

type PublishedCell = Exclude<ResultCell, { suppressed: Suppression }>;

/** An item's value in one published cell; `members` are the cell's respondents (for "any of" shares). */
function measured(
  item: IndicatorItem,
  cell: PublishedCell,
  members: readonly number[],
  respondents: readonly Respondent[],
  weights: readonly number[] | undefined,
): { value: number | null; n: number; ci: Interval | null } {
  if (item.measure === 'mean' && cell.kind === 'numeric') return { value: cell.mean, n: cell.n, ci: cell.ci };
  if (item.measure === 'topTwoBox' && cell.kind === 'select' && cell.topTwoBox)
    return { value: cell.topTwoBox.share, n: cell.topTwoBox.n, ci: cell.topTwoBox.ci };
  if (item.measure === 'share' && cell.kind === 'select') {
    const share = shareChoosingAny(
      members.map((i) => respondents[i][item.question]),
      item.options,
      weights && members.map((i) => weights[i]),
    );
    return { value: share?.share ?? null, n: cell.n, ci: share?.ci ?? null };
  }
  return { value: null, n: cell.n, ci: null };
}

/** What `survey.results.published` carries of one item: its valued areas, and the suppressed ones. */
export function indicatorValues(
  results: Pick<SurveyResults, 'areas' | 'parents' | 'indicators'>,
  item: IndicatorItem,
): EventPayload<'survey.results.published'>['items'][number] {
  const result = results.indicators.find((r) => r.code === item.code);
  const values: EventPayload<'survey.results.published'>['items'][number]['values'] = [];
  const suppressedAreaIds: string[] = [];
  const levels: [AreaGroup[], IndicatorCell[]][] = result
    ? [
        [results.areas, result.areas],
        [results.parents, result.parents],
      ]
    : [];
  for (const [groups, cells] of levels) {
    groups.forEach((group, i) => {
      const cell = cells[i];
      if (cell.suppressed !== null) suppressedAreaIds.push(group.areaId);
      else if (cell.value !== null && Number.isFinite(cell.value))
        values.push({
          areaId: group.areaId,
          value: cell.value,
          n: cell.n,
          ciLower: cell.ci?.[0] ?? null,
          ciUpper: cell.ci?.[1] ?? null,
        });
    });
  }
  return {
    indicatorCode: item.code,
    name: item.name,
    question: item.question,
    measure: item.measure,
    options: item.options,
    values,
    suppressedAreaIds,
  };
}

export function unpublishedQuestions(
  form: Form,
  published: readonly string[],
  areaQuestion: string | undefined,
): string[] {
  const out: string[] = [];
  const visit = (nodes: Form['children'], inRepeat: boolean) => {
    for (const node of nodes) {
      if (node.kind === 'group') visit(node.children, inRepeat || node.repeat);
      else if (
        !published.includes(node.name) &&
        node.name !== areaQuestion &&
        !['note', 'calculate', 'start', 'end', 'today'].includes(node.type)
      ) {
        out.push(
          `${node.name}: ${node.type === 'text' ? 'free text is never published' : inRepeat ? 'questions inside repeats are not aggregated' : `${node.type} answers are not aggregated`}`,
        );
      }
    }
  };
  visit(form.children, false);
  return out;
}
