import type { AnswerOf, Answers, Expect } from '../api-views.dto';
import type {
  areaPreviewSchema,
  candidatesSchema,
  indexRunListSchema,
  pendingAreasSchema,
  programmeAreasSchema,
} from './programme-areas.dto';
import type { ProgrammeAreasService } from './programme-areas.service';

// Compile-time proof that the programme-area routes answer what their response schemas document.
export type _IndexRunsAnswer = Expect<
  Answers<AnswerOf<ProgrammeAreasService['indexRuns']>, typeof indexRunListSchema>
>;
export type _CandidatesAnswer = Expect<
  Answers<AnswerOf<ProgrammeAreasService['candidates']>, typeof candidatesSchema>
>;
export type _CurrentAnswer = Expect<
  Answers<AnswerOf<ProgrammeAreasService['current']>, typeof programmeAreasSchema>
>;
export type _AcceptAnswer = Expect<
  Answers<AnswerOf<ProgrammeAreasService['accept']>, typeof programmeAreasSchema>
>;
export type _PreviewAnswer = Expect<
  Answers<AnswerOf<ProgrammeAreasService['preview']>, typeof areaPreviewSchema>
>;
export type _PendingAnswer = Expect<
  Answers<AnswerOf<ProgrammeAreasService['pending']>, typeof pendingAreasSchema>
>;
