// Results per group (usually the area of residence) and question, with k-anonymity applied
// before anything leaves this function: suppressed cells carry no numbers at all, so no caller —
// API, portal, export — can publish them by mistake.
//
// Published: select questions (select_one incl. Likert and area, select_multiple) as counts and
// shares per option; integer/decimal questions as mean, median, sd. Not published: free text
// (never raw), dates, times, geopoints, notes, calculations, rankings, and questions inside repeat
// groups (one respondent would count several times). The grouping question itself is skipped.
import { SurveyError } from '../errors';
import {
  type Form,
  type Question,
  type ScaleDirection,
  findChoiceList,
  formQuestions,
  likertScale,
  scaleDirectionOf,
} from '../model';
import type { AnswerValue } from '../answers';
import { type Interval, meanInterval, median, wilsonInterval } from './statistics';
import { type Suppression, suppressCells } from './suppression';

/** One respondent's answers, flat by question name; select_multiple as a list of option names. */
export type Respondent = Readonly<Record<string, AnswerValue | undefined>>;

export const TOTAL_GROUP = '*';

export interface AggregationOptions {
  /** The answer (question name or column) that assigns a respondent to a group. */
  readonly by: string;
  /** Minimum respondents per published cell (k-anonymity). */
  readonly k: number;
  /**
   * Post-stratification weights, one per respondent. With weights, `share`, `mean` and their
   * intervals are weighted estimates (intervals on Kish's effective n); `n` and `count` stay
   * respondent counts, and suppression always uses them.
   */
  readonly weights?: readonly number[];
  /** Only these questions (default: every publishable question). */
  readonly questions?: readonly string[];
  /** Group order; default first appearance in the responses. */
  readonly groupOrder?: readonly string[];
  readonly confidence?: number;
}

export interface OptionResult {
  readonly option: string;
  readonly count: number;
  readonly share: number;
  readonly ci: Interval | null;
}

export interface TopTwoBox {
  /** Respondents who answered a point of the scale (off-scale answers like "weiß nicht" excluded). */
  readonly n: number;
  readonly count: number;
  readonly share: number | null;
  readonly ci: Interval | null;
  /** The two most favourable scale points (in scale order, the most favourable last). */
  readonly options: readonly string[];
  /** How the scale runs, as the form says; top-2 and the mean follow it. */
  readonly direction: ScaleDirection;
  /**
   * Mean score of the answers on the scale (weighted with weights): `scale_value`s or numeric
   * option names as they are, otherwise positions 1 … m with m the most favourable point.
   */
  readonly mean: number | null;
}

interface PublishedBase {
  readonly group: string;
  readonly suppressed: null;
  readonly n: number;
  /** Kish's effective sample size; equals n without weights. */
  readonly nEffective: number;
}

export interface PublishedSelectCell extends PublishedBase {
  readonly kind: 'select';
  readonly options: readonly OptionResult[];
  readonly topTwoBox?: TopTwoBox;
}

export interface PublishedNumericCell extends PublishedBase {
  readonly kind: 'numeric';
  readonly mean: number;
  readonly median: number;
  readonly sd: number;
  readonly ci: Interval | null;
}

export interface SuppressedCell {
  readonly group: string;
  readonly suppressed: Suppression;
}

export type ResultCell = PublishedSelectCell | PublishedNumericCell | SuppressedCell;

export interface QuestionResult {
  readonly question: string;
  readonly kind: 'select' | 'numeric';
  readonly likert: boolean;
  /** Options in choice-list order (select questions). */
  readonly options: readonly string[];
  /** One cell per group in group order, then the total (`*`). */
  readonly cells: readonly ResultCell[];
}

export interface AggregationResult {
  readonly k: number;
  readonly groups: readonly string[];
  readonly questions: readonly QuestionResult[];
}

const SELECT_TYPES = new Set(['select_one', 'select_multiple', 'area']);
const NUMERIC_TYPES = new Set(['integer', 'decimal']);

/** The questions `aggregateResponses` publishes, in form order. */
export function publishableQuestions(form: Form, by?: string): Question[] {
  return formQuestions(form)
    .filter(
      ({ question, repeats }) =>
        repeats.length === 0 &&
        question.name !== by &&
        (SELECT_TYPES.has(question.type) || NUMERIC_TYPES.has(question.type)),
    )
    .map(({ question }) => question);
}

