import { DAC_CRITERIA, type CriterionRating } from './dac';
import { EvaluationError } from './evaluation-error';
import {
  STATUS_LABELS,
  assertEditable,
  availableTransitions,
  transitionEvaluation,
  type EvaluationStatus,
  type TransitionContext,
} from './workflow';

const COMPLETE: CriterionRating[] = DAC_CRITERIA.map((c) => ({
  criterion: c.code,
  rating: 2,
  justification: 'begründet',
  evidence: [],
}));

const context = (overrides: Partial<TransitionContext> = {}): TransitionContext => ({
  actor: 'eva',
  roles: ['evaluator'],
  ratings: COMPLETE,
  submittedBy: null,
  hasSnapshot: true,
  ...overrides,
});

function errorOf(run: () => unknown): EvaluationError {
  try {
    run();
  } catch (error) {
    if (error instanceof EvaluationError) return error;
    throw error;
  }
  throw new Error('expected an EvaluationError');
}

describe('evaluation workflow', () => {
  it('lets an evaluator submit a complete draft and a programme manager finalise it', () => {
    expect(transitionEvaluation('draft', 'in-review', context()).action).toBe('submit');
    expect(
      transitionEvaluation(
        'in-review',
        'final',
        context({ actor: 'paul', roles: ['programme-manager'], submittedBy: 'eva' }),
      ).action,
    ).toBe('finalise');
  });

  it('lets the reviewer return it to draft and the evaluator withdraw it', () => {
    expect(
      transitionEvaluation('in-review', 'draft', context({ actor: 'paul', roles: ['programme-manager'] }))
        .action,
    ).toBe('return');
    expect(transitionEvaluation('in-review', 'draft', context()).to).toBe('draft');
  });

  it('refuses roles the transition does not name', () => {
    const viewer = errorOf(() =>
      transitionEvaluation('draft', 'in-review', context({ roles: ['viewer', 'analyst'] })),
    );
    expect(viewer.code).toBe('TransitionForbidden');
    expect(viewer.message).toBe('"submit" needs one of the roles evaluator, tenant-admin');
    // An evaluator cannot approve evaluations.
    expect(errorOf(() => transitionEvaluation('in-review', 'final', context())).code).toBe(
      'TransitionForbidden',
    );
    // The platform operator does not act on a tenant's evaluations.
    expect(
      errorOf(() => transitionEvaluation('in-review', 'final', context({ roles: ['platform-admin'] }))).code,
    ).toBe('TransitionForbidden');
  });

  it('keeps four eyes: whoever submitted cannot finalise, even as tenant administrator', () => {
    const error = errorOf(() =>
      transitionEvaluation(
        'in-review',
        'final',
        context({ actor: 'ada', roles: ['tenant-admin'], submittedBy: 'ada' }),
      ),
    );
    expect(error.code).toBe('TransitionForbidden');
    expect(error.message).toContain('four-eyes');
  });

  it('needs all six ratings to submit or finalise, and the snapshot to finalise', () => {
    const partial = errorOf(() =>
      transitionEvaluation('draft', 'in-review', context({ ratings: COMPLETE.slice(0, 4) })),
    );
    expect(partial.code).toBe('InvalidTransition');
    expect(partial.details).toMatchObject({ unrated: ['impact', 'sustainability'] });
    const noSnapshot = errorOf(() =>
      transitionEvaluation(
        'in-review',
        'final',
        context({ actor: 'paul', roles: ['programme-manager'], hasSnapshot: false }),
      ),
    );
    expect(noSnapshot.message).toBe('an evaluation is finalised only with its frozen evidence snapshot');
  });

  it('refuses edges outside the workflow and anything from final', () => {
    expect(
      errorOf(() => transitionEvaluation('draft', 'final', context({ roles: ['tenant-admin'] }))).message,
    ).toBe('an evaluation cannot go from "draft" to "final"');
    for (const to of ['draft', 'in-review', 'final'] as EvaluationStatus[])
      expect(
        errorOf(() => transitionEvaluation('final', to, context({ roles: ['tenant-admin'] }))).code,
      ).toBe('EvaluationFrozen');
    expect(() => assertEditable('final')).toThrow('the evaluation is final and can no longer be changed');
    expect(() => assertEditable('in-review')).not.toThrow();
  });

  it('lists the transitions a role may take from a status, with translated labels', () => {
    expect(availableTransitions('in-review', ['programme-manager']).map((t) => t.action)).toEqual([
      'return',
      'finalise',
    ]);
    expect(availableTransitions('in-review', ['evaluator']).map((t) => t.action)).toEqual(['return']);
    expect(availableTransitions('final', ['tenant-admin'])).toEqual([]);
    expect(STATUS_LABELS['in-review']).toEqual({ de: 'In Prüfung', en: 'In review' });
  });
});
