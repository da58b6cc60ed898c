import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toApiProblem } from './api-problem.ts';

describe('toApiProblem', () => {
  it('reads the registry’s error body', () => {
    assert.deepEqual(
      toApiProblem(422, {
        statusCode: 422,
        code: 'ValidationFailed',
        message: 'Ungültige Eingabe',
        details: [{ field: 'population', message: 'must be ≥ 0' }, 'name: too long'],
      }),
      {
        status: 422,
        code: 'ValidationFailed',
        params: {},
        fields: ['population'],
        message: 'Ungültige Eingabe',
        details: ['population: must be ≥ 0', 'name: too long'],
      },
    );
  });

  it('keeps scalar details as parameters for the translated sentence', () => {
    const problem = toApiProblem(409, {
      code: 'RoleNotHeldAtProvider',
      message: 'viewer last signed in without planner',
      details: { subject: 'viewer', role: 'planner', providerRoles: ['viewer', 'analyst'], nested: { x: 1 } },
    });
    assert.deepEqual(problem.params, {
      subject: 'viewer',
      role: 'planner',
      providerRoles: 'viewer, analyst',
    });
    assert.deepEqual(problem.fields, []);
  });

  it('joins message arrays (Nest validation pipe style)', () => {
    assert.equal(
      toApiProblem(400, { message: ['name must be a string', 'population must be an integer'] }).message,
      'name must be a string; population must be an integer',
    );
  });

  it('keeps short text bodies and drops HTML-sized ones', () => {
    assert.equal(toApiProblem(502, 'Bad Gateway').message, 'Bad Gateway');
    assert.equal(toApiProblem(502, '<html>' + 'x'.repeat(600)).message, null);
    assert.deepEqual(toApiProblem(0, null), {
      status: 0,
      code: null,
      params: {},
      fields: [],
      message: null,
      details: [],
    });
  });

  it('ignores details it cannot read', () => {
    assert.deepEqual(
      toApiProblem(400, { message: 'bad', details: [42, { reason: 'feature 3: no geometry' }, {}] }).details,
      ['feature 3: no geometry'],
    );
  });
});