/** Whether a respondent answered: an empty text or an empty selection is no answer. */
export function isAnswered(value: AnswerValue | null | undefined): value is AnswerValue {
  return (
    value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)
  );
}

export function aggregateResponses(
  form: Form,
  respondents: readonly Respondent[],
  options: AggregationOptions,
): AggregationResult {
  const { k, by } = options;
  if (!Number.isInteger(k) || k < 1)
    throw new SurveyError('InvalidAggregation', `k must be a whole number ≥ 1, got ${k}`);
  const weights = options.weights;
  if (
    weights &&
    (weights.length !== respondents.length || weights.some((w) => !(w >= 0) || !Number.isFinite(w)))
  ) {
    throw new SurveyError(
      'InvalidAggregation',
      'weights must be one finite, non-negative number per respondent',
    );
  }
  const confidence = options.confidence ?? 0.95;

  // Group index per respondent, computed once for all questions.
  const groups: string[] = [...(options.groupOrder ?? [])];
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  const missingGroup: number[] = [];
  const respondentGroup = respondents.map((r, i) => {
    const raw = r[by];
    const group = Array.isArray(raw) ? raw.join(' ') : raw === undefined ? '' : String(raw).trim();
    if (group === '') {
      missingGroup.push(i);
      return -1;
    }
    let index = groupIndex.get(group);
    if (index === undefined) {
      index = groups.length;
      groups.push(group);
      groupIndex.set(group, index);
    }
    return index;
  });
  if (missingGroup.length > 0) {
    // A respondent outside every group would count in the total only — and be recoverable from it.
    throw new SurveyError(
      'InvalidAggregation',
      `${missingGroup.length} respondent(s) have no ${by}`,
      missingGroup.slice(0, 20).map((i) => `respondent ${i + 1}`),
    );
  }

  let questions = publishableQuestions(form, by);
  if (options.questions) {
    const wanted = new Set(options.questions);
    const unknown = options.questions.filter((name) => !questions.some((q) => q.name === name));
    if (unknown.length > 0)
      throw new SurveyError('InvalidAggregation', `not publishable questions: ${unknown.join(', ')}`);
    questions = questions.filter((q) => wanted.has(q.name));
  }

  const context: CellContext = { groups, respondentGroup, weights, confidence, k };
  return {
    k,
    groups,
    questions: questions.map((q) =>
      NUMERIC_TYPES.has(q.type)
        ? aggregateNumeric(q, respondents, context)
        : aggregateSelect(form, q, respondents, context),
    ),
  };
}

interface CellContext {
  readonly groups: readonly string[];
  readonly respondentGroup: readonly number[];
  readonly weights: readonly number[] | undefined;
  readonly confidence: number;
  readonly k: number;
}

/** Per-group accumulators plus one for the total at index `groups.length`. */
interface Accumulator {
  n: number;
  weight: number;
  weightSquared: number;
}

function newAccumulators(size: number): Accumulator[] {
  return Array.from({ length: size }, () => ({ n: 0, weight: 0, weightSquared: 0 }));
}

function effectiveN(acc: Accumulator): number {
  return acc.weightSquared > 0 ? (acc.weight * acc.weight) / acc.weightSquared : 0;
}

function cellsWithSuppression<T extends ResultCell>(
  context: CellContext,
  accumulators: readonly Accumulator[],
  publish: (index: number, group: string) => T,
): ResultCell[] {
  const total = context.groups.length;
  const suppression = suppressCells(
    context.groups.map((group, i) => ({ group, n: accumulators[i].n })),
    accumulators[total].n,
    context.k,
  );
  const cells: ResultCell[] = context.groups.map((group, i) => {
    const suppressed = suppression.groups.get(group);
    return suppressed ? { group, suppressed } : publish(i, group);
  });
  cells.push(
    suppression.total ? { group: TOTAL_GROUP, suppressed: suppression.total } : publish(total, TOTAL_GROUP),
  );
  return cells;
}

/** What one select question's answers add up to, per group and for the total (the last index). */
interface SelectTally {
  readonly optionNames: readonly string[];
  readonly likert: boolean;
  readonly direction: ScaleDirection;
  readonly scale: ReturnType<typeof likertScale>;
  /** Respondents who answered, per group. */
  readonly accumulators: Accumulator[];
  /** Per group × option, respondents and their weights. */
  readonly counts: Float64Array;
  readonly weighted: Float64Array;
  /** Respondents on the Likert scale, the two most favourable points among them, their scores. */
  readonly scaleAcc: Accumulator[];
  readonly topCounts: Float64Array;
  readonly topWeighted: Float64Array;
  readonly scoreWeighted: Float64Array;
}

