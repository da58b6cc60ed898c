import { ProgrammeError } from '../programme-error';
import type { EvidenceBinding, EvidenceSource } from './evidence';
import type { ImpactModel, ImpactNode } from './model';
import { parseImpactModel } from './validate';

// The exchange format of an impact model. Stable: keys in a fixed order, absent optional
// fields left out, two-space indentation, a final newline — the same model always gives the
// same bytes, so exports can be diffed and checked in. Versioned: a reader refuses versions it
// does not know instead of guessing.

export const IMPACT_MODEL_FORMAT = 'quartier.impact-model';
export const IMPACT_MODEL_FORMAT_VERSION = 1;

export interface ImpactModelDocument {
  readonly format: typeof IMPACT_MODEL_FORMAT;
  readonly version: typeof IMPACT_MODEL_FORMAT_VERSION;
  readonly model: ImpactModel;
}

/** The model as a versioned JSON document. */
export function exportImpactModelJson(model: ImpactModel): string {
  const valid = parseImpactModel(model);
  const document = {
    format: IMPACT_MODEL_FORMAT,
    version: IMPACT_MODEL_FORMAT_VERSION,
    model: canonicalModel(valid),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Reads a document written by `exportImpactModelJson` (this or an older known version).
 * @throws ProgrammeError `InvalidImpactModel` for bad JSON, an unknown format or version, or an
 *   invalid model.
 */
export function importImpactModelJson(text: string): ImpactModel {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw fail('(document)', `not valid JSON: ${(error as Error).message}`);
  }
  const document = json as Partial<Record<'format' | 'version' | 'model', unknown>> | null;
  if (typeof document !== 'object' || document === null || document.format !== IMPACT_MODEL_FORMAT)
    throw fail('format', `expected "${IMPACT_MODEL_FORMAT}"`);
  if (document.version !== IMPACT_MODEL_FORMAT_VERSION)
    throw fail(
      'version',
      `version ${String(document.version)} is not supported (this build reads version ${IMPACT_MODEL_FORMAT_VERSION})`,
    );
  return parseImpactModel(document.model);
}

function fail(path: string, reason: string): ProgrammeError {
  return new ProgrammeError('InvalidImpactModel', `impact model document: ${path}: ${reason}`, {}, [
    { path, reason },
  ]);
}

/** Copies only known keys in a fixed order, dropping undefined optional fields. */
function canonicalModel(model: ImpactModel): ImpactModel {
  return compact({
    id: model.id,
    title: model.title,
    description: model.description,
    nodes: model.nodes.map(canonicalNode),
    edges: model.edges.map((e) => ({ from: e.from, to: e.to })),
    provenance: model.provenance
      ? compact({
          templateModelId: model.provenance.templateModelId,
          templateTitle: model.provenance.templateTitle,
          copiedAt: model.provenance.copiedAt,
          copiedBy: model.provenance.copiedBy,
        })
      : undefined,
  });
}

function canonicalNode(node: ImpactNode): ImpactNode {
  return compact({
    id: node.id,
    type: node.type,
    step: node.step,
    title: node.title,
    description: node.description,
    assumptions: [...node.assumptions],
    risks: [...node.risks],
    bindings: node.bindings.map(canonicalBinding),
  });
}

function canonicalBinding(binding: EvidenceBinding): EvidenceBinding {
  return compact({
    id: binding.id,
    label: binding.label,
    source: canonicalSource(binding.source),
    baseline: { value: binding.baseline.value, period: binding.baseline.period },
    target: { value: binding.target.value, date: binding.target.date },
    polarity: binding.polarity,
  });
}

function canonicalSource(source: EvidenceSource): EvidenceSource {
  switch (source.kind) {
    case 'indicator':
      return {
        kind: 'indicator',
        indicatorCode: source.indicatorCode,
        areas:
          source.areas.kind === 'areas'
            ? { kind: 'areas', areaIds: [...source.areas.areaIds] }
            : { kind: 'programme-areas' },
      };
    case 'survey':
      return {
        kind: 'survey',
        surveyId: source.surveyId,
        question: source.question,
        measure:
          source.measure.kind === 'share'
            ? { kind: 'share', options: [...source.measure.options] }
            : { kind: 'mean' },
      };
    case 'network':
      return {
        kind: 'network',
        networkId: source.networkId,
        measure:
          source.measure.kind === 'actors'
            ? { kind: 'actors', metric: source.measure.metric, actorIds: [...source.measure.actorIds] }
            : { kind: 'graph', metric: source.measure.metric },
      };
  }
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
