import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Old area → new area with the share of the old one that went over (population or surface). */
@Entity({ name: 'crosswalk' })
export class CrosswalkEntity {
  @PrimaryColumn({ name: 'from_area_id', type: 'uuid' })
  fromAreaId!: string;

  @PrimaryColumn({ name: 'to_area_id', type: 'uuid' })
  toAreaId!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'to_version_id', type: 'uuid' })
  toVersionId!: string;

  @Column({ type: 'double precision' })
  weight!: number;
}