function aggregateSelect(
  form: Form,
  q: Question,
  respondents: readonly Respondent[],
  context: CellContext,
): QuestionResult {
  const list =
    q.type === 'select_one' || q.type === 'select_multiple' || q.type === 'area'
      ? findChoiceList(form, q.listName)
      : undefined;
  if (!list) throw new SurveyError('InvalidAggregation', `question ${q.name} has no choice list`);
  const optionNames = list.choices.map((c) => c.name);
  const size = context.groups.length + 1;
  const width = optionNames.length;
  const likert = q.type === 'select_one' && q.likert;
  const direction = scaleDirectionOf(q);
  const tally: SelectTally = {
    optionNames,
    likert,
    direction,
    scale: likert ? likertScale(list, direction) : [],
    accumulators: newAccumulators(size),
    counts: new Float64Array(size * width),
    weighted: new Float64Array(size * width),
    scaleAcc: newAccumulators(size),
    topCounts: new Float64Array(size),
    topWeighted: new Float64Array(size),
    scoreWeighted: new Float64Array(size),
  };
  tallySelect(tally, q, respondents, context);
  addSelectTotals(tally, context.groups.length);
  const cells = cellsWithSuppression(context, tally.accumulators, (g, group) =>
    selectCell(tally, context, g, group),
  );
  return { question: q.name, kind: 'select', likert, options: optionNames, cells };
}

/**
 * Hot loop (respondents × questions): only group cells are accumulated; the total is summed
 * from them afterwards, and no arrays are allocated per answer.
 */
function tallySelect(
  tally: SelectTally,
  q: Question,
  respondents: readonly Respondent[],
  context: CellContext,
): void {
  const { optionNames, counts, weighted, accumulators, scaleAcc, likert } = tally;
  const { topCounts, topWeighted, scoreWeighted } = tally;
  const optionIndex = new Map(optionNames.map((o, i) => [o, i]));
  const width = optionNames.length;
  const scoreOf = new Map(tally.scale.map((s) => [optionIndex.get(s.choice)!, s.value]));
  const topIndices = new Set(tally.scale.slice(-2).map((s) => optionIndex.get(s.choice)!));
  const count = (g: number, o: number, w: number): void => {
    counts[g * width + o] += 1;
    weighted[g * width + o] += w;
  };
  const optionAt = (option: string, respondent: number): number => {
    const o = optionIndex.get(option);
    if (o === undefined)
      throw new SurveyError(
        'InvalidAggregation',
        `respondent ${respondent + 1}: "${option}" is not an option of ${q.name}`,
      );
    return o;
  };
  for (let i = 0; i < respondents.length; i++) {
    const value = respondents[i][q.name];
    if (!isAnswered(value)) continue;
    const w = context.weights ? context.weights[i] : 1;
    const g = context.respondentGroup[i];
    let first: number;
    if (Array.isArray(value)) {
      first = -1;
      for (const option of value as readonly string[]) {
        const o = optionAt(option, i);
        count(g, o, w);
        if (first < 0) first = o;
      }
    } else {
      first = optionAt(String(value), i);
      count(g, first, w);
    }
    const acc = accumulators[g];
    acc.n += 1;
    acc.weight += w;
    acc.weightSquared += w * w;
    const score = likert ? scoreOf.get(first) : undefined;
    if (score !== undefined) {
      scaleAcc[g].n += 1;
      scaleAcc[g].weight += w;
      scaleAcc[g].weightSquared += w * w;
      scoreWeighted[g] += w * score;
      if (topIndices.has(first)) {
        topCounts[g] += 1;
        topWeighted[g] += w;
      }
    }
  }
}

