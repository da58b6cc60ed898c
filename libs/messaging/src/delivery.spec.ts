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
});
