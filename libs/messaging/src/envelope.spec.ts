import { correlation } from './correlation';
import { createEnvelope, envelopeKey } from './envelope';
import { InvalidEventError } from './errors';
import { areaPayload } from './testing/fixtures';

describe('createEnvelope', () => {
  const payload = areaPayload();

  it('stamps the contract version and producer and keys by tenant and aggregate', () => {
    const envelope = createEnvelope('registry.area.upserted', payload, {
      tenantId: 'berlin-demo',
      key: payload.id,
      correlationId: 'req-42',
      occurredAt: '2024-05-01T10:00:00+02:00',
    });
    expect(envelope).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'registry.area.upserted',
      version: 1,
      tenantId: 'berlin-demo',
      occurredAt: '2024-05-01T08:00:00.000Z',
      producer: 'registry',
      key: `berlin-demo:${payload.id}`,
      correlationId: 'req-42',
      payload,
    });
    expect(envelopeKey('t1', 'a')).toBe('t1:a');
  });

  it('takes the correlation id in scope, else a fresh one', () => {
    const inScope = correlation.run('from-request', () =>
      createEnvelope('registry.area.upserted', payload, { tenantId: 'berlin-demo', key: 'a' }),
    );
    expect(inScope.correlationId).toBe('from-request');
    const a = createEnvelope('registry.area.upserted', payload, { tenantId: 'berlin-demo', key: 'a' });
    const b = createEnvelope('registry.area.upserted', payload, { tenantId: 'berlin-demo', key: 'a' });
    expect(a.correlationId).not.toBe(b.correlationId);
    expect(a.id).not.toBe(b.id);
  });

  it('refuses an invalid payload with the contract reason', () => {
    expect(() =>
      createEnvelope(
        'registry.area.upserted',
        { ...payload, population: -1 },
        { tenantId: 'berlin-demo', key: 'a' },
      ),
    ).toThrow(/invalid registry.area.upserted payload at population/);
  });

  it("refuses another service's event type", () => {
    expect(() =>
      createEnvelope('registry.area.upserted', payload, { tenantId: 'berlin-demo', key: 'a' }, 'survey'),
    ).toThrow(new InvalidEventError('registry.area.upserted is produced by registry, not by survey'));
  });

  it("refuses a payload of another tenant than the envelope's", () => {
    expect(() =>
      createEnvelope('registry.area.upserted', payload, { tenantId: 'hamburg', key: 'a' }),
    ).toThrow('registry.area.upserted payload belongs to tenant berlin-demo, envelope says hamburg');
  });

  it('refuses a malformed tenant id and an unparsable date', () => {
    const deleted = { id: payload.id, tenantId: 'Berlin Demo' };
    expect(() =>
      createEnvelope('registry.area.deleted', deleted, { tenantId: 'Berlin Demo', key: 'a' }),
    ).toThrow(InvalidEventError);
    expect(() =>
      createEnvelope('registry.area.upserted', payload, {
        tenantId: 'berlin-demo',
        key: 'a',
        occurredAt: 'gestern',
      }),
    ).toThrow('occurredAt is not a date: gestern');
  });

  it('refuses an empty key', () => {
    expect(() =>
      createEnvelope('registry.area.upserted', payload, { tenantId: 'berlin-demo', key: '' }),
    ).toThrow('registry.area.upserted needs a key (the aggregate id)');
  });
});
