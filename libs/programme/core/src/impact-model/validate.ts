import { periodSchema } from '@quartier/contracts';
import { z } from 'zod';
import { isIsoDate } from '../dates';
import { ProgrammeError, type ProgrammeIssue } from '../programme-error';
import { POLARITIES } from './evidence';
import {
  IMPACT_NODE_TYPES,
  STEPS_BY_NODE_TYPE,
  type ImpactModel,
  type ImpactNode,
  type ImpactNodeType,
} from './model';

// Validation of an impact model: the shape (zod), then the rules of the graph. Edges run only
// forward along input → activity → output → outcome → impact; an output may lead to a higher
// output step and an outcome to a higher outcome step (reach → acceptance, skills → behaviour).
// Along every allowed edge (type rank, step) strictly increases, so no cycle can be drawn: a
// cycle attempt is always reported as the edge that goes backwards.

const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD')
  .refine(isIsoDate, { message: 'is not a calendar date' });
const ids = z.array(text).min(1, 'must name at least one id');
// The platform's period grammar (contracts): the IATI export dates the baseline by this period's
// last day and refused a model whose baseline was free text ("2019/20", "Frühjahr 2024") only then.
const period = z.string().trim().pipe(periodSchema);

const sourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('indicator'),
      indicatorCode: text,
      areas: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('programme-areas') }).strict(),
          z.object({ kind: z.literal('areas'), areaIds: ids }).strict(),
        ])
        .default({ kind: 'programme-areas' }),
    })
    .strict(),
  z
    .object({
      kind: z.literal('survey'),
      surveyId: text,
      question: text,
      measure: z.discriminatedUnion('kind', [
        z
          .object({
            kind: z.literal('share'),
            options: z.array(text).min(1, 'must name at least one option'),
          })
          .strict(),
        z.object({ kind: z.literal('mean') }).strict(),
      ]),
    })
    .strict(),
  z
    .object({
      kind: z.literal('network'),
      networkId: text,
      measure: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('graph'), metric: text }).strict(),
        z.object({ kind: z.literal('actors'), metric: text, actorIds: ids }).strict(),
      ]),
    })
    .strict(),
]);

const bindingSchema = z
  .object({
    id: text,
    label: z.string().trim().min(1).optional(),
    source: sourceSchema,
    baseline: z.object({ value: z.number(), period }).strict(),
    target: z.object({ value: z.number(), date: isoDate }).strict(),
    polarity: z.enum(POLARITIES as [string, ...string[]]),
  })
  .strict();

const modelSchema = z
  .object({
    id: text,
    title: text,
    description: z.string().optional(),
    nodes: z.array(
      z
        .object({
          id: text,
          type: z.enum(IMPACT_NODE_TYPES as [string, ...string[]]),
          step: z.number().int().min(1).max(7).nullable().optional(),
          title: text,
          description: z.string().optional(),
          assumptions: z.array(text).default([]),
          risks: z.array(text).default([]),
          bindings: z.array(bindingSchema).default([]),
        })
        .strict(),
    ),
    edges: z.array(z.object({ from: text, to: text }).strict()),
    provenance: z
      .object({ templateModelId: text, templateTitle: text, copiedAt: text, copiedBy: text.optional() })
      .strict()
      .optional(),
  })
  .strict();

export interface ImpactModelValidation {
  /** Problems that make the model unusable (it is refused). */
  readonly errors: readonly ProgrammeIssue[];
  /** Problems worth showing that do not block saving (no evidence yet, target against polarity). */
  readonly warnings: readonly ImpactModelWarning[];
}

/**
 * Parses a submitted or stored model: the default step of an activity (1) and empty lists are
 * filled in.
 * @throws ProgrammeError `InvalidImpactModel` with every problem, each naming node/edge/field.
 */
export function parseImpactModel(input: unknown): ImpactModel {
  const parsed = modelSchema.safeParse(input);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(model)',
        reason: issue.message,
      })),
    );
  }
  const model = {
    ...parsed.data,
    nodes: parsed.data.nodes.map((n) => ({
      ...n,
      step: n.step ?? (n.type === 'activity' ? 1 : null),
    })),
  } as ImpactModel;
  const { errors } = validateImpactModel(model);
  if (errors.length > 0) throw invalid(errors);
  return model;
}

function invalid(issues: readonly ProgrammeIssue[]): ProgrammeError {
  return new ProgrammeError(
    'InvalidImpactModel',
    `invalid impact model:\n${issues.map((i) => `${i.path}: ${i.reason}`).join('\n')}`,
    { issueCount: issues.length },
    issues,
  );
}

const RANK: Readonly<Record<ImpactNodeType, number>> = {
  input: 0,
  activity: 1,
  output: 2,
  outcome: 3,
  impact: 4,
};
const SAME_TYPE_EDGES: readonly ImpactNodeType[] = ['output', 'outcome'];

/** What a model may still lack; `code` and `params` say it for translations, `reason` in English. */
export interface ImpactModelWarning extends ProgrammeIssue {
  readonly code:
    'no-evidence' | 'target-equals-baseline' | 'target-against-polarity' | 'actors-not-published';
  readonly params: Readonly<Record<string, string | number>>;
}

