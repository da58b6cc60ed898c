import { NonRetryableEventError, type DeliveredEvent } from '@quartier/messaging';
import type { ServiceTestApp } from '@quartier/service-kit';
import { randomUUID } from 'node:crypto';
import { SurveyNetworkResponseHandler } from './survey-network-response.handler';
import { type Body, countRows, createNetwork, startNetworkTestApp } from '../testing/network-test-app';

describe('network service (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);
  const count = (sql: string, params: unknown[]) => countRows(t, sql, params);
  const newNetwork = (name: string, areaCode?: string, user?: string) =>
    createNetwork(t, ids, name, areaCode, user);

  beforeAll(async () => {
    ({ t, ids } = await startNetworkTestApp());
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('survey events', () => {
    let networkId: string;
    let waveId: string;
    let listed: string;

    const envelope = (payload: Record<string, unknown>, id = randomUUID()) =>
      ({
        id,
        type: 'survey.network-response.submitted',
        version: 1,
        tenantId: 'berlin-demo',
        occurredAt: new Date().toISOString(),
        producer: 'survey',
        key: 'berlin-demo:x',
        correlationId: 'test',
        payload,
      }) as unknown as DeliveredEvent<'survey.network-response.submitted'>;
    const context = {
      consumer: 'network.survey-network-responses',
      topic: 'quartier.survey.events',
      attempt: 1,
      correlationId: 'test',
    };

    beforeAll(async () => {
      ({ networkId, waveId } = await newNetwork('Befragung', '01'));
      listed = (
        await call('POST', `/api/network/networks/${networkId}/actors`, 'admin', {
          name: 'Familienzentrum Soldiner Kiez',
          sector: 'welfare',
        })
      ).body.id;
      await call('POST', `/api/network/networks/${networkId}/actors`, 'admin', { name: 'Kita Sonnenblume' });
    });

    it('turns a submission into actors and ties of the wave, once per event', async () => {
      const payload = {
        tenantId: 'berlin-demo',
        surveyId: 'netzwerk-2024',
        waveId,
        submittedOn: '2024-05-20',
        respondent: `actor:${listed}`,
        actors: [
          { key: `actor:${listed}`, actorId: listed, name: 'Familienzentrum Soldiner Kiez', isNew: false },
          { key: 'new:kita sonnenblume', name: 'KITA Sonnenblume!', isNew: true },
          { key: 'new:repair cafe wedding', name: 'Repair-Café Wedding', type: 'civil-society', isNew: true },
        ],
        ties: [
          {
            source: `actor:${listed}`,
            target: 'new:kita sonnenblume',
            directed: true,
            attributes: { type: 'referral', frequency: 3 },
          },
          {
            source: `actor:${listed}`,
            target: 'new:repair cafe wedding',
            directed: true,
            attributes: { quality: 'gut' },
          },
        ],
      };
      const event = envelope(payload);
      const handler = t.app.get(SurveyNetworkResponseHandler);
      await handler.onResponse(event, context);
      await handler.onResponse(event, context);
      const actors = (await call('GET', `/api/network/networks/${networkId}/actors`, 'admin')).body.items;
      expect(actors.map((a: { name: string; sector: string | null }) => [a.name, a.sector])).toEqual([
        ['Familienzentrum Soldiner Kiez', 'welfare'],
        ['Kita Sonnenblume', null],
        ['Repair-Café Wedding', 'civil-society'],
      ]);
      const ties = (await call('GET', `/api/network/networks/${networkId}/waves/${waveId}/ties`, 'admin'))
        .body.items;
      expect(
        ties.map((x: Body) => [x.sourceName, x.targetName, x.type, x.weight, x.directed, x.source]).sort(),
      ).toEqual([
        ['Familienzentrum Soldiner Kiez', 'Kita Sonnenblume', 'referral', 3, true, 'survey'],
        ['Familienzentrum Soldiner Kiez', 'Repair-Café Wedding', 'cooperation', 1, true, 'survey'],
      ]);
      // Redelivered under a new event id (a second submission): merged, not duplicated.
      await handler.onResponse(envelope(payload), context);
      expect(await count(`actor WHERE network_id = $1`, [networkId])).toBe(3);
      expect(await count(`tie WHERE wave_id = $1`, [waveId])).toBe(2);
    });

    it('dead-letters submissions for unknown waves', async () => {
      const handler = t.app.get(SurveyNetworkResponseHandler);
      const payload = {
        tenantId: 'berlin-demo',
        surveyId: 's',
        waveId: randomUUID(),
        submittedOn: '2024-05-20',
        respondent: 'actor:x',
        actors: [],
        ties: [],
      };
      await expect(handler.onResponse(envelope(payload), context)).rejects.toBeInstanceOf(
        NonRetryableEventError,
      );
      await expect(
        handler.onResponse(envelope({ ...payload, tenantId: 'musterstadt', waveId }), context),
      ).rejects.toBeInstanceOf(NonRetryableEventError);
    });
  });
});
