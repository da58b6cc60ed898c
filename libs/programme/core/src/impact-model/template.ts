import type { ImpactModel } from './model';
import { parseImpactModel } from './validate';

export interface CopyImpactModelOptions {
  /** Fresh ids for the model, its nodes and its bindings (the service passes its id generator). */
  readonly newId: () => string;
  /** ISO instant supplied by the caller's clock. */
  readonly copiedAt: string;
  readonly copiedBy?: string;
  /** Title of the copy (default: the template's). */
  readonly title?: string;
}

/**
 * Copies a model as a template for another measure or programme: every id is new, edges follow
 * their nodes, evidence bindings are kept as they are (baselines and targets included, to be
 * adjusted in the copy), and the provenance names the template.
 * @throws ProgrammeError `InvalidImpactModel` when the template itself is invalid, or the id
 *   generator repeats an id.
 */
export function copyImpactModel(template: ImpactModel, options: CopyImpactModelOptions): ImpactModel {
  const source = parseImpactModel(template);
  const nodeIds = new Map(source.nodes.map((n) => [n.id, options.newId()]));
  const copy: ImpactModel = {
    id: options.newId(),
    title: options.title ?? source.title,
    ...(source.description !== undefined ? { description: source.description } : {}),
    nodes: source.nodes.map((node) => ({
      ...node,
      id: nodeIds.get(node.id) as string,
      bindings: node.bindings.map((binding) => ({ ...binding, id: options.newId() })),
    })),
    edges: source.edges.map((edge) => ({
      from: nodeIds.get(edge.from) as string,
      to: nodeIds.get(edge.to) as string,
    })),
    provenance: {
      templateModelId: source.id,
      templateTitle: source.title,
      copiedAt: options.copiedAt,
      ...(options.copiedBy !== undefined ? { copiedBy: options.copiedBy } : {}),
    },
  };
  // Re-validation catches an id generator that hands out duplicates.
  return parseImpactModel(copy);
}
