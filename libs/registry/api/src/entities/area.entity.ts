import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Geometry } from 'geojson';

@Entity({ name: 'area' })
export class AreaEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  level!: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  /** Ancestor ids from the root down to the parent: subtree checks become array containment. */
  @Column({ type: 'uuid', array: true })
  path!: string[];

  @Column({ type: 'integer', nullable: true })
  population!: number | null;

  @Column({ name: 'area_sqm', type: 'double precision', nullable: true })
  areaSqm!: number | null;

  /** RFC 7946 geometry; stored as JSON because the embedded PostgreSQL has no PostGIS. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  geometry!: Geometry | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
