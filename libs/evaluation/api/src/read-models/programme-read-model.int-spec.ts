import type { EventEnvelope, EventPayload } from '@quartier/contracts';
import type { DeliveredEvent, EventContext } from '@quartier/messaging';
import { randomUUID } from 'node:crypto';
import { startEvaluationTestApp, TENANT, type EvaluationTestApp } from '../testing/evaluation-test-app';
import { deliverProgramme } from '../testing/evidence';
import { ProgrammeReadModelHandler } from './programme-read-model.handler';

const context: EventContext = {
  consumer: 'evaluation.programme-read-model',
  topic: 'quartier.programme.events',
  attempt: 1,
  correlationId: 'test',
};

function envelope<K extends 'programme.programme.upserted' | 'programme.measure.upserted'>(
  type: K,
  payload: EventPayload<K>,
  occurredAt: string,
): DeliveredEvent<K> {
  return {
    id: randomUUID(),
    type,
    version: 1,
    tenantId: TENANT,
    occurredAt,
    producer: 'programme',
    key: `${TENANT}:${payload.id}`,
    correlationId: 'test',
    payload,
  } as EventEnvelope<EventPayload<K>> & { type: K } as DeliveredEvent<K>;
}

describe('read models of programmes and measures (programme service events)', () => {
  let t: EvaluationTestApp;
  beforeAll(async () => {
    t = await startEvaluationTestApp();
  });
  afterAll(() => t?.close());

  const programme = (name: string, areas: string[]): EventPayload<'programme.programme.upserted'> => ({
    tenantId: TENANT,
    id: '3d1f6a2e-8f7b-4c1d-9e2a-5b6c7d8e9f01',
    name,
    funder: 'Bund',
    status: 'active',
    fundingPeriods: [{ from: '2015-01-01', to: '2020-12-31' }],
    areaIds: areas.map((code) => t.areas[code]),
    indexRunId: null,
  });

  it('applies each event once, and never lets an older event roll a programme back', async () => {
    const handler = t.app.get(ProgrammeReadModelHandler);
    const first = envelope(
      'programme.programme.upserted',
      programme('QM Mitte', ['0101']),
      '2025-01-01T10:00:00Z',
    );
    await handler.apply(first, context);
    await handler.apply(first, context);
    const inbox: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM inbox WHERE consumer = $1 AND event_id = $2`,
      [context.consumer, first.id],
    );
    expect(inbox[0].n).toBe(1);
    const newer = envelope(
      'programme.programme.upserted',
      programme('QM Mitte (erweitert)', ['0101', '0102']),
      '2025-02-01T10:00:00Z',
    );
    await handler.apply(newer, context);
    const late = envelope('programme.programme.upserted', programme('QM alt', []), '2025-01-15T10:00:00Z');
    await handler.apply(late, context);
    const rows = await t.db.query(`SELECT name, area_ids AS "areaIds" FROM programme_ref`);
    expect(rows).toEqual([{ name: 'QM Mitte (erweitert)', areaIds: [t.areas['0101'], t.areas['0102']] }]);
    const listed = await t.call('GET', '/api/evaluation/programmes', 'viewer');
    expect(listed.body).toMatchObject({
      total: 1,
      items: [{ name: 'QM Mitte (erweitert)', measureCount: 0 }],
    });
  });

  it('keeps measures of a programme and lists them for readers of the programme', async () => {
    const handler = t.app.get(ProgrammeReadModelHandler);
    const programmeId = await deliverProgramme(t, { name: 'Soziale Stadt', areas: ['0201'] });
    const measure: EventPayload<'programme.measure.upserted'> = {
      tenantId: TENANT,
      id: randomUUID(),
      programmeId,
      title: 'Stadtteilmütter',
      areaIds: [t.areas['0201']],
      fieldOfAction: 'bildung',
      status: 'approved',
      plannedStart: '2016-01-01',
      plannedEnd: '2017-12-31',
      actualStart: null,
      actualEnd: null,
      budgetCents: 1_200_000,
    };
    const event = envelope('programme.measure.upserted', measure, '2025-03-01T10:00:00Z');
    await handler.apply(event, context);
    await handler.apply(event, context);
    await handler.apply(
      envelope(
        'programme.measure.upserted',
        { ...measure, status: 'running', actualStart: '2016-02-01' },
        '2025-03-02T10:00:00Z',
      ),
      context,
    );
    const measures = await t.call('GET', `/api/evaluation/programmes/${programmeId}/measures`, 'viewer');
    expect(measures.body).toEqual({
      total: 1,
      items: [
        {
          id: measure.id,
          programmeId,
          title: 'Stadtteilmütter',
          areaIds: [t.areas['0201']],
          fieldOfAction: 'bildung',
          status: 'running',
          plannedStart: '2016-01-01',
          plannedEnd: '2017-12-31',
          actualStart: '2016-02-01',
          actualEnd: null,
          budgetCents: 1_200_000,
        },
      ],
    });
    expect(
      (await t.call('GET', `/api/evaluation/programmes/${programmeId}/measures`, 'musterstadt-admin')).status,
    ).toBe(404);
  });

  it('ignores another tenant’s programme with a clashing id instead of overwriting', async () => {
    const handler = t.app.get(ProgrammeReadModelHandler);
    const foreign = { ...programme('Fremd', []), tenantId: 'musterstadt' };
    await handler.apply(
      {
        ...envelope('programme.programme.upserted', foreign, '2025-12-01T10:00:00Z'),
        tenantId: 'musterstadt',
      },
      context,
    );
    const rows = await t.db.query(`SELECT tenant_id AS "tenantId", name FROM programme_ref WHERE id = $1`, [
      foreign.id,
    ]);
    expect(rows).toEqual([{ tenantId: TENANT, name: 'QM Mitte (erweitert)' }]);
  });
});
