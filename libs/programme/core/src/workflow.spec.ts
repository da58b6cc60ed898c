import { ProgrammeError } from './programme-error';
import {
  availableActions,
  isTerminalStatus,
  MEASURE_STATUSES,
  rolesAllowedTo,
  transitionMeasure,
  type MeasureAction,
  type MeasureStatus,
  type MeasureTransitionInput,
} from './workflow';

const AT = '2026-03-02T09:15:00+01:00';
const planner = { userId: 'u-planner', roles: ['planner', 'viewer'] };
const manager = { userId: 'u-manager', roles: ['programme-manager'] };
const admin = { userId: 'u-admin', roles: ['tenant-admin'] };
const viewer = { userId: 'u-viewer', roles: ['viewer', 'evaluator'] };

function failure(input: MeasureTransitionInput): ProgrammeError {
  try {
    transitionMeasure(input);
  } catch (error) {
    if (error instanceof ProgrammeError) return error;
    throw error;
  }
  throw new Error('expected a ProgrammeError');
}

describe('transitionMeasure', () => {
  it('walks proposed → approved → running → completed with one audit entry per step', () => {
    const steps: [MeasureStatus | null, MeasureAction, typeof planner][] = [
      [null, 'propose', planner],
      ['proposed', 'approve', manager],
      ['approved', 'start', planner],
      ['running', 'complete', planner],
    ];
    const trail = steps.map(([status, action, actor]) =>
      transitionMeasure({ status, action, actor, at: AT }),
    );
    expect(trail.map((t) => t.status)).toEqual(['proposed', 'approved', 'running', 'completed']);
    expect(trail[1].audit).toEqual({
      action: 'approve',
      from: 'proposed',
      to: 'approved',
      by: 'u-manager',
      at: AT,
      comment: null,
    });
    expect(trail[0].audit.from).toBeNull();
  });

  it('lets a manager reject or cancel with a reason, kept trimmed in the audit entry', () => {
    expect(
      transitionMeasure({
        status: 'proposed',
        action: 'reject',
        actor: manager,
        at: AT,
        comment: ' no match with the fields of action ',
      }).audit,
    ).toMatchObject({ to: 'rejected', comment: 'no match with the fields of action' });
    for (const status of ['approved', 'running'] as const) {
      expect(
        transitionMeasure({ status, action: 'cancel', actor: admin, at: AT, comment: 'carrier insolvent' })
          .status,
      ).toBe('cancelled');
    }
  });

  it('lets a planner withdraw a proposal without a comment, but not cancel an approved measure', () => {
    expect(transitionMeasure({ status: 'proposed', action: 'cancel', actor: planner, at: AT }).status).toBe(
      'cancelled',
    );
    const error = failure({
      status: 'approved',
      action: 'cancel',
      actor: planner,
      at: AT,
      comment: 'why not',
    });
    expect(error.code).toBe('ForbiddenTransition');
    expect(error.message).toBe(
      'cancel an approved measure needs one of the roles programme-manager, tenant-admin for this measure',
    );
    expect(error.params).toEqual({
      action: 'cancel',
      status: 'approved',
      requiredRoles: ['programme-manager', 'tenant-admin'],
    });
  });

  it('forbids planners to approve or reject and viewers to do anything', () => {
    expect(failure({ status: 'proposed', action: 'approve', actor: planner, at: AT }).code).toBe(
      'ForbiddenTransition',
    );
    expect(failure({ status: 'proposed', action: 'reject', actor: planner, at: AT, comment: 'x' }).code).toBe(
      'ForbiddenTransition',
    );
    expect(failure({ status: null, action: 'propose', actor: viewer, at: AT }).message).toBe(
      'propose a new measure needs one of the roles planner, programme-manager, tenant-admin for this measure',
    );
  });

  it('refuses steps that do not exist from the current status', () => {
    const skip = failure({ status: 'proposed', action: 'start', actor: admin, at: AT });
    expect(skip.code).toBe('InvalidTransition');
    expect(skip.message).toBe('cannot start a proposed measure (possible: approve, reject, cancel)');
    expect(failure({ status: 'running', action: 'reject', actor: admin, at: AT, comment: 'x' }).message).toBe(
      'cannot reject a running measure (possible: complete, cancel)',
    );
    expect(failure({ status: 'approved', action: 'propose', actor: admin, at: AT }).code).toBe(
      'InvalidTransition',
    );
  });

  it('refuses every step from a terminal status, whoever asks', () => {
    for (const status of ['completed', 'rejected', 'cancelled'] as const) {
      for (const action of ['propose', 'approve', 'reject', 'start', 'complete', 'cancel'] as const) {
        const error = failure({ status, action, actor: admin, at: AT, comment: 'x' });
        expect(error.code).toBe('InvalidTransition');
        expect(error.message).toBe(`the measure is ${status}, a final status: no further workflow steps`);
      }
    }
  });

  it('requires a comment to reject and to cancel an approved or running measure', () => {
    const error = failure({ status: 'proposed', action: 'reject', actor: manager, at: AT, comment: '  ' });
    expect(error.code).toBe('CommentRequired');
    expect(error.message).toBe('reject needs a comment giving the reason');
    expect(failure({ status: 'running', action: 'cancel', actor: manager, at: AT }).code).toBe(
      'CommentRequired',
    );
  });

  it('requires the caller to supply the user and an ISO instant', () => {
    expect(
      failure({ status: null, action: 'propose', actor: { userId: '', roles: ['planner'] }, at: AT }).code,
    ).toBe('InvalidWorkflowInput');
    for (const at of [
      '2026-03-02',
      '2026-03-02T09:15:00',
      'yesterday',
      '2026-13-40T09:15:00Z',
      '2026-02-30T09:15:00Z',
    ]) {
      const error = failure({ status: null, action: 'propose', actor: planner, at });
      expect(error.code).toBe('InvalidWorkflowInput');
      expect(error.message).toBe(`"${at}" is not an ISO 8601 instant with a time zone`);
    }
    expect(
      transitionMeasure({ status: null, action: 'propose', actor: planner, at: '2026-03-02T08:15:00.123Z' })
        .audit.at,
    ).toBe('2026-03-02T08:15:00.123Z');
  });
});

describe('workflow table helpers', () => {
  it('lists the buttons each role sees per status', () => {
    expect(availableActions('proposed', ['planner'])).toEqual(['cancel']);
    expect(availableActions('proposed', ['programme-manager'])).toEqual(['approve', 'reject', 'cancel']);
    expect(availableActions('approved', ['planner'])).toEqual(['start']);
    expect(availableActions('running', ['planner'])).toEqual(['complete']);
    expect(availableActions('running', ['tenant-admin'])).toEqual(['complete', 'cancel']);
    expect(availableActions(null, ['planner'])).toEqual(['propose']);
    expect(availableActions('approved', ['viewer'])).toEqual([]);
    expect(availableActions('completed', ['tenant-admin'])).toEqual([]);
  });

  it('names the roles for a step (for the service to check scoped assignments)', () => {
    expect(rolesAllowedTo('approve', 'proposed')).toEqual(['programme-manager', 'tenant-admin']);
    expect(rolesAllowedTo('cancel', 'proposed')).toEqual(['planner', 'programme-manager', 'tenant-admin']);
    expect(rolesAllowedTo('approve', 'running')).toEqual([]);
  });

  it('marks exactly completed, rejected and cancelled as terminal', () => {
    expect(MEASURE_STATUSES.filter(isTerminalStatus)).toEqual(['completed', 'rejected', 'cancelled']);
  });
});
