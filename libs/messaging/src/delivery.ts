import {
  DEAD_LETTER_REASON_HEADER,
  deadLetterTopicOf,
  isKnownEventType,
  topicOf,
  validateEvent,
  EVENTS,
  type EventType,
} from '@quartier/contracts';
import { correlation } from './correlation';
import { DeliveryAbortedError, NonRetryableEventError } from './errors';
import type { DeliveredEvent, EventContext, EventHandler } from './event-bus';
import { errorMessage, type MessagingLogger } from './logger';
import { backoffDelay, sleep, type RetryPolicy } from './retry';
import {
  DEAD_LETTER_AT_HEADER,
  DEAD_LETTER_CONSUMER_HEADER,
  DEAD_LETTER_ORIGIN_HEADER,
  EVENT_TYPE_HEADER,
  decodeEnvelope,
  type WireMessage,
} from './wire';

/** Topics to read for a set of event types: each type lives on its producer's topic. */
export function topicsFor(types: readonly EventType[]): string[] {
  if (types.length === 0) throw new RangeError('subscribe needs at least one event type');
  for (const type of types)
    if (!isKnownEventType(type)) throw new RangeError(`unknown event type ${String(type)}`);
  return [...new Set(types.map((type) => topicOf(EVENTS[type].producer)))].sort();
}

const MAX_REASON_LENGTH = 2000;

/** The dead letter keeps the original key, value and headers, adding why and where from. */
export function deadLetterMessage(
  message: WireMessage,
  reason: string,
  consumer: string,
  origin?: { partition: number; offset: string },
  now: Date = new Date(),
): WireMessage {
  return {
    topic: deadLetterTopicOf(message.topic),
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DEAD_LETTER_REASON_HEADER]:
        reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason,
      [DEAD_LETTER_CONSUMER_HEADER]: consumer,
      [DEAD_LETTER_ORIGIN_HEADER]: origin
        ? `${message.topic}/${origin.partition}/${origin.offset}`
        : message.topic,
      [DEAD_LETTER_AT_HEADER]: now.toISOString(),
    },
  };
}

export interface DeliveryTarget {
  consumer: string;
  types: ReadonlySet<EventType>;
  handler: EventHandler<EventType>;
  retry: RetryPolicy;
}

export interface DeliveryIO {
  /** Must not resolve before the dead letter is durable: the original is then committed. */
  deadLetter(message: WireMessage): Promise<void>;
  /** Aborted when the subscription stops: retries end and the event stays uncommitted. */
  signal: AbortSignal;
  /** Kafka: keeps the group membership alive while a retry waits. */
  heartbeat?: () => Promise<void>;
  position?: { partition: number; offset: string };
  logger: MessagingLogger;
}

export type DeliveryOutcome =
  | { status: 'handled'; attempts: number }
  | { status: 'skipped' }
  | { status: 'dead-lettered'; reason: string };

const HEARTBEAT_SLICE_MS = 1000;

export type Admission =
  | { status: 'event'; event: DeliveredEvent<EventType> }
  | { status: 'skipped' }
  | { status: 'invalid'; reason: string };

/**
 * Messages that passed the contract check. The in-process broker hands one message object to
 * every subscriber (Kafka gives each consumer group its own), and the same bytes against the
 * same contracts give the same verdict: an area event reaching six read models was checked six
 * times, 18 % of the platform's CPU while 50,000 areas replicated. What passed is what the
 * check returns (the outbox stores the payload as the producer's check returned it, so a
 * conforming value has no keys the check would strip and no defaults left to fill).
 */
const conforming = new WeakSet<WireMessage>();

/**
 * Decodes a message and checks it against the contracts. Known types the subscription did not
 * ask for are skipped (topics carry a producer's every event); what cannot be decoded, unknown
 * types and unsupported versions are invalid (to be dead-lettered).
 */
