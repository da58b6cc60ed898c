import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { PORTAL_CONFIG } from '@quartier/portal-data-access';
import { firstValueFrom } from 'rxjs';

// The questionnaire model as the survey service exchanges it (`Form` of the survey core; the
// portal may not import the core, so the shape is restated here and checked by the service).
export type Labels = Record<string, string>;

export interface QuestionNode {
  kind: 'question';
  type: string;
  name: string;
  label: Labels;
  hint: Labels;
  required: boolean | string;
  requiredMessage: Labels;
  relevant?: string;
  constraint?: string;
  constraintMessage: Labels;
  calculation?: string;
  appearance?: string;
  defaultValue?: string;
  readOnly: boolean;
  parameters?: string;
  extra: Record<string, string>;
  listName?: string;
  choiceFilter?: string;
  likert?: boolean;
  /** Which way a Likert scale runs (absent = ascending: the last option is the best). */
  scaleDirection?: 'ascending' | 'descending';
  method?: 'choice' | 'postcode' | 'point';
}

export interface GroupNode {
  kind: 'group';
  repeat: boolean;
  name: string;
  label: Labels;
  relevant?: string;
  appearance?: string;
  repeatCount?: string;
  extra: Record<string, string>;
  children: FormNode[];
}

export type FormNode = QuestionNode | GroupNode;

export interface Choice {
  name: string;
  label: Labels;
  properties: Record<string, string>;
}

export interface ChoiceList {
  name: string;
  choices: Choice[];
}

export interface FormModel {
  settings: {
    formId: string;
    title?: string;
    version?: string;
    defaultLanguage: string;
    extra: Record<string, string>;
  };
  children: FormNode[];
  choiceLists: ChoiceList[];
}

export interface FormProblem {
  target: string;
  field: string;
  /** English; `code` and `params` say the same for the portal's translations. */
  reason: string;
  code?: string;
  params?: Record<string, string | number>;
}

export interface Wave {
  id: string;
  name: string;
  opensOn: string;
  closesOn: string;
  invitationOnly: boolean;
  resultsPublishedOn: string | null;
  responses: number;
}

/** One target area's boundary as the survey service stores it (feature id = area id). */
export interface GeometryFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'Polygon' | 'MultiPolygon'; readonly coordinates: unknown };
}

export interface TargetArea {
  areaId: string;
  key: string;
  name: string;
  level: string;
  parentId: string | null;
  population: number | null;
}

export interface SurveySummary {
  id: string;
  title: string;
  type: 'resident' | 'network';
  status: 'draft' | 'open' | 'closed';
  k: number;
  scopeAreaId: string;
  formVersion: number;
  updatedAt: string;
  editable: boolean;
}

export interface SurveyDetail extends SurveySummary {
  formTitle: string | null;
  areaQuestion: string | null;
  targetAreas: TargetArea[];
  waves: Wave[];
}

export interface CandidateArea {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
  population: number | null;
}

export interface SurveyLinks {
  survey: { url: string; qrSvg: string };
  areas: { areaId: string; key: string; name: string; url: string; qrSvg: string }[];
}

export type Interval = [number, number];

export interface OptionResult {
  option: string;
  count: number;
  share: number;
  ci: Interval | null;
}

export type ResultCell =
  | { group: string; suppressed: 'primary' | 'secondary' }
  | {
      kind: 'select';
      group: string;
      suppressed: null;
      n: number;
      nEffective: number;
      options: OptionResult[];
      topTwoBox?: {
        n: number;
        count: number;
        share: number | null;
        ci: Interval | null;
        /** The two most favourable points, the most favourable last. */
        options: string[];
        direction?: 'ascending' | 'descending';
        /** Mean score on the scale (positions 1 … m, m the most favourable, or the scale values). */
        mean?: number | null;
      };
    }
  | {
      kind: 'numeric';
      group: string;
      suppressed: null;
      n: number;
      nEffective: number;
      mean: number;
      median: number;
      sd: number;
      ci: Interval | null;
    };

export interface AreaGroup {
  key: string;
  areaId: string;
  name: string;
  level: string;
  population: number | null;
  respondents: number | null;
  responseRate: number | null;
  suppressed: 'primary' | 'secondary' | null;
}

export interface QuestionResults {
  question: string;
  label: string;
  kind: 'select' | 'numeric';
  likert: boolean;
  options: { name: string; label: string }[];
  areas: ResultCell[];
  parents: ResultCell[];
  total: ResultCell;
}

export interface SurveyResults {
  surveyId: string;
  wave: { id: string; name: string; opensOn: string; closesOn: string };
  k: number;
  weighted: boolean;
  areas: AreaGroup[];
  parents: AreaGroup[];
  total: { respondents: number | null; responseRate: number | null; suppressed: string | null };
  questions: QuestionResults[];
  notPublished: string[];
  /** The release point these results show; results change only at release points. */
  release?: ResultsRelease;
}

