import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AreaGeometries } from '@quartier/survey-core';
import type { DataSource, EntityManager } from 'typeorm';
import { SURVEY_CONNECTION } from '../survey.constants';
import type { TargetAreaView } from './survey.dto';

type AreaGeometry = AreaGeometries extends ReadonlyMap<string, infer G> ? G : never;

/** A target area as set: the area and, optionally, a population overriding the registry's. */
export interface TargetAreaInput {
  areaId: string;
  population: number | null;
}

/** A boundary as sent by the portal (GeoJSON Polygon or MultiPolygon geometry). */
export interface AreaGeometryInput {
  areaId: string;
  geometry: { type: string; coordinates: unknown };
}

/**
 * SQL of a survey's target areas (`survey_target_area`, keyed by the area code the form's area
 * list uses) and their boundaries (`survey_area_geometry`, for answers placed as map points).
 */
@Injectable()
export class TargetAreaRepository {
  constructor(@InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource) {}

  /** The target areas by key, with names and populations from the registry's read model where known. */
  async ofSurvey(surveyId: string, manager: EntityManager = this.db.manager): Promise<TargetAreaView[]> {
    return manager.query(
      `SELECT t.area_id AS "areaId", t.area_key AS key, coalesce(a.name, t.area_key) AS name, coalesce(a.level, '') AS level,
              a.parent_id AS "parentId", coalesce(t.population, a.population) AS population
         FROM survey_target_area t LEFT JOIN area_ref a ON a.id = t.area_id
        WHERE t.survey_id = $1 ORDER BY t.area_key`,
      [surveyId],
    );
  }

  /**
   * Replaces the target areas (keys are the areas' codes in `area_ref`) and drops the boundaries
   * of areas no longer targeted: they must not place points any more.
   */
  async replace(manager: EntityManager, surveyId: string, areas: readonly TargetAreaInput[]): Promise<void> {
    const ids = areas.map((a) => a.areaId);
    await manager.query(`DELETE FROM survey_target_area WHERE survey_id = $1`, [surveyId]);
    await manager.query(
      `DELETE FROM survey_area_geometry WHERE survey_id = $1 AND area_id <> ALL($2::uuid[])`,
      [surveyId, ids],
    );
    await manager.query(
      `INSERT INTO survey_target_area (survey_id, area_id, area_key, population)
       SELECT $1, t.area_id, a.code, t.population FROM unnest($2::uuid[], $3::int[]) AS t(area_id, population) JOIN area_ref a ON a.id = t.area_id`,
      [surveyId, ids, areas.map((a) => a.population)],
    );
  }

  /** Boundaries of the target areas by area key (= choice name of the area list), for by=point. */
  async geometries(surveyId: string, manager: EntityManager = this.db.manager): Promise<AreaGeometries> {
    const rows: { key: string; geometry: AreaGeometry }[] = await manager.query(
      `SELECT t.area_key AS key, g.geometry FROM survey_area_geometry g JOIN survey_target_area t ON t.survey_id = g.survey_id AND t.area_id = g.area_id WHERE g.survey_id = $1`,
      [surveyId],
    );
    return new Map(rows.map((r) => [r.key, r.geometry]));
  }

  /** Ids of the areas that have a stored boundary. */
  async areaIdsWithGeometry(
    surveyId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<Set<string>> {
    const rows: { area_id: string }[] = await manager.query(
      `SELECT area_id FROM survey_area_geometry WHERE survey_id = $1`,
      [surveyId],
    );
    return new Set(rows.map((r) => r.area_id));
  }

  /** Stores boundaries, replacing all earlier ones or only those of the same areas (append). */
  async putGeometries(
    manager: EntityManager,
    surveyId: string,
    features: readonly AreaGeometryInput[],
    mode: 'replace' | 'append',
  ): Promise<void> {
    if (mode === 'replace')
      await manager.query(`DELETE FROM survey_area_geometry WHERE survey_id = $1`, [surveyId]);
    await manager.query(
      `INSERT INTO survey_area_geometry (survey_id, area_id, geometry) SELECT $1, t.area_id, t.geometry FROM unnest($2::uuid[], $3::jsonb[]) AS t(area_id, geometry)
       ON CONFLICT (survey_id, area_id) DO UPDATE SET geometry = excluded.geometry`,
      [
        surveyId,
        features.map((f) => f.areaId),
        features.map((f) => JSON.stringify({ type: f.geometry.type, coordinates: f.geometry.coordinates })),
      ],
    );
  }
}
