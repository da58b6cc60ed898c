import { randomUUID } from 'node:crypto';
import { EVENTS, validateEvent, topicOf, deadLetterTopicOf, periodSchema, envelopeSchema } from './index';

describe('event contracts', () => {
  const area = {
    id: randomUUID(),
    tenantId: 'berlin-demo',
    code: '01011101',
    name: 'Stülerstraße',
    level: 'planning-area',
    parentId: randomUUID(),
    path: [randomUUID()],
    population: 3419,
    versionId: randomUUID(),
    validFrom: '2021-01-01',
  };

  it('accepts a valid registry.area.upserted v1 payload', () => {
    const result = validateEvent('registry.area.upserted', 1, area);
    expect(result).toEqual({ ok: true, type: 'registry.area.upserted', payload: area });
  });

  it('rejects unknown types, unknown versions and bad payloads with a reason', () => {
    expect(validateEvent('registry.area.exploded', 1, area)).toEqual({
      ok: false,
      reason: 'unknown event type registry.area.exploded',
    });
    expect(validateEvent('registry.area.upserted', 2, area)).toEqual({
      ok: false,
      reason: 'unsupported version 2 of registry.area.upserted (known: 1)',
    });
    const bad = validateEvent('registry.area.upserted', 1, { ...area, population: -5 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toMatch(/at population/);
  });

  it('declares every event with the producer named in its type', () => {
    for (const [type, contract] of Object.entries(EVENTS))
      expect(type.startsWith(`${contract.producer}.`)).toBe(true);
  });

  it('names topics per producing service with a dead-letter companion', () => {
    expect(topicOf('registry')).toBe('quartier.registry.events');
    expect(deadLetterTopicOf(topicOf('registry'))).toBe('quartier.registry.events.dlq');
  });

  it('knows the statistical period forms and nothing else', () => {
    for (const p of ['2024', '2024H2', '2024Q3', '2024-12-31', '2024-03', '2024-W05', '2024-04-01/P1Y'])
      expect(periodSchema.safeParse(p).success).toBe(true);
    for (const p of ['24', '2024H3', '2024Q5', '2024-1-1', '2024 ', '2024-13', '2024-W54', '2024-04-01/P0Y'])
      expect(periodSchema.safeParse(p).success).toBe(false);
  });

  it('takes only periods that exist, as the period grammar reads them, and names the one it refuses', () => {
    for (const p of ['2020-W53', '2024-02-29', '2024-02-29/P1Y', '2026-W53'])
      expect(periodSchema.safeParse(p).success).toBe(true);
    for (const p of [
      '2025-W53',
      '2024-W53',
      '2024-02-30',
      '2023-02-29',
      '2024-04-31',
      '2024-00-10',
      '2024-02-30/P1M',
    ])
      expect(periodSchema.safeParse(p).error?.issues).toEqual([
        expect.objectContaining({
          path: [],
          message: `"${p}" is not a period: its year has no such day or ISO week`,
        }),
      ]);
    // One message for a text of the wrong form, not a second one about the grammar.
    expect(periodSchema.safeParse('2024-5').error?.issues.map((i) => i.message)).toEqual([
      '"2024-5" is not a period (YYYY, YYYYH1, YYYYQ1, YYYY-MM, YYYY-Www, YYYY-MM-DD or YYYY-MM-DD/P1Y)',
    ]);
  });

  it('requires a complete envelope', () => {
    const envelope = {
      id: randomUUID(),
      type: 'registry.area.upserted',
      version: 1,
      tenantId: 'berlin-demo',
      occurredAt: new Date().toISOString(),
      producer: 'registry',
      key: `berlin-demo:${area.id}`,
      correlationId: 'c-1',
      payload: area,
    };
    expect(envelopeSchema.safeParse(envelope).success).toBe(true);
    expect(envelopeSchema.safeParse({ ...envelope, producer: 'elsewhere' }).success).toBe(false);
  });
});
