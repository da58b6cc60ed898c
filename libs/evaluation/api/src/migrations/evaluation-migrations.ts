import { CreateEvaluationService1765100000000 } from './1765100000000-CreateEvaluationService';
import { AreaRefVersionOrder1766620000000 } from './1766620000000-AreaRefVersionOrder';
import { EvaluationComparisonPool1766700000000 } from './1766700000000-EvaluationComparisonPool';

/** The evaluation schema's own migrations in order (the service module and repository tests run them). */
export const EVALUATION_MIGRATIONS = [
  CreateEvaluationService1765100000000,
  AreaRefVersionOrder1766620000000,
  EvaluationComparisonPool1766700000000,
];
