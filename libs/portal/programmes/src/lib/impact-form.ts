import type { ProgrammeSchemas } from '@quartier/portal-data-access';
import type { NodeType } from './impact-graph';

/**
 * The impact model in a form's shape (texts for lists and numbers, one flat record per evidence
 * binding) and back to the service's model. The service validates the result and names
 * problems by path (`nodes.2.bindings.0.target.date`).
 */
/** The impact model as the programme service answers it (its OpenAPI document). */
export type ApiModel = ProgrammeSchemas['ImpactModel_Output'];
export type ApiBinding = ProgrammeSchemas['ImpactBinding_Output'];
type Source = ProgrammeSchemas['ImpactEvidenceSource_Output'];
export type Polarity = ProgrammeSchemas['ImpactPolarity_Output'];

export interface BindingForm {
  id: string;
  label: string;
  kind: 'indicator' | 'survey' | 'network';
  indicatorCode: string;
  surveyId: string;
  question: string;
  surveyMeasure: 'mean' | 'share';
  options: string;
  networkId: string;
  metric: string;
  baselineValue: string;
  baselinePeriod: string;
  targetValue: string;
  targetDate: string;
  polarity: Polarity;
}

export interface NodeForm {
  id: string;
  type: NodeType;
  step: number | null;
  title: string;
  description: string;
  assumptions: string;
  risks: string;
  bindings: BindingForm[];
}

export interface ModelForm {
  id: string;
  title: string;
  description: string;
  nodes: NodeForm[];
  edges: { from: string; to: string }[];
  /** Where a copied model came from (kept as the service gave it). */
  provenance?: ApiModel['provenance'];
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A number typed in either notation (`12,5` or `12.5`); NaN when it is none (the service names it). */
export function parseNumber(text: string): number {
  const t = text.trim().replace(',', '.');
  return t === '' ? Number.NaN : Number(t);
}

export function emptyBinding(id: string): BindingForm {
  return {
    id,
    label: '',
    kind: 'indicator',
    indicatorCode: '',
    surveyId: '',
    question: '',
    surveyMeasure: 'mean',
    options: '',
    networkId: '',
    metric: 'density',
    baselineValue: '',
    baselinePeriod: '',
    targetValue: '',
    targetDate: '',
    polarity: 'higher-is-better',
  };
}

export function bindingToForm(b: ApiBinding): BindingForm {
  const form = emptyBinding(b.id);
  form.label = b.label ?? '';
  form.kind = b.source.kind;
  if (b.source.kind === 'indicator') form.indicatorCode = b.source.indicatorCode;
  if (b.source.kind === 'survey') {
    form.surveyId = b.source.surveyId;
    form.question = b.source.question;
    form.surveyMeasure = b.source.measure.kind;
    form.options = b.source.measure.kind === 'share' ? b.source.measure.options.join(', ') : '';
  }
  if (b.source.kind === 'network') {
    form.networkId = b.source.networkId;
    form.metric = b.source.measure.metric;
  }
  form.baselineValue = String(b.baseline.value);
  form.baselinePeriod = b.baseline.period;
  form.targetValue = String(b.target.value);
  form.targetDate = b.target.date;
  form.polarity = b.polarity;
  return form;
}

/** The source of a binding; an indicator keeps named areas it had (the form edits the code only). */
function sourceOf(form: BindingForm, previous: Source | undefined): Source {
  if (form.kind === 'indicator')
    return {
      kind: 'indicator',
      indicatorCode: form.indicatorCode.trim(),
      areas: previous?.kind === 'indicator' ? previous.areas : { kind: 'programme-areas' },
    };
  if (form.kind === 'survey')
    return {
      kind: 'survey',
      surveyId: form.surveyId.trim(),
      question: form.question.trim(),
      measure:
        form.surveyMeasure === 'share'
          ? {
              kind: 'share',
              options: form.options
                .split(',')
                .map((o) => o.trim())
                .filter(Boolean),
            }
          : { kind: 'mean' },
    };
  return {
    kind: 'network',
    networkId: form.networkId.trim(),
    measure:
      previous?.kind === 'network' && previous.measure.kind === 'actors'
        ? { ...previous.measure, metric: form.metric.trim() }
        : { kind: 'graph', metric: form.metric.trim() },
  };
}

export function bindingFromForm(form: BindingForm, previous?: ApiBinding): ApiBinding {
  return {
    id: form.id,
    ...(form.label.trim() ? { label: form.label.trim() } : {}),
    source: sourceOf(form, previous?.source),
    baseline: { value: parseNumber(form.baselineValue), period: form.baselinePeriod.trim() },
    target: { value: parseNumber(form.targetValue), date: form.targetDate.trim() },
    polarity: form.polarity,
  };
}

export function modelToForm(model: ApiModel): ModelForm {
  return {
    id: model.id,
    title: model.title,
    description: model.description ?? '',
    nodes: model.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      step: n.step,
      title: n.title,
      description: n.description ?? '',
      assumptions: n.assumptions.join('\n'),
      risks: n.risks.join('\n'),
      bindings: n.bindings.map(bindingToForm),
    })),
    edges: model.edges.map((e) => ({ ...e })),
    ...(model.provenance ? { provenance: model.provenance } : {}),
  };
}

/** The model to save; `previous` keeps what the form does not edit (named areas, actor sets). */
export function modelFromForm(form: ModelForm, previous?: ApiModel): ApiModel {
  const before = new Map((previous?.nodes ?? []).flatMap((n) => n.bindings.map((b) => [b.id, b] as const)));
  return {
    id: form.id,
    title: form.title.trim(),
    ...(form.description.trim() ? { description: form.description.trim() } : {}),
    nodes: form.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      step: n.step,
      title: n.title.trim(),
      ...(n.description.trim() ? { description: n.description.trim() } : {}),
      assumptions: lines(n.assumptions),
      risks: lines(n.risks),
      bindings:
        n.type === 'outcome' || n.type === 'impact'
          ? n.bindings.map((b) => bindingFromForm(b, before.get(b.id)))
          : [],
    })),
    edges: form.edges.filter((e) => e.from && e.to),
    ...(form.provenance ? { provenance: form.provenance } : {}),
  };
}
