import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type NewMeasureForm, newMeasure } from './new-measure.ts';

const AREA = '0b7e6c3a-5f1d-4a2b-9c8e-7d6f5e4a3b21';
const form: NewMeasureForm = {
  title: ' Stadtteilcafé ',
  description: '',
  areaId: AREA,
  fieldOfAction: '',
  responsible: '',
  targetGroups: 'Familien, Senioren',
  plannedStart: '2025-03-01',
  plannedEnd: '2025-12-31',
  budgetLine: '',
  budgetYear: null,
  budgetEuros: '',
};

describe('newMeasure', () => {
  it('proposes the measure as typed, without a budget when none is typed', () => {
    const checked = newMeasure(form);
    assert.ok(checked.ok);
    assert.deepEqual(checked.body, {
      title: 'Stadtteilcafé',
      description: '',
      areaIds: [AREA],
      fieldOfAction: null,
      responsible: { name: 'Stadtteilcafé', actorId: null },
      targetGroups: ['Familien', 'Senioren'],
      budget: [],
      plannedStart: '2025-03-01',
      plannedEnd: '2025-12-31',
      deliberateOverCommitment: false,
    });
    const budgeted = newMeasure({
      ...form,
      budgetLine: 'projektfonds',
      budgetYear: 2025,
      budgetEuros: '12.500',
    });
    assert.ok(budgeted.ok);
    assert.deepEqual(budgeted.body.budget, [{ year: 2025, line: 'projektfonds', amountCents: 1_250_000 }]);
  });

  it('refuses a planned end before the planned start, as the programme service does', () => {
    assert.deepEqual(newMeasure({ ...form, plannedEnd: '2025-02-28' }), {
      ok: false,
      problem: { kind: 'plannedOrder' },
    });
    assert.equal(newMeasure({ ...form, plannedEnd: form.plannedStart }).ok, true);
    assert.equal(newMeasure({ ...form, plannedStart: '' }).ok, true);
  });

  it('refuses a typed budget it cannot send whole instead of dropping it', () => {
    assert.deepEqual(newMeasure({ ...form, budgetEuros: '5.000', budgetYear: 2025 }), {
      ok: false,
      problem: { kind: 'budgetIncomplete' },
    });
    assert.deepEqual(
      newMeasure({ ...form, budgetEuros: '5.000', budgetLine: 'projektfonds', budgetYear: 1989 }),
      {
        ok: false,
        problem: { kind: 'badYear' },
      },
    );
    assert.deepEqual(
      newMeasure({ ...form, budgetEuros: 'fünf', budgetLine: 'projektfonds', budgetYear: 2025 }),
      {
        ok: false,
        problem: { kind: 'badAmount' },
      },
    );
  });

  it('refuses more or longer target groups than the service keeps', () => {
    const many = Array.from({ length: 31 }, (_, i) => `Gruppe ${i}`).join(', ');
    assert.deepEqual(newMeasure({ ...form, targetGroups: many }), {
      ok: false,
      problem: { kind: 'targetGroups' },
    });
    assert.deepEqual(newMeasure({ ...form, targetGroups: `Familien, ${'x'.repeat(101)}` }), {
      ok: false,
      problem: { kind: 'targetGroups' },
    });
    assert.equal(newMeasure({ ...form, targetGroups: 'x'.repeat(100) }).ok, true);
  });
});
