import type { EventPayload } from '@quartier/contracts';
import { type Form, type Interval, isAnswered, type ResultCell, wilsonInterval } from '@quartier/survey-core';
import type { IndicatorItem } from '../surveys/survey.dto';
import type { AreaGroup, Computation } from './results.service';

/** Keys under which each respondent carries its area and parent group during aggregation. */
export const AREA = '__area';
export const PARENT = '__parent';

/** The published per-area values of one indicator item (suppressed cells are listed, not valued). */
export function indicatorValues(
  computation: Computation,
  item: IndicatorItem,
): EventPayload<'survey.results.published'>['items'][number] {
  const question = computation.results.questions.find((q) => q.question === item.question);
  const values: EventPayload<'survey.results.published'>['items'][number]['values'] = [];
  const suppressedAreaIds: string[] = [];
  const levels: [AreaGroup[], ResultCell[]][] = question
    ? [
        [computation.areas, question.areas],
        [computation.parents, question.parents],
      ]
    : [];
  for (const [groups, cells] of levels) {
    groups.forEach((group, i) => {
      const cell = cells[i];
      if (cell.suppressed !== null) {
        suppressedAreaIds.push(group.areaId);
        return;
      }
      let value: number | null = null;
      let ci: Interval | null = null;
      if (item.measure === 'mean' && cell.kind === 'numeric') {
        value = cell.mean;
        ci = cell.ci;
      } else if (item.measure === 'topTwoBox' && cell.kind === 'select' && cell.topTwoBox?.share != null) {
        value = cell.topTwoBox.share;
        ci = cell.topTwoBox.ci;
      } else if (item.measure === 'share' && cell.kind === 'select') {
        // "Any of the options", counted per respondent (a select_multiple answer may hold several).
        const key = groups === computation.areas ? AREA : PARENT;
        const members = computation.respondents.filter((r) => r[key] === group.key);
        const answered = members.filter((r) => isAnswered(r[item.question]));
        const hits = answered.filter((r) => {
          const answer = r[item.question];
          return Array.isArray(answer)
            ? answer.some((a) => item.options.includes(a))
            : item.options.includes(String(answer));
        }).length;
        value = answered.length > 0 ? hits / answered.length : null;
        ci = value === null ? null : wilsonInterval(value, answered.length);
      }
      if (value === null || !Number.isFinite(value)) return;
      values.push({
        areaId: group.areaId,
        value,
        n: cell.n,
        ciLower: ci?.[0] ?? null,
        ciUpper: ci?.[1] ?? null,
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
