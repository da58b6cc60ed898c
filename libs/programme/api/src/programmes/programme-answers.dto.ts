import type { AnswerOf, Answers, Expect } from '../api-views.dto';
import type { programmeListSchema } from './programme.dto';
import type { ProgrammesService } from './programmes.service';

// Compile-time proof that the programme routes answer what their response schemas document.
export type _ProgrammeListAnswers = Expect<
  Answers<AnswerOf<ProgrammesService['list']>, typeof programmeListSchema>
>;
