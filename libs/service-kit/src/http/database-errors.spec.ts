import { QueryFailedError } from 'typeorm';
import { databaseErrorBody } from './database-errors';

function pgError(code: string, fields: Record<string, string> = {}): Error {
  return Object.assign(new Error('pg refused'), { code, ...fields });
}

describe('databaseErrorBody', () => {
  it('answers a unique violation with 409 naming the columns but not the values', () => {
    const driverError = pgError('23505', {
      detail: 'Key (network_id, external_id)=(6f1…, geheim) already exists.',
    });
    const error = new QueryFailedError('UPDATE actor …', [], driverError);
    expect(databaseErrorBody(error)).toEqual({
      statusCode: 409,
      code: 'Conflict',
      message: 'networkId, externalId: a record with the same values exists',
      details: [
        { field: 'networkId', message: 'a record with the same values exists' },
        { field: 'externalId', message: 'a record with the same values exists' },
      ],
    });
    expect(JSON.stringify(databaseErrorBody(error))).not.toContain('geheim');
  });

  it('leaves the tenant out of the named fields and maps range and text refusals to 422', () => {
    expect(
      databaseErrorBody(pgError('23505', { detail: 'Key (tenant_id, code)=(a, b) already exists.' }))
        ?.message,
    ).toBe('code: a record with the same values exists');
    expect(databaseErrorBody(pgError('22001'))).toMatchObject({ statusCode: 422, code: 'ValueTooLong' });
    expect(databaseErrorBody(pgError('22P05'))).toMatchObject({ statusCode: 422, code: 'UnsafeText' });
    expect(databaseErrorBody(pgError('22003', { column: 'weight_sum' }))?.message).toBe(
      'weightSum: a number is out of its field’s range',
    );
  });

  it('is null for other errors, so they stay 500 and are logged', () => {
    expect(databaseErrorBody(pgError('40001'))).toBeNull();
    expect(databaseErrorBody(new Error('boom'))).toBeNull();
    expect(databaseErrorBody('text')).toBeNull();
  });
});
