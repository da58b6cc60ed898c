import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@quartier/contracts';

/** Who may act in which role where: a whole tenant (area null) or an area and its subtree. */
@Entity({ name: 'role_assignment' })
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** The user's preferred_username at the identity provider. */
  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId!: string | null;

  @Column({ name: 'programme_id', type: 'text', nullable: true })
  programmeId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
