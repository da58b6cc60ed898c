import { randomUUID } from 'node:crypto';
import {
  EVENTS,
  envelopeSchema,
  firstIssue,
  validateEvent,
  type EventEnvelope,
  type EventPayload,
  type EventType,
  type ServiceName,
} from '@quartier/contracts';
import { correlation } from './correlation';
import { InvalidEventError } from './errors';

/** What a publisher states besides the payload. */
export interface PublishMeta {
  tenantId: string;
  /**
   * The aggregate the event is about within the tenant (usually the area id). The envelope key
   * becomes `tenantId:key`, so every event of one aggregate lands in one partition, in order.
   */
  key: string;
  /** Defaults to the correlation id in scope (see `correlation`), else a fresh one. */
  correlationId?: string;
  /** Defaults to now. */
  occurredAt?: Date | string;
  /** Defaults to a fresh UUID; give one only to make a retried publish idempotent. */
  id?: string;
}

export const envelopeKey = (tenantId: string, key: string): string => `${tenantId}:${key}`;

/**
 * Builds the envelope with the contract's current version and producer, and refuses what a
 * consumer would dead-letter anyway: an invalid payload, a payload of another tenant, or an
 * event type owned by another service (only the owner publishes its events).
 */
export function createEnvelope<K extends EventType>(
  type: K,
  payload: EventPayload<K>,
  meta: PublishMeta,
  producer?: ServiceName,
): EventEnvelope<EventPayload<K>> {
  const contract = EVENTS[type];
  if (!contract) throw new InvalidEventError(`unknown event type ${String(type)}`);
  if (producer !== undefined && contract.producer !== producer) {
    throw new InvalidEventError(`${type} is produced by ${contract.producer}, not by ${producer}`);
  }
  const validation = validateEvent(type, contract.version, payload);
  if (!validation.ok) throw new InvalidEventError(validation.reason);
  const payloadTenant = (validation.payload as { tenantId?: unknown }).tenantId;
  if (typeof payloadTenant === 'string' && payloadTenant !== meta.tenantId) {
    throw new InvalidEventError(
      `${type} payload belongs to tenant ${payloadTenant}, envelope says ${meta.tenantId}`,
    );
  }
  if (meta.key.length === 0) throw new InvalidEventError(`${type} needs a key (the aggregate id)`);
  const occurredAt = meta.occurredAt === undefined ? new Date() : new Date(meta.occurredAt);
  if (Number.isNaN(occurredAt.getTime()))
    throw new InvalidEventError(`occurredAt is not a date: ${String(meta.occurredAt)}`);
  const envelope = {
    id: meta.id ?? randomUUID(),
    type,
    version: contract.version,
    tenantId: meta.tenantId,
    occurredAt: occurredAt.toISOString(),
    producer: contract.producer,
    key: envelopeKey(meta.tenantId, meta.key),
    correlationId: meta.correlationId ?? correlation.currentOrNew(),
    payload: validation.payload as EventPayload<K>,
  };
  const checked = envelopeSchema.safeParse(envelope);
  if (!checked.success) throw new InvalidEventError(`invalid envelope at ${firstIssue(checked.error)}`);
  return envelope;
}
