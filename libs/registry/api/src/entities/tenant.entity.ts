import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TenantPublicProfile } from '@quartier/contracts';
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

  /** Operator name, imprint and privacy links shown on public survey forms; null = none set. */
  @Column({ name: 'public_profile', type: 'jsonb', nullable: true })
  publicProfile!: TenantPublicProfile | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
