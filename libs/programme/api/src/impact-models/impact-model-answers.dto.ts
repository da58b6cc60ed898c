import type { AnswerOf, Answers, Expect } from '../api-views.dto';
import type { attainmentSchema, impactModelDocumentSchema } from './impact-model.dto';
import type { ImpactModelsService } from './impact-models.service';

// Compile-time proof that the impact-model routes answer what their response schemas document.
type Models = ImpactModelsService;
export type _GetAnswer = Expect<Answers<AnswerOf<Models['get']>, typeof impactModelDocumentSchema>>;
export type _SaveAnswer = Expect<Answers<AnswerOf<Models['save']>, typeof impactModelDocumentSchema>>;
export type _CopyAnswer = Expect<Answers<AnswerOf<Models['copyFrom']>, typeof impactModelDocumentSchema>>;
export type _AttainmentAnswer = Expect<Answers<AnswerOf<Models['attainment']>, typeof attainmentSchema>>;
