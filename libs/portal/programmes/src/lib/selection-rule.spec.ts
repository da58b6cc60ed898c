import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildRule,
  choicesOf,
  classIndexKeys,
  describeRule,
  MSS_DEFAULT_CLAUSES,
  toggleClass,
} from './selection-rule.ts';

const words = { status: 'Status', dynamics: 'Dynamik', or: 'oder', with: 'mit' };

describe('programme area rule', () => {
  it('builds Berlin’s “4, or 3 with dynamics −” within a district', () => {
    assert.deepEqual(buildRule(MSS_DEFAULT_CLAUSES, { withinAreaId: 'mitte' }), {
      version: 1,
      clauses: [
        { statusClasses: ['4'], withinAreaId: 'mitte' },
        { statusClasses: ['3'], dynamicsClasses: ['-'], withinAreaId: 'mitte' },
      ],
    });
  });

  it('drops clauses without a status class and answers null when nothing is left', () => {
    const rule = buildRule([
      { statusClasses: [], dynamicsClasses: ['-'] },
      { statusClasses: ['4', '3'], dynamicsClasses: [] },
    ]);
    assert.deepEqual(rule, { version: 1, clauses: [{ statusClasses: ['3', '4'] }] });
    assert.equal(buildRule([{ statusClasses: [], dynamicsClasses: [] }]), null);
  });

  it('adds a level only when one is chosen', () => {
    assert.deepEqual(buildRule([{ statusClasses: ['4'], dynamicsClasses: [] }], { level: 'pr' }), {
      version: 1,
      clauses: [{ statusClasses: ['4'], level: 'pr' }],
    });
  });

  it('reads a stored rule back into the checkboxes', () => {
    const stored = buildRule(MSS_DEFAULT_CLAUSES, { withinAreaId: 'mitte', level: 'pr' });
    assert.deepEqual(choicesOf(stored), {
      clauses: [
        { statusClasses: ['4'], dynamicsClasses: [] },
        { statusClasses: ['3'], dynamicsClasses: ['-'] },
      ],
      withinAreaId: 'mitte',
      level: 'pr',
    });
    assert.deepEqual(choicesOf(null).clauses, MSS_DEFAULT_CLAUSES);
  });

  it('toggles one class of one clause', () => {
    const on = toggleClass(MSS_DEFAULT_CLAUSES, 0, 'dynamicsClasses', '-', true);
    assert.deepEqual(on[0], { statusClasses: ['4'], dynamicsClasses: ['-'] });
    assert.equal(on[1], MSS_DEFAULT_CLAUSES[1]);
    const off = toggleClass(on, 0, 'dynamicsClasses', '-', false);
    assert.deepEqual(off[0].dynamicsClasses, []);
  });

  it('describes the rule in words', () => {
    assert.equal(describeRule(MSS_DEFAULT_CLAUSES, words), 'Status 4 oder Status 3 mit Dynamik -');
  });

  it('finds the status and dynamics indices of a run', () => {
    assert.deepEqual(classIndexKeys({ status: [], dynamics: [] }), {
      status: 'status',
      dynamics: 'dynamics',
    });
    assert.deepEqual(classIndexKeys({ need: [], trend: [] }), { status: 'need', dynamics: 'trend' });
    assert.deepEqual(classIndexKeys({ only: [] }), { status: 'only', dynamics: null });
    assert.deepEqual(classIndexKeys({}), { status: null, dynamics: null });
  });
});