/** The total's cells: the sums of the groups'. */
function addSelectTotals(tally: SelectTally, totalIndex: number): void {
  const { counts, weighted, accumulators, scaleAcc, topCounts, topWeighted, scoreWeighted } = tally;
  const width = tally.optionNames.length;
  for (let g = 0; g < totalIndex; g++) {
    for (let o = 0; o < width; o++) {
      counts[totalIndex * width + o] += counts[g * width + o];
      weighted[totalIndex * width + o] += weighted[g * width + o];
    }
    for (const [source, target] of [
      [accumulators[g], accumulators[totalIndex]],
      [scaleAcc[g], scaleAcc[totalIndex]],
    ] as const) {
      target.n += source.n;
      target.weight += source.weight;
      target.weightSquared += source.weightSquared;
    }
    topCounts[totalIndex] += topCounts[g];
    topWeighted[totalIndex] += topWeighted[g];
    scoreWeighted[totalIndex] += scoreWeighted[g];
  }
}

/** A group's published cell: counts and shares per option, the top-two box of a Likert scale. */
function selectCell(tally: SelectTally, context: CellContext, g: number, group: string): PublishedSelectCell {
  const { optionNames, counts, weighted, accumulators, scaleAcc, likert, scale, direction } = tally;
  const { topCounts, topWeighted, scoreWeighted } = tally;
  const width = optionNames.length;
  const acc = accumulators[g];
  const nEffective = effectiveN(acc);
  const options = optionNames.map((option, o) => {
    const count = counts[g * width + o];
    const share = context.weights ? weighted[g * width + o] / acc.weight : count / acc.n;
    return { option, count, share, ci: wilsonInterval(share, nEffective, context.confidence) };
  });
  const cell: PublishedSelectCell = {
    kind: 'select',
    group,
    suppressed: null,
    n: acc.n,
    nEffective,
    options,
  };
  if (!likert) return cell;
  const scaleN = scaleAcc[g];
  const share =
    scaleN.n === 0 ? null : context.weights ? topWeighted[g] / scaleN.weight : topCounts[g] / scaleN.n;
  const topTwoBox: TopTwoBox = {
    n: scaleN.n,
    count: topCounts[g],
    share,
    ci: share === null ? null : wilsonInterval(share, effectiveN(scaleN), context.confidence),
    options: scale.slice(-2).map((s) => s.choice),
    direction,
    mean: scaleN.n === 0 ? null : scoreWeighted[g] / scaleN.weight,
  };
  return { ...cell, topTwoBox };
}

function aggregateNumeric(
  q: Question,
  respondents: readonly Respondent[],
  context: CellContext,
): QuestionResult {
  const size = context.groups.length + 1;
  const values: number[][] = Array.from({ length: size }, () => []);
  const valueWeights: number[][] = Array.from({ length: size }, () => []);
  const totalIndex = context.groups.length;
  for (let i = 0; i < respondents.length; i++) {
    const raw = respondents[i][q.name];
    if (!isAnswered(raw)) continue;
    const value = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isFinite(value))
      throw new SurveyError('InvalidAggregation', `respondent ${i + 1}: ${q.name} is not a number`);
    const w = context.weights ? context.weights[i] : 1;
    const g = context.respondentGroup[i];
    values[g].push(value);
    valueWeights[g].push(w);
    values[totalIndex].push(value);
    valueWeights[totalIndex].push(w);
  }
  const accumulators = values.map((vs, g) => {
    const ws = valueWeights[g];
    return {
      n: vs.length,
      weight: ws.reduce((a, b) => a + b, 0),
      weightSquared: ws.reduce((a, b) => a + b * b, 0),
    };
  });
  const cells = cellsWithSuppression(context, accumulators, (g, group): PublishedNumericCell => {
    const vs = values[g];
    const ws = valueWeights[g];
    const acc = accumulators[g];
    const n = vs.length;
    const mean = context.weights
      ? vs.reduce((s, v, i) => s + v * ws[i], 0) / acc.weight
      : vs.reduce((s, v) => s + v, 0) / n;
    const squares = context.weights
      ? (vs.reduce((s, v, i) => s + ws[i] * (v - mean) ** 2, 0) / acc.weight) * (n / (n - 1))
      : vs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
    const sd = n > 1 ? Math.sqrt(squares) : NaN;
    const nEffective = effectiveN(acc);
    return {
      kind: 'numeric',
      group,
      suppressed: null,
      n,
      nEffective,
      mean,
      median: median([...vs].sort((a, b) => a - b)),
      sd,
      ci: meanInterval(mean, sd, nEffective, context.confidence),
    };
  });
  return { question: q.name, kind: 'numeric', likert: false, options: [], cells };
}