export function admit(message: WireMessage, types: ReadonlySet<EventType>): Admission {
  // The type header (written with the envelope, see wire.ts) lets a subscription pass over the
  // types it did not ask for without parsing them: a topic carries all its producer's events,
  // and a fact in parts is ~250 kB of JSON that most of the topic's subscribers do not read.
  const announced = message.headers[EVENT_TYPE_HEADER];
  if (announced !== undefined && isKnownEventType(announced) && !types.has(announced))
    return { status: 'skipped' };
  if (conforming.has(message)) {
    // Checked for an earlier subscriber; each subscriber still gets objects of its own.
    const event = JSON.parse(message.value) as DeliveredEvent<EventType>;
    return types.has(event.type) ? { status: 'event', event } : { status: 'skipped' };
  }
  const decoded = decodeEnvelope(message.value);
  if (!decoded.ok) return { status: 'invalid', reason: decoded.reason };
  const envelope = decoded.envelope;
  if (isKnownEventType(envelope.type) && !types.has(envelope.type)) return { status: 'skipped' };
  const validation = validateEvent(envelope.type, envelope.version, envelope.payload);
  if (!validation.ok) return { status: 'invalid', reason: validation.reason };
  // An upgraded payload differs from the bytes: later subscribers must upgrade it themselves.
  if (validation.upgradedFrom === undefined) conforming.add(message);
  const event = {
    ...envelope,
    type: validation.type,
    version: EVENTS[validation.type].version,
    payload: validation.payload,
  } as DeliveredEvent<EventType>;
  return { status: 'event', event };
}

export async function wait(ms: number, io: DeliveryIO): Promise<void> {
  let left = ms;
  while (left > 0) {
    const slice = io.heartbeat ? Math.min(left, HEARTBEAT_SLICE_MS) : left;
    if (!(await sleep(slice, io.signal))) throw new DeliveryAbortedError();
    left -= slice;
    await io.heartbeat?.();
  }
}

/**
 * One message through one subscription: decode and check it against the contracts, hand it to
 * the handler with retries and backoff, and dead-letter what cannot be processed. Resolving means
 * the message is done (its offset may be committed); rejecting means it must be redelivered.
 *
 * Known types the subscription did not ask for are skipped (topics carry a producer's every
 * event); unknown types and unsupported versions are dead-lettered, because this consumer's
 * contracts are older or newer than the producer's and someone has to look at it.
 */
export async function deliver(
  message: WireMessage,
  target: DeliveryTarget,
  io: DeliveryIO,
): Promise<DeliveryOutcome> {
  const deadLetter = async (reason: string): Promise<DeliveryOutcome> => {
    io.logger.warn('event dead-lettered', {
      consumer: target.consumer,
      topic: message.topic,
      key: message.key,
      reason,
    });
    await io.deadLetter(deadLetterMessage(message, reason, target.consumer, io.position));
    return { status: 'dead-lettered', reason };
  };

  const admitted = admit(message, target.types);
  if (admitted.status === 'skipped') return admitted;
  if (admitted.status === 'invalid') return deadLetter(admitted.reason);
  const { event } = admitted;
  const envelope = event;

  for (let attempt = 1; ; attempt++) {
    if (io.signal.aborted) throw new DeliveryAbortedError();
    const context: EventContext = {
      consumer: target.consumer,
      topic: message.topic,
      attempt,
      correlationId: envelope.correlationId,
      ...(io.position ?? {}),
    };
    try {
      await correlation.run(envelope.correlationId, () => target.handler(event, context));
      return { status: 'handled', attempts: attempt };
    } catch (error) {
      if (error instanceof NonRetryableEventError)
        return deadLetter(`rejected by ${target.consumer}: ${error.message}`);
      if (attempt >= target.retry.attempts) {
        return deadLetter(`${target.consumer} failed ${attempt} time(s): ${errorMessage(error)}`);
      }
      const delay = backoffDelay(target.retry, attempt);
      io.logger.warn('event handler failed, retrying', {
        consumer: target.consumer,
        eventId: envelope.id,
        type: envelope.type,
        attempt,
        retryInMs: delay,
        correlationId: envelope.correlationId,
        error: errorMessage(error),
      });
      await wait(delay, io);
    }
  }
}
