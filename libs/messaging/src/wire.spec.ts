import { CORRELATION_HEADER, DEAD_LETTER_REASON_HEADER } from '@quartier/contracts';
import { deadLetterMessage, topicsFor } from './delivery';
import { createEnvelope } from './envelope';
import { areaPayload } from './testing/fixtures';
import {
  DEAD_LETTER_AT_HEADER,
  DEAD_LETTER_CONSUMER_HEADER,
  DEAD_LETTER_ORIGIN_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  EVENT_VERSION_HEADER,
  TENANT_HEADER,
  decodeEnvelope,
  encodeEnvelope,
  headersToStrings,
} from './wire';

describe('wire format', () => {
  const payload = areaPayload();
  const envelope = createEnvelope('registry.area.upserted', payload, {
    tenantId: 'berlin-demo',
    key: payload.id,
    correlationId: 'c-7',
  });

  it("puts the envelope on its producer's topic, keyed, with routing headers", () => {
    const wire = encodeEnvelope(envelope);
    expect(wire.topic).toBe('quartier.registry.events');
    expect(wire.key).toBe(`berlin-demo:${payload.id}`);
    expect(wire.headers).toEqual({
      [CORRELATION_HEADER]: 'c-7',
      [EVENT_ID_HEADER]: envelope.id,
      [EVENT_TYPE_HEADER]: 'registry.area.upserted',
      [EVENT_VERSION_HEADER]: '1',
      [TENANT_HEADER]: 'berlin-demo',
    });
    expect(decodeEnvelope(wire.value)).toEqual({ ok: true, envelope });
    expect(decodeEnvelope(Buffer.from(wire.value))).toEqual({ ok: true, envelope });
  });

  it('names what is wrong with an undecodable message', () => {
    expect(decodeEnvelope(null)).toEqual({ ok: false, reason: 'empty message' });
    expect(decodeEnvelope('')).toEqual({ ok: false, reason: 'empty message' });
    const notJson = decodeEnvelope('{"id":');
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.reason).toMatch(/^malformed JSON: /);
    const { correlationId: _dropped, ...withoutCorrelation } = envelope;
    expect(decodeEnvelope(JSON.stringify(withoutCorrelation))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^malformed envelope at correlationId: /),
    });
    expect(decodeEnvelope(JSON.stringify({ ...envelope, version: 0 }))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^malformed envelope at version: /),
    });
  });

  it('reads Kafka headers given as buffers or repeated values', () => {
    expect(
      headersToStrings({
        a: Buffer.from('x'),
        b: 'y',
        c: [Buffer.from('1'), Buffer.from('2')],
        d: undefined,
      }),
    ).toEqual({ a: 'x', b: 'y', c: '2' });
    expect(headersToStrings(undefined)).toEqual({});
  });

  it('dead-letters with the original key, value and headers plus reason, consumer and origin', () => {
    const wire = encodeEnvelope(envelope);
    const dead = deadLetterMessage(
      wire,
      'bad',
      'area-ref',
      { partition: 2, offset: '17' },
      new Date('2024-01-02T03:04:05Z'),
    );
    expect(dead).toEqual({
      topic: 'quartier.registry.events.dlq',
      key: wire.key,
      value: wire.value,
      headers: {
        ...wire.headers,
        [DEAD_LETTER_REASON_HEADER]: 'bad',
        [DEAD_LETTER_CONSUMER_HEADER]: 'area-ref',
        [DEAD_LETTER_ORIGIN_HEADER]: 'quartier.registry.events/2/17',
        [DEAD_LETTER_AT_HEADER]: '2024-01-02T03:04:05.000Z',
      },
    });
    const long = deadLetterMessage(wire, 'x'.repeat(5000), 'c');
    expect(long.headers[DEAD_LETTER_REASON_HEADER]).toHaveLength(2000);
    expect(long.headers[DEAD_LETTER_ORIGIN_HEADER]).toBe('quartier.registry.events');
  });

  it("subscribes to the producers' topics of the requested types", () => {
    expect(topicsFor(['registry.area.upserted', 'registry.area.deleted'])).toEqual([
      'quartier.registry.events',
    ]);
    expect(() => topicsFor([])).toThrow('subscribe needs at least one event type');
    expect(() => topicsFor(['registry.area.exploded' as 'registry.area.deleted'])).toThrow(
      'unknown event type registry.area.exploded',
    );
  });
});
