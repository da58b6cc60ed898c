import type { AnswerOf, Answers, Expect } from '../api-views.dto';
import type { measureAuditSchema, measureImportSchema, measureListSchema } from './measure.dto';
import type { MeasureFilesService } from './measure-files.service';
import type { MeasuresService } from './measures.service';

// Compile-time proof that the measure routes answer what their response schemas document.
export type _MeasureListAnswers = Expect<
  Answers<AnswerOf<MeasuresService['list']>, typeof measureListSchema>
>;
export type _MeasureAuditAnswers = Expect<
  Answers<AnswerOf<MeasuresService['audit']>, typeof measureAuditSchema>
>;
export type _MeasureImportAnswers = Expect<
  Answers<AnswerOf<MeasureFilesService['import']>, typeof measureImportSchema>
>;
