import type { EventType } from '@quartier/contracts';
import { correlation } from './correlation';
import { admit, deadLetterMessage, deliver, wait, type DeliveryIO, type DeliveryTarget } from './delivery';
import { DeliveryAbortedError, NonRetryableEventError } from './errors';
import type { BatchEventHandler, DeliveredEvent } from './event-bus';
import { eventLoopTurns } from './event-loop-turns';
import { errorMessage } from './logger';
import { backoffDelay, type RetryPolicy } from './retry';
import type { WireMessage } from './wire';

/** Longest stretch of decoding and checking a batch before other work gets a turn. */
const ADMISSION_SLICE_MS = 10;

export interface BatchDeliveryTarget {
  consumer: string;
  types: ReadonlySet<EventType>;
  handler: BatchEventHandler<EventType>;
  retry: RetryPolicy;
}

/**
 * Where the batch that starts at `start` ends (exclusive): at most `maxBatch` items and
 * `maxBytes` bytes, at least one item (an event larger than the limit forms a batch of its own).
 */
export function batchEnd<T>(
  items: readonly T[],
  start: number,
  limits: { maxBatch: number; maxBatchBytes: number },
  bytesOf: (item: T) => number,
): number {
  const last = Math.min(items.length, start + limits.maxBatch);
  if (start >= last) return start;
  let end = start + 1;
  let bytes = bytesOf(items[start]);
  while (end < last) {
    const next = bytesOf(items[end]);
    if (bytes + next > limits.maxBatchBytes) break;
    bytes += next;
    end++;
  }
  return end;
}

/** One message of a batch, with its place in the log (Kafka) for dead letters. */
export interface BatchItem {
  message: WireMessage;
  position?: { partition: number; offset: string };
}

export type BatchIO = Omit<DeliveryIO, 'position'>;

/**
 * Messages through one batch subscription: each is decoded and checked against the contracts
 * (invalid ones are dead-lettered at once, unrequested types skipped), the rest go to the handler
 * together, with retries and backoff. A batch that still fails — or that the handler rejects as
 * a whole with `NonRetryableEventError` — is delivered again event by event through `deliver`,
 * so the events that can be processed are, and only the culprit is dead-lettered. Resolving
 * means every message is done; rejecting (abort) means they must all be redelivered.
 */
export async function deliverBatch(
  items: readonly BatchItem[],
  target: BatchDeliveryTarget,
  io: BatchIO,
): Promise<void> {
  const events: DeliveredEvent<EventType>[] = [];
  const admitted: BatchItem[] = [];
  // A thousand area events take tens of milliseconds to decode and check: in slices, so the
  // process's requests are answered meanwhile.
  const turn = eventLoopTurns(ADMISSION_SLICE_MS);
  for (const item of items) {
    await turn();
    const admission = admit(item.message, target.types);
    if (admission.status === 'skipped') continue;
    if (admission.status === 'invalid') {
      io.logger.warn('event dead-lettered', {
        consumer: target.consumer,
        topic: item.message.topic,
        key: item.message.key,
        reason: admission.reason,
      });
      await io.deadLetter(deadLetterMessage(item.message, admission.reason, target.consumer, item.position));
      continue;
    }
    events.push(admission.event);
    admitted.push(item);
  }
  if (events.length === 0) return;
  if (await handleTogether(events, target, io)) return;
  const single: DeliveryTarget = {
    consumer: target.consumer,
    types: target.types,
    retry: target.retry,
    handler: (event, context) =>
      target.handler([event], { consumer: context.consumer, attempt: context.attempt }),
  };
  for (const item of admitted) await deliver(item.message, single, { ...io, position: item.position });
}

/** True when the handler took the whole batch; false when it must go event by event. */
async function handleTogether(
  events: readonly DeliveredEvent<EventType>[],
  target: BatchDeliveryTarget,
  io: BatchIO,
): Promise<boolean> {
  // One batch has many correlation ids; the handler's logs carry the first one.
  const correlationId = events[0].correlationId;
  for (let attempt = 1; ; attempt++) {
    if (io.signal.aborted) throw new DeliveryAbortedError();
    try {
      await correlation.run(correlationId, () =>
        target.handler(events, { consumer: target.consumer, attempt }),
      );
      return true;
    } catch (error) {
      if (error instanceof DeliveryAbortedError) throw error;
      const last = error instanceof NonRetryableEventError || attempt >= target.retry.attempts;
      io.logger.warn(
        last ? 'event batch failed, delivering its events one by one' : 'event batch failed, retrying',
        {
          consumer: target.consumer,
          events: events.length,
          attempt,
          error: errorMessage(error),
        },
      );
      if (last) return false;
      await wait(backoffDelay(target.retry, attempt), io);
    }
  }
}