export interface ResultsRelease {
  releasedAt: string | null;
  kind: 'threshold' | 'owner' | 'initial' | null;
  releasedResponses: number;
  ownerMayRelease: boolean;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Typed client of the survey service (`/api/survey`). */
@Injectable({ providedIn: 'root' })
export class SurveyApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(PORTAL_CONFIG).apiBaseUrl}/api/survey`;

  surveys(): Promise<{ items: SurveySummary[]; total: number }> {
    return firstValueFrom(
      this.http.get<{ items: SurveySummary[]; total: number }>(`${this.base}/surveys`, {
        params: new HttpParams().set('limit', 200),
      }),
    );
  }

  survey(id: string): Promise<SurveyDetail> {
    return firstValueFrom(this.http.get<SurveyDetail>(`${this.base}/surveys/${id}`));
  }

  create(body: {
    title: string;
    type: 'resident' | 'network';
    scopeAreaId: string;
    k: number;
  }): Promise<SurveyDetail> {
    return firstValueFrom(this.http.post<SurveyDetail>(`${this.base}/surveys`, body));
  }

  form(id: string): Promise<{ version: number; form: FormModel }> {
    return firstValueFrom(
      this.http.get<{ version: number; form: FormModel }>(`${this.base}/surveys/${id}/form`),
    );
  }

  saveForm(id: string, form: FormModel): Promise<SurveyDetail> {
    return firstValueFrom(this.http.put<SurveyDetail>(`${this.base}/surveys/${id}/form`, { form }));
  }

  checkForm(form: FormModel): Promise<{ valid: boolean; issues: FormProblem[] }> {
    return firstValueFrom(
      this.http.post<{ valid: boolean; issues: FormProblem[] }>(`${this.base}/forms/check`, { form }),
    );
  }

  uploadXlsForm(id: string, file: Blob): Promise<SurveyDetail> {
    return firstValueFrom(
      this.http.put<SurveyDetail>(`${this.base}/surveys/${id}/xlsform`, file, {
        headers: { 'content-type': XLSX },
      }),
    );
  }

  downloadXlsForm(id: string): Promise<Blob> {
    return firstValueFrom(this.http.get(`${this.base}/surveys/${id}/xlsform`, { responseType: 'blob' }));
  }

  candidateAreas(id: string, level?: string): Promise<CandidateArea[]> {
    const params = level ? new HttpParams().set('level', level) : new HttpParams();
    return firstValueFrom(
      this.http.get<CandidateArea[]>(`${this.base}/surveys/${id}/candidate-areas`, { params }),
    );
  }

  setTargetAreas(id: string, areaIds: string[]): Promise<SurveyDetail> {
    return firstValueFrom(
      this.http.put<SurveyDetail>(`${this.base}/surveys/${id}/target-areas`, {
        areas: areaIds.map((areaId) => ({ areaId })),
      }),
    );
  }

  /** The target areas' boundaries (from the registry) for placing map points of an area question by=point. */
  setAreaGeometries(
    id: string,
    collection: { type: 'FeatureCollection'; features: readonly GeometryFeature[] },
    mode: 'replace' | 'append' = 'replace',
  ): Promise<{ areas: number; missing: string[] }> {
    return firstValueFrom(
      this.http.put<{ areas: number; missing: string[] }>(
        `${this.base}/surveys/${id}/area-geometries`,
        collection,
        { params: new HttpParams().set('mode', mode) },
      ),
    );
  }

  addWave(
    id: string,
    wave: { name: string; opensOn: string; closesOn: string; invitationOnly: boolean },
  ): Promise<Wave> {
    return firstValueFrom(this.http.post<Wave>(`${this.base}/surveys/${id}/waves`, wave));
  }

  setStatus(id: string, status: 'open' | 'closed'): Promise<SurveyDetail> {
    return firstValueFrom(this.http.post<SurveyDetail>(`${this.base}/surveys/${id}/status`, { status }));
  }

  links(id: string): Promise<SurveyLinks> {
    return firstValueFrom(this.http.get<SurveyLinks>(`${this.base}/surveys/${id}/links`));
  }

  /** The owner's release of a wave's remaining responses (allowed once the wave has ended). */
  releaseResults(id: string, waveId: string): Promise<ResultsRelease> {
    return firstValueFrom(
      this.http.post<ResultsRelease>(`${this.base}/surveys/${id}/waves/${waveId}/results/release`, {}),
    );
  }

  results(id: string, waveId: string): Promise<SurveyResults> {
    return firstValueFrom(
      this.http.get<SurveyResults>(`${this.base}/surveys/${id}/results`, {
        params: new HttpParams().set('wave', waveId),
      }),
    );
  }
}
