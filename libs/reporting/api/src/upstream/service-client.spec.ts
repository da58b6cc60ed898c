import { ReportingServiceError } from '../reporting.errors';
import { gatheringFailure, UpstreamAnswer } from './service-client';

describe('an upstream answer no topic caught (the tenant, its areas, geometries)', () => {
  const answer = (status: number) =>
    new UpstreamAnswer(status, 'registry', '/api/registry/tenants/current', '{"code":"X"}');

  it('is the reader’s refusal when the service refused them, and the service’s failure otherwise', () => {
    for (const status of [401, 403]) {
      const error = gatheringFailure(answer(status)) as ReportingServiceError;
      expect(error).toBeInstanceOf(ReportingServiceError);
      expect([error.code, error.message]).toEqual(['UpstreamRefused', 'the registry service refused access']);
    }
    for (const status of [404, 409, 500, 503]) {
      const error = gatheringFailure(answer(status)) as ReportingServiceError;
      expect([error.code, error.message]).toEqual([
        'UpstreamFailed',
        `the registry service answered ${status} for /api/registry/tenants/current`,
      ]);
    }
  });

  it('leaves every other error as it is', () => {
    const own = new ReportingServiceError('OutOfScope', 'area outside');
    expect(gatheringFailure(own)).toBe(own);
  });
});
