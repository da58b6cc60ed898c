import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AreaImportOptions, FeatureError } from '@quartier/registry-core';

export type AreaImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** A GeoJSON import job; its progress is what the portal polls. */
@Entity({ name: 'area_import' })
export class AreaImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  status!: AreaImportStatus;

  @Column({ type: 'jsonb' })
  options!: AreaImportOptions;

  @Column({ type: 'integer', default: 0 })
  processed!: number;

  @Column({ name: 'bytes_total', type: 'bigint', default: 0 })
  bytesTotal!: string;

  @Column({ name: 'bytes_read', type: 'bigint', default: 0 })
  bytesRead!: string;

  @Column({ type: 'integer', default: 0 })
  created!: number;

  @Column({ type: 'integer', default: 0 })
  updated!: number;

  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` })
  errors!: FeatureError[];

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
