import { createEnvelope, type DeliveredEvent } from '@quartier/messaging';
import type { ServiceTestApp } from '@quartier/service-kit';
import { NetworkMetricsHandler } from './network-metrics.handler';
import { startIndicatorTestApp, TENANT } from '../testing/indicator-test-app';

describe('indicator service (real PostgreSQL, Redis, OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  beforeAll(async () => {
    ({ t, ids } = await startIndicatorTestApp());
  }, 120_000);
  afterAll(() => t?.close());

  describe('network metrics', () => {
    it('turns network.metrics.computed into network.<metric> values once, creating catalogue entries', async () => {
      const payload = {
        tenantId: TENANT,
        networkId: '7b0c6c5e-5d36-4f0e-9d4c-0f3b8f2f0a11',
        waveId: '7b0c6c5e-5d36-4f0e-9d4c-0f3b8f2f0a12',
        areaId: ids['X101'],
        period: '2024',
        metrics: { density: 0.25, isolates: 3 },
      };
      // Delivered as the bus delivers the network service's event (the in-process bus refuses
      // to publish another service's events, so the delivery is made directly).
      const envelope = createEnvelope(
        'network.metrics.computed',
        payload,
        { tenantId: TENANT, key: payload.networkId },
        'network',
      );
      const handler = t.app.get(NetworkMetricsHandler);
      const context = {
        consumer: 'indicator.network-metrics',
        topic: 'quartier.network.events',
        attempt: 1,
        correlationId: 'test',
      };
      await handler.onMetrics(envelope as DeliveredEvent<'network.metrics.computed'>, context);
      let density: { body: Record<string, unknown> } | undefined;
      for (let i = 0; i < 100; i++) {
        density = await call(
          'GET',
          '/api/indicator/values?indicator=network.density&period=2024&level=planungsraum',
          'viewer',
        );
        if (
          (density.body['items'] as unknown as { code: string; value: number }[] | undefined)?.some(
            (x) => x.code === 'X101' && x.value === 0.25,
          )
        )
          break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(
        (density!.body['items'] as unknown as { code: string; value: number }[]).find(
          (x) => x.code === 'X101',
        ),
      ).toMatchObject({ value: 0.25 });
      expect((await call('GET', '/api/indicator/indicators/network.isolates', 'viewer')).body).toMatchObject({
        sourceKind: 'network',
        unit: 'count',
        version: 1,
      });
      // Redelivery of the same envelope is absorbed by the inbox.
      await handler.onMetrics(
        {
          ...envelope,
          payload: { ...payload, metrics: { density: 0.99, isolates: 3 } },
        } as DeliveredEvent<'network.metrics.computed'>,
        { ...context, attempt: 2 },
      );
      const [{ value }] = await t.db.query(
        `SELECT v.value FROM indicator_value v JOIN indicator_definition d ON d.id = v.indicator_id WHERE d.code = 'network.density'`,
      );
      expect(value).toBe(0.25);
    });
  });
});