/** The graph rules over an already well-shaped model. */
export function validateImpactModel(model: ImpactModel): ImpactModelValidation {
  const errors: ProgrammeIssue[] = [];
  const warnings: ImpactModelWarning[] = [];
  const byId = new Map<string, ImpactNode>();
  const bindingIds = new Map<string, string>();
  model.nodes.forEach((node, i) => {
    const path = `nodes.${i}`;
    const label = `node "${node.id}"`;
    if (byId.has(node.id)) errors.push({ path: `${path}.id`, reason: `${label} occurs twice` });
    byId.set(node.id, node);
    if (!STEPS_BY_NODE_TYPE[node.type].includes(node.step))
      errors.push({
        path: `${path}.step`,
        // Every node type begins with a vowel: "an input", "an output", "an impact".
        reason: `${label}: an ${node.type} ${stepRule(node.type)} (got ${node.step})`,
      });
    if (node.bindings.length > 0 && node.type !== 'outcome' && node.type !== 'impact')
      errors.push({
        path: `${path}.bindings`,
        reason: `${label}: evidence can only be bound to outcome and impact nodes, not to an ${node.type}`,
      });
    if (node.bindings.length === 0 && (node.type === 'outcome' || node.type === 'impact'))
      warnings.push({
        path: `${path}.bindings`,
        reason: `${label}: no evidence bound yet`,
        code: 'no-evidence',
        params: { node: node.title },
      });
    node.bindings.forEach((binding, j) => {
      const bindingPath = `${path}.bindings.${j}`;
      const earlier = bindingIds.get(binding.id);
      if (earlier !== undefined)
        errors.push({
          path: `${bindingPath}.id`,
          reason: `binding "${binding.id}" is already used at ${earlier}`,
        });
      else bindingIds.set(binding.id, bindingPath);
      if (binding.target.value === binding.baseline.value)
        warnings.push({
          path: `${bindingPath}.target.value`,
          reason: `${label}: the target equals the baseline`,
          code: 'target-equals-baseline',
          params: { node: node.title, binding: binding.label ?? binding.id },
        });
      else if (binding.target.value > binding.baseline.value !== (binding.polarity === 'higher-is-better'))
        warnings.push({
          path: `${bindingPath}.target.value`,
          reason: `${label}: the target ${binding.target.value} lies on the worse side of the baseline ${binding.baseline.value} (${binding.polarity})`,
          code: 'target-against-polarity',
          params: {
            node: node.title,
            binding: binding.label ?? binding.id,
            target: binding.target.value,
            baseline: binding.baseline.value,
          },
        });
      // The network service publishes measures of whole networks and of areas, not of a chosen
      // set of actors: such a binding is kept (the model may be ahead of the data) but says so.
      if (binding.source.kind === 'network' && binding.source.measure.kind === 'actors')
        warnings.push({
          path: `${bindingPath}.source.measure`,
          reason: `${label}: a measure of chosen actors is not published, so "${binding.label ?? binding.id}" gets no actual value; bind the whole network's measure instead`,
          code: 'actors-not-published',
          params: { node: node.title, binding: binding.label ?? binding.id },
        });
    });
  });
  validateEdges(model, byId, errors);
  return { errors, warnings };
}

function stepRule(type: ImpactNodeType): string {
  const steps = STEPS_BY_NODE_TYPE[type];
  if (steps[0] === null) return 'stands on no step of the Wirkungstreppe';
  return steps.length === 1
    ? `stands on step ${steps[0]}`
    : `stands on steps ${steps[0]}–${steps[steps.length - 1]}`;
}

function validateEdges(
  model: ImpactModel,
  byId: ReadonlyMap<string, ImpactNode>,
  errors: ProgrammeIssue[],
): void {
  const seen = new Set<string>();
  model.edges.forEach((edge, i) => {
    const path = `edges.${i}`;
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from)
      errors.push({ path: `${path}.from`, reason: `edge ${edge.from} → ${edge.to}: no node "${edge.from}"` });
    if (!to)
      errors.push({ path: `${path}.to`, reason: `edge ${edge.from} → ${edge.to}: no node "${edge.to}"` });
    const key = `${edge.from}\u0000${edge.to}`;
    if (seen.has(key)) errors.push({ path, reason: `edge ${edge.from} → ${edge.to} occurs twice` });
    seen.add(key);
    if (!from || !to) return;
    const reason = edgeProblem(from, to);
    if (reason) errors.push({ path, reason: `edge ${edge.from} → ${edge.to}: ${reason}` });
  });
}

function edgeProblem(from: ImpactNode, to: ImpactNode): string | null {
  if (from.id === to.id) return 'a node cannot lead to itself';
  const step = RANK[to.type] - RANK[from.type];
  if (step === 1) return null;
  if (step === 0 && SAME_TYPE_EDGES.includes(from.type)) {
    return (to.step ?? 0) > (from.step ?? 0)
      ? null
      : `between two ${from.type}s the edge must climb the Wirkungstreppe (step ${from.step} → ${to.step})`;
  }
  if (step <= 0)
    return `${from.type} → ${to.type} runs backwards (edges run input → activity → output → outcome → impact)`;
  return `${from.type} → ${to.type} skips a level (edges run input → activity → output → outcome → impact)`;
}
