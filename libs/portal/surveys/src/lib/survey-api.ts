import { Injectable, inject } from '@angular/core';
import { SurveyClient, type SurveySchemas } from '@quartier/portal-data-access';

// The survey service's answers and requests under the names the survey pages use; every type
// comes from the service's OpenAPI document (libs/portal/data-access/src/generated/survey.ts).

export type SurveySummary = SurveySchemas['SurveyListDto_Output']['items'][number];
export type SurveyDetail = SurveySchemas['SurveyDetailDto_Output'];
export type Wave = SurveySchemas['WaveViewDto_Output'];
export type TargetArea = SurveyDetail['targetAreas'][number];
export type CandidateArea = SurveySchemas['CandidateAreaListDto_Output'][number];
export type SurveyLinks = SurveySchemas['SurveyLinksDto_Output'];
export type FormProblem = SurveySchemas['FormCheckDto_Output']['issues'][number];
export type NewSurvey = SurveySchemas['CreateSurveyDto'];
export type NewWave = SurveySchemas['CreateWaveDto'];
export type SurveyResults = SurveySchemas['SurveyResultsDto_Output'];
export type QuestionResults = SurveyResults['questions'][number];
export type ResultCell = QuestionResults['total'];
export type AreaGroup = SurveyResults['areas'][number];
export type ResultsRelease = SurveySchemas['ReleaseViewDto_Output'];
/** A survey item published as an indicator of each area (`indicatorItems` of the survey). */
export type IndicatorItem = SurveyDetail['indicatorItems'][number];
export type IndicatorMeasure = IndicatorItem['measure'];
/** An indicator item's values in the results of a wave, per area, parent and in total. */
export type IndicatorResults = SurveyResults['indicators'][number];
export type IndicatorCell = IndicatorResults['total'];
/** What `POST …/results/publish` published as evidence for programmes and evaluations (`survey.results.published`). */
export type PublishedIndicators = SurveySchemas['PublishedResultsDto_Output'];
/** Lower and upper bound of a 95 % interval. */
export type Interval = NonNullable<Extract<ResultCell, { kind: 'numeric' }>['ci']>;
type GeometryUpload = SurveySchemas['AreaGeometriesDto'];
/** One target area's boundary as the survey service takes it (feature id = area id). */
export type GeometryFeature = GeometryUpload['features'][number];

// The questionnaire. The service types a question per question type (a union); the form builder
// edits a question as one record whose type may change while editing, so its QuestionNode is
// that union flattened: the fields every type has stay required, the others are optional. Which
// fields belong to which type is the service's check (forms/check and PUT …/form name the field).

type ServiceNode = SurveySchemas['FormNode_Output'];
type KeysOf<U> = U extends unknown ? keyof U : never;
type ValueOf<U, K extends PropertyKey> = U extends unknown ? (K extends keyof U ? U[K] : never) : never;
/** Keys some member has as optional ones. */
type OptionalKeys<U> = U extends unknown
  ? { [K in keyof U]-?: object extends Pick<U, K> ? K : never }[keyof U]
  : never;
/** Keys every member requires (`Extract` keeps the mapped type below from distributing over U). */
type RequiredKeys<U> = Exclude<Extract<keyof U, PropertyKey>, OptionalKeys<U>>;
type Flattened<U> = { [K in RequiredKeys<U>]: ValueOf<U, K> } & {
  [K in Exclude<KeysOf<U>, RequiredKeys<U>>]?: ValueOf<U, K>;
};

export type QuestionNode = Flattened<Extract<ServiceNode, { kind: 'question' }>>;
export type QuestionType = QuestionNode['type'];
export type GroupNode = Omit<Extract<ServiceNode, { kind: 'group' }>, 'children'> & { children: FormNode[] };
export type FormNode = QuestionNode | GroupNode;
export type FormModel = Omit<SurveySchemas['SurveyFormDto_Output']['form'], 'children'> & {
  children: FormNode[];
};
export type ChoiceList = FormModel['choiceLists'][number];
export type Choice = ChoiceList['choices'][number];
export type Labels = QuestionNode['label'];

type ServiceForm = SurveySchemas['PutFormDto']['form'];
type ServiceQuestion = Extract<SurveySchemas['FormNode'], { kind: 'question' }>;
/** Holds only when the builder's question has no field the service's questions lack. */
export const QUESTION_FIELDS_KNOWN: [Exclude<KeysOf<QuestionNode>, KeysOf<ServiceQuestion>>] extends [never]
  ? true
  : never = true;

/**
 * The builder's form as the service's request body. The flattened question is wider than the
 * service's union (a `text` question could carry a `listName`), so it is handed over as it is:
 * the service validates the combination and answers 400/422 naming the field.
 */
