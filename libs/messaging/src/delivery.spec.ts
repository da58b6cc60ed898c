import { createEnvelope } from './envelope';
import { admit } from './delivery';
import { encodeEnvelope, EVENT_TYPE_HEADER } from './wire';
import { areaPayload } from './testing/fixtures';

describe('admit', () => {
  const area = encodeEnvelope(
    createEnvelope('registry.area.upserted', areaPayload({ tenantId: 't1' }), { tenantId: 't1', key: 'a' }),
  );

  it('hands over an event of a requested type, decoded and checked', () => {
    const admission = admit(area, new Set(['registry.area.upserted']));
    expect(admission.status).toBe('event');
    if (admission.status === 'event') expect(admission.event.payload).toMatchObject({ tenantId: 't1' });
  });

  it('passes over a type the subscription did not ask for by its header, without parsing the value', () => {
    const unparseable = { ...area, value: '{"id": broken' };
    expect(admit(unparseable, new Set(['registry.area.deleted']))).toEqual({ status: 'skipped' });
    // The same bytes for a subscription that wants the type: parsed, and dead-lettered as malformed.
    expect(admit(unparseable, new Set(['registry.area.upserted']))).toEqual({
      status: 'invalid',
      reason: expect.stringMatching(/^malformed JSON/),
    });
  });

  it('decodes messages without a usable type header and decides by the envelope', () => {
    const { [EVENT_TYPE_HEADER]: _type, ...headers } = area.headers;
    expect(admit({ ...area, headers }, new Set(['registry.area.deleted']))).toEqual({ status: 'skipped' });
    const unknown = { ...area, headers: { ...area.headers, [EVENT_TYPE_HEADER]: 'no.such.type' } };
    expect(admit(unknown, new Set(['registry.area.upserted'])).status).toBe('event');
  });

  it('checks one message object once for all subscribers, and gives each its own event', () => {
    const contracts = jest.requireActual<typeof import('@quartier/contracts')>('@quartier/contracts');
    const message = encodeEnvelope(
      createEnvelope('registry.area.upserted', areaPayload({ tenantId: 't1' }), { tenantId: 't1', key: 'b' }),
    );
    const check = jest.spyOn(contracts.EVENTS['registry.area.upserted'].schema, 'safeParse');
    try {
      const first = admit(message, new Set(['registry.area.upserted']));
      const second = admit(message, new Set(['registry.area.upserted', 'registry.area.deleted']));
      expect(check).toHaveBeenCalledTimes(1);
      if (first.status !== 'event' || second.status !== 'event') throw new Error('not admitted');
      expect(second.event).toEqual(first.event);
      expect(second.event.payload).not.toBe(first.event.payload);
      // A copy of the same bytes is another message: checked again.
      admit({ ...message }, new Set(['registry.area.upserted']));
      expect(check).toHaveBeenCalledTimes(2);
    } finally {
      check.mockRestore();
    }
  });

  it('keeps checking a message that failed, for every subscriber', () => {
    const wrong = { ...area, value: area.value.replace('"tenantId":"t1"', '"tenantId":"T 1"') };
    for (let i = 0; i < 2; i++)
      expect(admit(wrong, new Set(['registry.area.upserted'])).status).toBe('invalid');
  });
});
