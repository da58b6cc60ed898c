import type { AnswerOf, Answers, Expect } from '../api-views.dto';
import type { resultsSchema } from './design.dto';
import type { ResultsService } from './results.service';

// Compile-time proof that the results route answers what its response schema documents (the
// design routes answer the evaluation: see evaluation-answers.dto.ts).
export type _ResultsAnswer = Expect<Answers<AnswerOf<ResultsService['results']>, typeof resultsSchema>>;
