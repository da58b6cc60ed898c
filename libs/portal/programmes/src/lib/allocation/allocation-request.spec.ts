import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AllocationForm, allocationRequest } from './allocation-request.ts';

const RUN = '6f1c2a8e-1b7d-4c55-9e0a-2d9b7f3c4a10';
const form: AllocationForm = {
  line: 'projektfonds',
  year: 2025,
  budgetEuros: '',
  floorEuros: '0',
  capEuros: '',
  unitCents: 100,
  needSource: 'index',
  runId: RUN,
  indicatorCode: '',
  weighting: 'value',
  comment: ' Verteilung 2025 ',
};

describe('allocationRequest', () => {
  it('sends what the programme service takes: the line’s budget when none is typed, no cap when empty', () => {
    assert.deepEqual(allocationRequest(form), {
      ok: true,
      request: {
        line: 'projektfonds',
        year: 2025,
        floorCents: 0,
        capCents: null,
        unitCents: 100,
        need: { source: 'index', runId: RUN, index: 'status' },
        comment: 'Verteilung 2025',
      },
    });
    const typed = allocationRequest({
      ...form,
      budgetEuros: '250.000',
      capEuros: '40.000,50',
      floorEuros: '',
    });
    assert.ok(typed.ok);
    assert.deepEqual(
      [typed.request.budgetCents, typed.request.floorCents, typed.request.capCents],
      [25_000_000, 0, 4_000_050],
    );
  });

  it('names an amount that is none instead of failing as an error of the portal', () => {
    assert.deepEqual(allocationRequest({ ...form, floorEuros: 'zehn' }), {
      ok: false,
      problem: { kind: 'badAmount', field: 'floor' },
    });
    assert.deepEqual(allocationRequest({ ...form, budgetEuros: '200.000.000.000' }), {
      ok: false,
      problem: { kind: 'badAmount', field: 'budgetAmount' },
    });
  });

  it('names a need source the service would refuse: no index run chosen, no indicator code', () => {
    assert.deepEqual(allocationRequest({ ...form, runId: '' }), {
      ok: false,
      problem: { kind: 'missing', field: 'indexRun' },
    });
    assert.deepEqual(allocationRequest({ ...form, needSource: 'indicator', indicatorCode: '  ' }), {
      ok: false,
      problem: { kind: 'missing', field: 'indicatorCode' },
    });
    const byIndicator = allocationRequest({
      ...form,
      needSource: 'indicator',
      indicatorCode: ' sgb2 ',
      runId: '',
    });
    assert.ok(byIndicator.ok);
    assert.deepEqual(byIndicator.request.need, {
      source: 'indicator',
      indicatorCode: 'sgb2',
      weighting: 'value',
    });
    assert.equal(allocationRequest({ ...form, needSource: 'population', runId: '' }).ok, true);
  });

  it('refuses a year outside the service’s 1990–2100 and a missing line', () => {
    for (const year of [1989, 2101, 2025.5, null])
      assert.deepEqual(allocationRequest({ ...form, year }), { ok: false, problem: { kind: 'badYear' } });
    assert.deepEqual(allocationRequest({ ...form, line: '' }), {
      ok: false,
      problem: { kind: 'missing', field: 'line' },
    });
  });
});
