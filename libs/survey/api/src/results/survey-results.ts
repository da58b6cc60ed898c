import type { Interval, ResultCell, Suppression } from '@quartier/survey-core';
import type { IndicatorItem } from '../surveys/survey.dto';
import type { ReleaseView } from './results-release.service';

// A wave's results as the service answers them (and publishes its indicator items): the groups
// (target areas and the level above), each published question's cells and each indicator item's
// cells, in the groups' order. ResultsService computes them; result-values derives the items.

export interface AreaGroup {
  key: string;
  areaId: string;
  name: string;
  level: string;
  parentKey: string;
  population: number | null;
  /** Respondents in the area; null where that count is itself suppressed (fewer than k). */
  respondents: number | null;
  responseRate: number | null;
  suppressed: Suppression | null;
}

export interface QuestionResults {
  question: string;
  label: string;
  kind: 'select' | 'numeric';
  likert: boolean;
  options: { name: string; label: string }[];
  /** One cell per area (in `areas` order), per parent (in `parents` order), and the total. */
  areas: ResultCell[];
  parents: ResultCell[];
  total: ResultCell;
}

export interface SurveyResults {
  surveyId: string;
  wave: { id: string; name: string; opensOn: string; closesOn: string };
  k: number;
  weighted: boolean;
  language: string;
  areas: AreaGroup[];
  parents: AreaGroup[];
  total: { respondents: number | null; responseRate: number | null; suppressed: Suppression | null };
  questions: QuestionResults[];
  /** The survey's indicator items as they are published (`survey.results.published` carries them). */
  indicators: IndicatorResult[];
  /** Why some things are not shown: free text and rankings are never published. */
  notPublished: string[];
  /** The release these results show (results change only at release points). */
  release?: ReleaseView;
}

/** An indicator item's value in one group; suppressed cells carry no numbers, as result cells. */
export type IndicatorCell =
  | { group: string; suppressed: Suppression }
  | {
      group: string;
      suppressed: null;
      /** Null where the measure has no value here (no answer on the Likert scale, say). */
      value: number | null;
      /** Respondents behind the value (for a top-2-box: those who answered on the scale). */
      n: number;
      ci: Interval | null;
    };

/** An indicator item as published: its value per area, per parent and for the total. */
export interface IndicatorResult {
  code: string;
  name: string;
  question: string;
  measure: IndicatorItem['measure'];
  options: string[];
  /** One cell per area (in `areas` order), per parent (in `parents` order), and the total. */
  areas: IndicatorCell[];
  parents: IndicatorCell[];
  total: IndicatorCell;
}
