// Evidence bindings: what an outcome or impact node of an impact model is measured by. Plain,
// serialisable data; the programme service resolves each source to live values (indicator
// service aggregation, survey results with k-anonymity, network metrics).

/** Whether a higher value of the evidence is better (e.g. reach) or worse (e.g. child poverty). */
export type Polarity = 'higher-is-better' | 'lower-is-better';

export const POLARITIES: readonly Polarity[] = ['higher-is-better', 'lower-is-better'];

/** The areas an indicator is aggregated over: the programme's areas (default) or named areas. */
export type EvidenceAreaSet =
  { readonly kind: 'programme-areas' } | { readonly kind: 'areas'; readonly areaIds: readonly string[] };

/** Share of respondents choosing one of `options`, or the mean of a numeric item. */
export type SurveyMeasure =
  { readonly kind: 'share'; readonly options: readonly string[] } | { readonly kind: 'mean' };

/** A graph-level metric (density, …) or a metric over a set of actors (mean degree of …). */
export type NetworkMeasure =
  | { readonly kind: 'graph'; readonly metric: string }
  | { readonly kind: 'actors'; readonly metric: string; readonly actorIds: readonly string[] };

export type EvidenceSource =
  | { readonly kind: 'indicator'; readonly indicatorCode: string; readonly areas: EvidenceAreaSet }
  | {
      readonly kind: 'survey';
      readonly surveyId: string;
      /** The question's name in the form (XLSForm `name`). */
      readonly question: string;
      readonly measure: SurveyMeasure;
    }
  | { readonly kind: 'network'; readonly networkId: string; readonly measure: NetworkMeasure };

export interface EvidenceBaseline {
  readonly value: number;
  /** The period the baseline value is of, in the indicator service's period notation (`2019`, `2021H1`, `2021Q3`, `2021-12-31`). */
  readonly period: string;
}

export interface EvidenceTarget {
  readonly value: number;
  /** The date by which the target should be reached (ISO `YYYY-MM-DD`). */
  readonly date: string;
}

export interface EvidenceBinding {
  readonly id: string;
  /** A short name for the binding shown next to the node ("Kinderarmut in den Fördergebieten"). */
  readonly label?: string;
  readonly source: EvidenceSource;
  readonly baseline: EvidenceBaseline;
  readonly target: EvidenceTarget;
  readonly polarity: Polarity;
}
