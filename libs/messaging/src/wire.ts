import {
  CORRELATION_HEADER,
  envelopeSchema,
  firstIssue,
  topicOf,
  type EventEnvelope,
} from '@quartier/contracts';

// Headers duplicate envelope fields so brokers' tooling (and a dead-letter triage) can route and
// filter without parsing the value. The envelope in the value stays authoritative.
export const EVENT_ID_HEADER = 'quartier-event-id';
export const EVENT_TYPE_HEADER = 'quartier-event-type';
export const EVENT_VERSION_HEADER = 'quartier-event-version';
export const TENANT_HEADER = 'quartier-tenant-id';
export const DEAD_LETTER_CONSUMER_HEADER = 'quartier-dead-letter-consumer';
export const DEAD_LETTER_ORIGIN_HEADER = 'quartier-dead-letter-origin';
export const DEAD_LETTER_AT_HEADER = 'quartier-dead-letter-at';

/** An event as it travels: topic, partition key, JSON value and string headers. */
export interface WireMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** The envelope fields a message carries outside its value (routing and headers). */
export type EnvelopeRouting = Pick<
  EventEnvelope,
  'id' | 'type' | 'version' | 'tenantId' | 'key' | 'correlationId'
>;

/** A message from an envelope already encoded as JSON (the outbox relay reads it so from PostgreSQL). */
export function wireMessage(topic: string, routing: EnvelopeRouting, value: string): WireMessage {
  return {
    topic,
    key: routing.key,
    value,
    headers: {
      [CORRELATION_HEADER]: routing.correlationId,
      [EVENT_ID_HEADER]: routing.id,
      [EVENT_TYPE_HEADER]: routing.type,
      [EVENT_VERSION_HEADER]: String(routing.version),
      [TENANT_HEADER]: routing.tenantId,
    },
  };
}

export function encodeEnvelope(envelope: EventEnvelope): WireMessage {
  return wireMessage(topicOf(envelope.producer), envelope, JSON.stringify(envelope));
}

export type DecodeResult = { ok: true; envelope: EventEnvelope } | { ok: false; reason: string };

/** Parses a message value into an envelope; a reason names what is wrong for the dead letter. */
export function decodeEnvelope(value: string | Buffer | null | undefined): DecodeResult {
  if (value === null || value === undefined || value.length === 0)
    return { ok: false, reason: 'empty message' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `malformed JSON: ${(error as Error).message}` };
  }
  const checked = envelopeSchema.safeParse(parsed);
  if (!checked.success) return { ok: false, reason: `malformed envelope at ${firstIssue(checked.error)}` };
  return { ok: true, envelope: checked.data as EventEnvelope };
}

/** Kafka hands headers as Buffers (or arrays of them); we only ever write single strings. */
export function headersToStrings(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value === undefined) continue;
    result[name] = typeof value === 'string' ? value : value.toString('utf8');
  }
  return result;
}
