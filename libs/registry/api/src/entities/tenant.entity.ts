import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AreaLevel } from '@quartier/registry-core';

@Entity({ name: 'tenant' })
export class TenantEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Ordered from the top (rank 0). */
  @Column({ type: 'jsonb' })
  levels!: AreaLevel[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
