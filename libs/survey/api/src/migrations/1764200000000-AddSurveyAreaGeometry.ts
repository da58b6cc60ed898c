import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Geometries of a survey's target areas, so that an area of residence given as a map point can be
 * placed by point-in-polygon. The survey keeps its own copy (sent by the portal from the registry's
 * GeoJSON) because services never read another service's tables, and a copy per survey keeps the
 * assignment stable while the registry's boundaries move on to a new version.
 */
export class AddSurveyAreaGeometry1764200000000 implements MigrationInterface {
  name = 'AddSurveyAreaGeometry1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE survey_area_geometry (
        survey_id uuid NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
        area_id uuid NOT NULL,
        -- GeoJSON Polygon or MultiPolygon in WGS 84 longitude/latitude.
        geometry jsonb NOT NULL,
        PRIMARY KEY (survey_id, area_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE survey_area_geometry`);
  }
}