function serviceForm(form: FormModel): ServiceForm {
  return form as unknown as ServiceForm;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The survey calls the survey pages make (`/api/survey`), over the generated client. */
@Injectable({ providedIn: 'root' })
export class SurveyApi {
  private readonly client = inject(SurveyClient);

  surveys(): Promise<{ items: SurveySummary[]; total: number }> {
    return this.client.get('/api/survey/surveys', { query: { limit: 200 } });
  }

  survey(id: string): Promise<SurveyDetail> {
    return this.client.get('/api/survey/surveys/{id}', { path: { id } });
  }

  create(body: NewSurvey): Promise<SurveyDetail> {
    return this.client.post('/api/survey/surveys', { body });
  }

  form(id: string): Promise<{ version: number; form: FormModel }> {
    return this.client.get('/api/survey/surveys/{id}/form', { path: { id } });
  }

  saveForm(id: string, form: FormModel): Promise<SurveyDetail> {
    return this.client.put('/api/survey/surveys/{id}/form', {
      path: { id },
      body: { form: serviceForm(form) },
    });
  }

  checkForm(form: FormModel): Promise<{ valid: boolean; issues: FormProblem[] }> {
    return this.client.post('/api/survey/forms/check', { body: { form: serviceForm(form) } });
  }

  uploadXlsForm(id: string, file: Blob): Promise<SurveyDetail> {
    return this.client.upload('put', '/api/survey/surveys/{id}/xlsform', file, XLSX, { path: { id } });
  }

  async downloadXlsForm(id: string): Promise<Blob> {
    return (await this.client.file('/api/survey/surveys/{id}/xlsform', { path: { id } })).blob;
  }

  candidateAreas(id: string, level?: string): Promise<CandidateArea[]> {
    return this.client.get('/api/survey/surveys/{id}/candidate-areas', { path: { id }, query: { level } });
  }

  setTargetAreas(id: string, areaIds: readonly string[]): Promise<SurveyDetail> {
    return this.client.put('/api/survey/surveys/{id}/target-areas', {
      path: { id },
      body: { areas: areaIds.map((areaId) => ({ areaId })) },
    });
  }

  /** The target areas' boundaries (from the registry) for placing map points of an area question by=point. */
  setAreaGeometries(
    id: string,
    collection: { type: 'FeatureCollection'; features: GeometryFeature[] },
    mode: 'replace' | 'append' = 'replace',
  ): Promise<{ areas: number; missing: string[] }> {
    return this.client.put('/api/survey/surveys/{id}/area-geometries', {
      path: { id },
      query: { mode },
      body: collection,
    });
  }

  addWave(id: string, wave: NewWave): Promise<Wave> {
    return this.client.post('/api/survey/surveys/{id}/waves', { path: { id }, body: wave });
  }

  setStatus(id: string, status: 'open' | 'closed'): Promise<SurveyDetail> {
    return this.client.post('/api/survey/surveys/{id}/status', { path: { id }, body: { status } });
  }

  links(id: string): Promise<SurveyLinks> {
    return this.client.get('/api/survey/surveys/{id}/links', { path: { id } });
  }

  /** Paper responses into a wave, all or nothing (CSV, comma or semicolon, or XLSX). */
  importResponses(id: string, waveId: string, file: File): Promise<{ imported: number }> {
    const type = /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
    return this.client.upload(
      'post',
      '/api/survey/surveys/{id}/waves/{waveId}/response-imports',
      file,
      type,
      {
        path: { id, waveId },
      },
    );
  }

  /** The owner's release of a wave's remaining responses (allowed once the wave has ended). */
  releaseResults(id: string, waveId: string): Promise<ResultsRelease> {
    return this.client.post('/api/survey/surveys/{id}/waves/{waveId}/results/release', {
      path: { id, waveId },
    });
  }

  /** `weighted`: post-stratified figures, as the survey's indicator items are published when it has a weighting. */
  results(id: string, waveId: string, weighted = false): Promise<SurveyResults> {
    return this.client.get('/api/survey/surveys/{id}/results', {
      path: { id },
      query: { wave: waveId, weighted: weighted ? 'true' : undefined },
    });
  }

  /** Replaces the survey's indicator items (editors; 422 naming `indicatorItems.<i>.<field>`). */
  setIndicatorItems(id: string, indicatorItems: readonly IndicatorItem[]): Promise<SurveyDetail> {
    return this.client.patch('/api/survey/surveys/{id}', {
      path: { id },
      body: { indicatorItems: [...indicatorItems] },
    });
  }

  /** Publishes a wave's indicator values for programmes and evaluations (`survey.results.published`; editors). */
  publishIndicators(id: string, waveId: string): Promise<PublishedIndicators> {
    return this.client.post('/api/survey/surveys/{id}/waves/{waveId}/results/publish', {
      path: { id, waveId },
    });
  }
}
