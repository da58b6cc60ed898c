import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import { assertEditable } from '@quartier/evaluation-core';
import { Clock } from '@quartier/service-kit';
import type { EntityManager } from 'typeorm';
import { EvaluationAccess, type EvaluationScope } from '../access/evaluation-access.service';
import { EVALUATION_EDITORS } from '../evaluation.constants';
import { EvaluationRepository, type EvaluationRow } from './evaluation.repository';

export interface EditContext {
  row: EvaluationRow;
  scope: EvaluationScope;
  manager: EntityManager;
  at: Date;
}

/**
 * One change of an evaluation: in a transaction, the row locked, the caller's role and scope
 * checked, a final evaluation refused (the core's rule), the change written back. Changes that
 * alter what the numbers are computed from let go of the snapshot (`unfreeze`): the next
 * results come from live data until a new snapshot is taken.
 */
@Injectable()
export class EvaluationEditor {
  constructor(
    private readonly evaluations: EvaluationRepository,
    private readonly access: EvaluationAccess,
    private readonly clock: Clock,
  ) {}

  async edit(
    caller: Caller,
    id: string,
    change: (context: EditContext) => Promise<Partial<EvaluationRow>> | Partial<EvaluationRow>,
    options: { roles?: readonly Role[]; unfreeze?: boolean; editableOnly?: boolean } = {},
  ): Promise<EvaluationRow> {
    return this.evaluations.db.transaction(async (manager) => {
      const { row, scope } = await this.access.evaluation(caller, id, options.roles ?? EVALUATION_EDITORS, {
        manager,
        lock: true,
      });
      if (options.editableOnly !== false) assertEditable(row.status);
      const at = this.clock.now();
      const changes = await change({ row, scope, manager, at });
      const next: EvaluationRow = {
        ...row,
        ...changes,
        ...(options.unfreeze ? { snapshotId: null } : {}),
      };
      await this.evaluations.update(manager, next, at);
      return { ...next, updatedAt: at };
    });
  }
}
