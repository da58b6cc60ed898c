import type { Expect, MethodAnswersExactly as Exactly } from '@quartier/service-kit';
import type { publicSurveySchema } from './public/public-form.dto';
import type { PublicFormController } from './public/public-form.controller';
import type { CollectionService } from './responses/collection.service';
import type { ResponseImportService } from './responses/response-import.service';
import type { importedSchema, submittedSchema } from './responses/submission.dto';
import type {
  PublishedResultsDto,
  releaseViewSchema,
  resultsComparisonSchema,
  surveyResultsSchema,
} from './results/results.dto';
import type { ResultsService } from './results/results.service';
import type {
  areaGeometriesResultSchema,
  candidateAreaListSchema,
  formCheckSchema,
  invitationCodesSchema,
  surveyDetailSchema,
  surveyFormSchema,
  surveyLinksSchema,
  surveyListSchema,
  waveViewSchema,
} from './surveys/survey.dto';
import type { SurveyFormsService } from './surveys/survey-forms.service';
import type { SurveysService } from './surveys/surveys.service';
import type { TargetAreasService } from './surveys/target-areas.service';
import type { WavesService } from './surveys/waves.service';

// Compile-time proof that the survey routes answer exactly what their response schemas document
// (docs/adr/0007-generated-portal-clients.md): the portal's types are generated from those
// schemas, so a field the service adds or changes without them fails here.
type Surveys = SurveysService;
type Forms = SurveyFormsService;
type TargetAreas = TargetAreasService;
type Waves = WavesService;

export type _List = Expect<Exactly<Surveys['list'], typeof surveyListSchema>>;
export type _Detail = Expect<Exactly<Surveys['detail'], typeof surveyDetailSchema>>;
export type _Create = Expect<Exactly<Surveys['create'], typeof surveyDetailSchema>>;
export type _Update = Expect<Exactly<Surveys['update'], typeof surveyDetailSchema>>;
export type _Form = Expect<Exactly<Forms['getForm'], typeof surveyFormSchema>>;
export type _PutForm = Expect<Exactly<Forms['putForm'], typeof surveyDetailSchema>>;
export type _XlsForm = Expect<Exactly<Forms['uploadXlsForm'], typeof surveyDetailSchema>>;
export type _Check = Expect<Exactly<Forms['checkForm'], typeof formCheckSchema>>;
export type _TargetAreas = Expect<Exactly<TargetAreas['setTargetAreas'], typeof surveyDetailSchema>>;
export type _Geometries = Expect<
  Exactly<TargetAreas['setAreaGeometries'], typeof areaGeometriesResultSchema>
>;
export type _Status = Expect<Exactly<Surveys['setStatus'], typeof surveyDetailSchema>>;
export type _Candidates = Expect<Exactly<TargetAreas['candidateAreas'], typeof candidateAreaListSchema>>;
export type _Links = Expect<Exactly<TargetAreas['links'], typeof surveyLinksSchema>>;
export type _CreateWave = Expect<Exactly<Waves['createWave'], typeof waveViewSchema>>;
export type _UpdateWave = Expect<Exactly<Waves['updateWave'], typeof waveViewSchema>>;
export type _Invitations = Expect<Exactly<Waves['createInvitations'], typeof invitationCodesSchema>>;
export type _Results = Expect<Exactly<ResultsService['results'], typeof surveyResultsSchema>>;
export type _Compare = Expect<Exactly<ResultsService['compare'], typeof resultsComparisonSchema>>;
export type _Release = Expect<Exactly<ResultsService['release'], typeof releaseViewSchema>>;
export type _Publish = Expect<Exactly<ResultsService['publish'], (typeof PublishedResultsDto)['schema']>>;
export type _Interviewer = Expect<Exactly<CollectionService['submitInterviewer'], typeof submittedSchema>>;
export type _Public = Expect<Exactly<CollectionService['submitPublic'], typeof submittedSchema>>;
export type _Import = Expect<Exactly<ResponseImportService['import'], typeof importedSchema>>;
export type _Definition = Expect<Exactly<PublicFormController['definition'], typeof publicSurveySchema>>;
