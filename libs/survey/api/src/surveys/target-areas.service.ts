import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Caller } from '@quartier/auth';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { AreaRefRepository, type AreaRefRow, type CandidateAreaRow } from '../areas/area-ref.repository';
import { ResponseRepository } from '../responses/response.repository';
import { SURVEY_CONNECTION, SURVEY_EDITORS, SURVEY_READERS } from '../survey.constants';
import { SurveyApiError } from '../survey.errors';
import {
  type areaGeometriesSchema,
  MAX_GEOMETRY_POSITIONS,
  type SurveyDetail,
  type TargetAreaView,
  type targetAreasSchema,
} from './survey.dto';
import { type SurveyRow, SurveyRepository } from './survey.repository';
import { SurveysService } from './surveys.service';
import { TargetAreaRepository } from './target-area.repository';

export interface SurveyLink {
  url: string;
  qrSvg: string;
}

type GeometryFeature = z.infer<typeof areaGeometriesSchema>['features'][number];

/**
 * Where a survey collects: its target areas (within its scope area), their boundaries for
 * answers placed on a map, the areas to choose from, and the public links per area.
 */
@Injectable()
export class TargetAreasService {
  constructor(
    @InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource,
    private readonly surveys: SurveysService,
    private readonly repository: SurveyRepository,
    private readonly targetAreas: TargetAreaRepository,
    private readonly responses: ResponseRepository,
    private readonly areas: AreaRefRepository,
  ) {}

  async setTargetAreas(
    caller: Caller,
    id: string,
    input: z.infer<typeof targetAreasSchema>,
  ): Promise<SurveyDetail> {
    const { tenantId } = caller;
    await this.db.transaction(async (manager) => {
      const survey = await this.surveys.load(caller, id, SURVEY_EDITORS, manager, true);
      const ids = input.areas.map((a) => a.areaId);
      const found = await this.areas.byIds(tenantId, ids, manager);
      const problems = targetAreaProblems(survey, ids, found);
      const withResponses = await this.responses.areaIdsWithResponses(id, manager);
      const dropped = withResponses.filter((areaId) => !ids.includes(areaId));
      if (dropped.length > 0) problems.push(`${dropped.length} area(s) with responses cannot be removed`);
      if (problems.length > 0) throw new SurveyApiError('InvalidTargetArea', problems[0], { problems });
      // A weighting's area that is no longer a target area stays stored and is ignored (it has no
      // respondents to weight); the weighting is checked against the target areas when it is set
      // (assertWeighting), so target areas come first, and again when the survey opens and when
      // results are weighted or published.
      await this.targetAreas.replace(
        manager,
        id,
        input.areas.map((a) => ({ areaId: a.areaId, population: a.population ?? null })),
      );
      await this.repository.touch(manager, id);
    });
    return this.surveys.detail(caller, id);
  }

  /**
   * Stores the target areas' boundaries (replacing earlier ones) so that map points can be placed.
   * Every feature must be a target area of this survey; the portal reads them from the registry.
   */
  async setAreaGeometries(
    caller: Caller,
    id: string,
    input: z.infer<typeof areaGeometriesSchema>,
    mode: 'replace' | 'append' = 'replace',
  ): Promise<{ areas: number; missing: string[] }> {
    return this.db.transaction(async (manager) => {
      const survey = await this.surveys.load(caller, id, SURVEY_EDITORS, manager, true);
      const targets = await this.targetAreas.ofSurvey(survey.id, manager);
      const problems = geometryProblems(input.features, targets);
      if (problems.length > 0) throw new SurveyApiError('InvalidTargetArea', problems[0], { problems });
      await this.targetAreas.putGeometries(
        manager,
        id,
        input.features.map((f) => ({ areaId: areaIdOf(f), geometry: f.geometry })),
        mode,
      );
      await this.repository.touch(manager, id);
      const stored = await this.targetAreas.areaIdsWithGeometry(id, manager);
      return { areas: stored.size, missing: targets.filter((t) => !stored.has(t.areaId)).map((t) => t.key) };
    });
  }

  /** Areas within the survey's scope area (from this service's read model), to choose target areas from. */
  async candidateAreas(caller: Caller, id: string, level?: string): Promise<CandidateAreaRow[]> {
    const { tenantId } = caller;
    const survey = await this.surveys.load(caller, id, SURVEY_READERS);
    return this.areas.within(tenantId, survey.scopeAreaId, level);
  }

  /** Link and QR code per target area (and one without area), for posters and letters. */
  async links(
    caller: Caller,
    id: string,
    origin: string,
  ): Promise<{ survey: SurveyLink; areas: (SurveyLink & { areaId: string; key: string; name: string })[] }> {
    const survey = await this.surveys.load(caller, id, SURVEY_READERS);
    const targets = await this.targetAreas.ofSurvey(survey.id);
    const link = (area?: string): SurveyLink => {
      const query = area ? `?area=${encodeURIComponent(area)}` : '';
      return {
        url: `${origin}/api/survey/public/f/${survey.id}${query}`,
        qrSvg: `${origin}/api/survey/public/f/${survey.id}/qr.svg${query}`,
      };
    };
    return {
      survey: link(),
      areas: targets.map((t) => ({ areaId: t.areaId, key: t.key, name: t.name, ...link(t.key) })),
    };
  }
}

/** Target areas must be known areas within the survey's scope area, each listed once. */
function targetAreaProblems(
  survey: SurveyRow,
  ids: readonly string[],
  found: readonly AreaRefRow[],
): string[] {
  const byId = new Map(found.map((a) => [a.id, a]));
  const problems: string[] = [];
  ids.forEach((areaId, i) => {
    const area = byId.get(areaId);
    if (!area) problems.push(`areas[${i}]: area ${areaId} not found`);
    else if (area.id !== survey.scopeAreaId && !area.path.includes(survey.scopeAreaId))
      problems.push(`areas[${i}]: area ${area.code} lies outside the survey's scope area`);
  });
  if (new Set(ids).size !== ids.length) problems.push('an area is listed twice');
  return problems;
}

function areaIdOf(feature: GeometryFeature): string {
  return (feature.id ?? feature.properties?.id) as string;
}

/** Each boundary belongs to a target area, once, with closed rings and within the size bound. */
function geometryProblems(
  features: readonly GeometryFeature[],
  targets: readonly TargetAreaView[],
): string[] {
  const targetIds = new Set(targets.map((t) => t.areaId));
  const problems: string[] = [];
  const seen = new Set<string>();
  let positions = 0;
  features.forEach((feature, i) => {
    const areaId = areaIdOf(feature);
    if (!targetIds.has(areaId))
      problems.push(`features[${i}]: area ${areaId} is not a target area of this survey`);
    if (seen.has(areaId)) problems.push(`features[${i}]: area ${areaId} is given twice`);
    seen.add(areaId);
    const rings =
      feature.geometry.type === 'Polygon'
        ? feature.geometry.coordinates
        : feature.geometry.coordinates.flat();
    rings.forEach((ring, r) => {
      positions += ring.length;
      const [first, last] = [ring[0], ring[ring.length - 1]];
      if (first[0] !== last[0] || first[1] !== last[1])
        problems.push(`features[${i}]: ring ${r + 1} is not closed`);
    });
  });
  if (positions > MAX_GEOMETRY_POSITIONS)
    problems.push(
      `the geometries have ${positions} positions; at most ${MAX_GEOMETRY_POSITIONS} (simplify them)`,
    );
  return problems;
}
