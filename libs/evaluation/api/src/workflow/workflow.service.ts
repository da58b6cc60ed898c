import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import { transitionEvaluation, type EvaluationStatus, type WorkflowAction } from '@quartier/evaluation-core';
import { EvaluationAccess } from '../access/evaluation-access.service';
import { EVALUATION_READERS, WORKFLOW_ROLES } from '../evaluation.constants';
import { EvaluationServiceError } from '../evaluation.errors';
import { EvaluationEditor } from '../evaluations/evaluation-editor';
import { EvaluationEvents } from '../evaluations/evaluation-events';
import type { EvaluationView, TransitionInput, TransitionView } from '../evaluations/evaluation.dto';
import { EvaluationRepository, type EvaluationRow } from '../evaluations/evaluation.repository';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { SnapshotRepository } from '../snapshots/snapshot.repository';

const TARGET: Record<WorkflowAction, EvaluationStatus> = {
  submit: 'in-review',
  return: 'draft',
  finalise: 'final',
};

/**
 * The workflow `draft → in-review → final` with its audit trail. The core decides which roles
 * take which step (submit: evaluator; finalise: programme manager, never the submitter; …); the
 * roles count only where the caller's assignments cover the evaluation's programme or areas.
 */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly evaluations: EvaluationRepository,
    private readonly access: EvaluationAccess,
    private readonly editor: EvaluationEditor,
    private readonly presenter: EvaluationsService,
    private readonly snapshots: SnapshotRepository,
    private readonly events: EvaluationEvents,
  ) {}

  async transition(caller: Caller, id: string, input: TransitionInput): Promise<EvaluationView> {
    const row = await this.editor.edit(
      caller,
      id,
      async ({ row, scope, manager, at }) => {
        const step = transitionEvaluation(row.status, TARGET[input.action], {
          actor: caller.subject,
          roles: this.access.rolesFor(caller.access, scope),
          ratings: row.ratings,
          submittedBy: row.submittedBy,
          hasSnapshot: row.snapshotId !== null,
        });
        const next: EvaluationRow = {
          ...row,
          status: step.to,
          ...(step.action === 'submit' ? { submittedBy: caller.subject } : {}),
          ...(step.action === 'finalise' ? { finalisedBy: caller.subject, finalisedAt: at } : {}),
        };
        await this.evaluations.addTransition(manager, row.id, {
          action: step.action,
          from: row.status,
          to: step.to,
          by: caller.subject,
          at,
          comment: input.comment.trim(),
        });
        if (step.action === 'finalise') {
          const snapshot = await this.snapshots.info(row.id, row.snapshotId as string, row.snapshotId);
          if (!snapshot)
            throw new EvaluationServiceError('NoSnapshot', `snapshot ${row.snapshotId} not found`);
          await this.events.finalised(manager, next, snapshot.hash);
        }
        return next;
      },
      { roles: WORKFLOW_ROLES, editableOnly: false },
    );
    return this.presenter.present(caller, row);
  }

  async audit(caller: Caller, id: string): Promise<{ items: TransitionView[] }> {
    await this.access.evaluation(caller, id, EVALUATION_READERS);
    const rows = await this.evaluations.transitions(id);
    return { items: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) };
  }
}
