import type { ServiceTestApp } from '@quartier/service-kit';
import { indicator, startIndicatorTestApp } from '../testing/indicator-test-app';

describe('indicator service (real PostgreSQL, Redis, OIDC tokens)', () => {
  let t: ServiceTestApp;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  beforeAll(async () => {
    ({ t } = await startIndicatorTestApp());
  }, 120_000);
  afterAll(() => t?.close());

  describe('catalogue', () => {
    it('creates, reads and versions definitions; an unchanged PUT writes no version', async () => {
      const created = await call(
        'POST',
        '/api/indicator/indicators',
        'analyst',
        indicator('ALQ', {
          formula: '100 * #{unemployed} / #{residents_15_65}',
          confidentiality: { minNumerator: 3, minDenominator: 10 },
        }),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        code: 'ALQ',
        version: 1,
        effectiveScale: 100,
        elements: ['unemployed', 'residents_15_65'],
        sourceKind: 'manual',
      });
      const { code: _code, ...content } = indicator('ALQ', {
        formula: '100 * #{unemployed} / #{residents_15_65}',
        confidentiality: { minNumerator: 3, minDenominator: 10 },
      });
      const same = await call('PUT', '/api/indicator/indicators/ALQ', 'admin', content);
      expect(same.body).toMatchObject({ version: 1 });
      const changed = await call('PUT', '/api/indicator/indicators/ALQ', 'admin', {
        ...content,
        name: { de: 'Arbeitslosenquote' },
      });
      expect(changed.body).toMatchObject({ version: 2, name: { de: 'Arbeitslosenquote' } });
      const versions = await call('GET', '/api/indicator/indicators/ALQ/versions', 'viewer');
      expect(
        (versions.body as unknown as { version: number; name: { de: string } }[]).map((v) => [
          v.version,
          v.name.de,
        ]),
      ).toEqual([
        [1, 'Indikator ALQ'],
        [2, 'Arbeitslosenquote'],
      ]);
      expect((await call('GET', '/api/indicator/indicators/ALQ/versions/1', 'planer')).body).toMatchObject({
        version: 1,
      });
      expect((await call('GET', '/api/indicator/indicators/ALQ/versions/9', 'viewer')).status).toBe(404);
      const list = await call('GET', '/api/indicator/indicators?q=arbeitslosen', 'viewer');
      expect((list.body as unknown as { code: string }[]).map((i) => i.code)).toEqual(['ALQ']);
      expect((await call('DELETE', '/api/indicator/indicators/ALQ', 'admin')).status).toBe(204);
      expect((await call('GET', '/api/indicator/indicators/ALQ', 'viewer')).status).toBe(404);
      // Reusing a retired code continues its version history.
      expect((await call('POST', '/api/indicator/indicators', 'admin', indicator('ALQ'))).body).toMatchObject(
        { version: 3 },
      );
    });

    it('validates definitions: formula syntax with position, code, counts in pairs, duplicates', async () => {
      const bad = await call(
        'POST',
        '/api/indicator/indicators',
        'admin',
        indicator('F1', { formula: '100 * #{a} / ' }),
      );
      expect(bad.status).toBe(400);
      expect(bad.body['message']).toMatch(
        /^formula: expected a number, element or '\(' but found end of formula at position 13/,
      );
      expect((await call('POST', '/api/indicator/indicators', 'admin', indicator('1bad'))).status).toBe(400);
      expect(
        (await call('POST', '/api/indicator/indicators', 'admin', indicator('F2', { numerator: 'a' }))).body[
          'message'
        ],
      ).toBe('denominator: numerator and denominator go together');
      expect(
        (await call('POST', '/api/indicator/indicators', 'admin', indicator('F3', { impactStep: 8 }))).status,
      ).toBe(400);
      expect((await call('POST', '/api/indicator/indicators', 'admin', indicator('Q1'))).status).toBe(409);
    });

    it('denies edits by role, scope and tenant; every role reads', async () => {
      expect((await call('POST', '/api/indicator/indicators', undefined, indicator('D9'))).status).toBe(401);
      expect((await call('POST', '/api/indicator/indicators', 'viewer', indicator('D9'))).status).toBe(403);
      expect((await call('POST', '/api/indicator/indicators', 'planer', indicator('D9'))).status).toBe(403);
      expect((await call('GET', '/api/indicator/indicators/Q1', 'planer')).status).toBe(200);
      expect((await call('GET', '/api/indicator/indicators/Q1', 'musterstadt-admin')).status).toBe(404);
      const { code: _c, ...content } = indicator('Q1');
      expect((await call('PUT', '/api/indicator/indicators/Q1', 'musterstadt-admin', content)).status).toBe(
        404,
      );
    });
  });
});
