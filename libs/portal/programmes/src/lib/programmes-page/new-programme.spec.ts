import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type NewProgrammeForm, newProgramme } from './new-programme.ts';

const form: NewProgrammeForm = {
  name: ' Sozialer Zusammenhalt ',
  funder: 'Bund',
  legalBasis: '',
  from: '2024-01-01',
  to: '2027-12-31',
  budgetLines: 'projektfonds = Projektfonds\naktionsfonds = Aktionsfonds',
  fieldsOfAction: 'bildung = Bildung',
};

describe('newProgramme', () => {
  it('sends the programme with its lines and funding period', () => {
    const checked = newProgramme(form);
    assert.ok(checked.ok);
    assert.equal(checked.body.name, 'Sozialer Zusammenhalt');
    assert.deepEqual(checked.body.fundingPeriods, [{ from: '2024-01-01', to: '2027-12-31', label: '' }]);
    assert.deepEqual(
      checked.body.budgetLines.map((l) => l.key),
      ['projektfonds', 'aktionsfonds'],
    );
    assert.equal(newProgramme({ ...form, to: form.from }).ok, true);
  });

  it('refuses a funding period that ends before it begins, as the programme service does', () => {
    assert.deepEqual(newProgramme({ ...form, from: '2027-01-01', to: '2024-12-31' }), {
      ok: false,
      problem: { kind: 'periodOrder' },
    });
  });

  it('refuses a programme without a budget line (the service needs one)', () => {
    assert.deepEqual(newProgramme({ ...form, budgetLines: ' \n ' }), {
      ok: false,
      problem: { kind: 'noBudgetLine' },
    });
  });

  it('refuses more lines than the service keeps, and names the first bad line of each list', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `l${i} = Linie ${i}`).join('\n');
    assert.equal(newProgramme({ ...form, budgetLines: lines(30), fieldsOfAction: lines(50) }).ok, true);
    assert.deepEqual(newProgramme({ ...form, budgetLines: lines(31) }), {
      ok: false,
      problem: { kind: 'tooMany', list: 'budgetLines', max: 30 },
    });
    assert.deepEqual(newProgramme({ ...form, fieldsOfAction: lines(51) }), {
      ok: false,
      problem: { kind: 'tooMany', list: 'fieldsOfAction', max: 50 },
    });
    assert.deepEqual(newProgramme({ ...form, fieldsOfAction: 'bildung = Bildung\nnicht ok = X' }), {
      ok: false,
      problem: { kind: 'badLine', list: 'fieldsOfAction', line: 2 },
    });
  });
});
