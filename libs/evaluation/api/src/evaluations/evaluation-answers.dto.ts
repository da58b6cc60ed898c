import type { AnswerOf, Answers, Expect } from '../api-views.dto';
import type { DesignService } from '../design/design.service';
import type { WorkflowService } from '../workflow/workflow.service';
import type { auditSchema, evaluationListSchema, evaluationViewSchema } from './evaluation.dto';
import type { EvaluationsService } from './evaluations.service';

// Compile-time proof that the evaluation routes answer what their response schemas document.
type View = typeof evaluationViewSchema;
export type _ListAnswer = Expect<Answers<AnswerOf<EvaluationsService['list']>, typeof evaluationListSchema>>;
export type _GetAnswer = Expect<Answers<AnswerOf<EvaluationsService['get']>, View>>;
export type _CreateAnswer = Expect<Answers<AnswerOf<EvaluationsService['create']>, View>>;
export type _UpdateAnswer = Expect<Answers<AnswerOf<EvaluationsService['update']>, View>>;
export type _RateAnswer = Expect<Answers<AnswerOf<EvaluationsService['rate']>, View>>;
export type _DesignAnswer = Expect<Answers<AnswerOf<DesignService['replace']>, View>>;
export type _AdjustAnswer = Expect<Answers<AnswerOf<DesignService['adjust']>, View>>;
export type _TransitionAnswer = Expect<Answers<AnswerOf<WorkflowService['transition']>, View>>;
export type _AuditAnswer = Expect<Answers<AnswerOf<WorkflowService['audit']>, typeof auditSchema>>;
