import type { AnswerOf, Answers, Expect } from '../api-views.dto';
import type {
  criteriaSchema,
  evidenceSourcesSchema,
  measureRefListSchema,
  programmeRefListSchema,
} from './catalogue.dto';
import type { CatalogueService } from './catalogue.service';

// Compile-time proof that the catalogue routes answer what their response schemas document.
type Catalogue = CatalogueService;
export type _CriteriaAnswer = Expect<Answers<AnswerOf<Catalogue['criteria']>, typeof criteriaSchema>>;
export type _ProgrammesAnswer = Expect<
  Answers<AnswerOf<Catalogue['programmes']>, typeof programmeRefListSchema>
>;
export type _MeasuresAnswer = Expect<Answers<AnswerOf<Catalogue['measures']>, typeof measureRefListSchema>>;
export type _SourcesAnswer = Expect<
  Answers<AnswerOf<Catalogue['evidenceSources']>, typeof evidenceSourcesSchema>
>;
