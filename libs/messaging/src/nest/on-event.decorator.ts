import type { EventType } from '@quartier/contracts';
import { DEFAULT_MAX_BATCH, type BatchContext, type DeliveredEvent, type EventContext } from '../event-bus';
import type { RetryPolicy } from '../retry';

export interface OnEventOptions {
  /**
   * Durable name of this subscription (consumer group, inbox key). Defaults to
   * `ClassName.methodName`; set it explicitly where renaming the method must not start over.
   */
  consumer?: string;
  retry?: Partial<RetryPolicy>;
}

export interface EventHandlerMetadata {
  method: string | symbol;
  types: readonly EventType[];
  consumer: string;
  retry?: Partial<RetryPolicy>;
  /** Set for `@OnEventBatch` methods: the most events per call. */
  maxBatch?: number;
  /** `@OnEventBatch` methods: the most bytes of events per call (default 4 MiB). */
  maxBatchBytes?: number;
}

const handlers = new WeakMap<object, EventHandlerMetadata[]>();

/** Records a decorated method on its class; the consumer name defaults to `ClassName.method`. */
function remember(
  target: object,
  method: string | symbol,
  types: EventType | readonly EventType[],
  options: OnEventOptions,
  batch: Pick<EventHandlerMetadata, 'maxBatch' | 'maxBatchBytes'>,
): void {
  const owner = target.constructor;
  const entries = handlers.get(owner) ?? [];
  entries.push({
    method,
    types: typeof types === 'string' ? [types] : types,
    consumer: options.consumer ?? `${owner.name}.${String(method)}`,
    retry: options.retry,
    ...batch,
  });
  handlers.set(owner, entries);
}

/**
 * Marks a provider method as the handler of the given event types. The method's first parameter
 * must accept `DeliveredEvent<those types>` (checked by the compiler); list the class in
 * `MessagingModule.forRoot({ handlers: [...] })` to subscribe it.
 *
 *   @OnEvent(['registry.area.upserted', 'registry.area.deleted'], { consumer: 'area-ref' })
 *   async onArea(event: DeliveredEvent<'registry.area.upserted' | 'registry.area.deleted'>, ctx: EventContext) { … }
 */
export function OnEvent<K extends EventType>(types: K | readonly K[], options: OnEventOptions = {}) {
  return <T extends (event: DeliveredEvent<K>, context: EventContext) => Promise<void> | void>(
    target: object,
    method: string | symbol,
    _descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    remember(target, method, types, options, {});
  };
}

export interface OnEventBatchOptions extends OnEventOptions {
  /** Most events per call (default 500). */
  maxBatch?: number;
  /** Most bytes of events (JSON) per call (default 4 MiB; one larger event comes alone). */
  maxBatchBytes?: number;
}

/**
 * Like `@OnEvent`, but the method receives the events that have arrived in batches (delivery
 * order, order per key kept), e.g. to apply them in one transaction:
 *
 *   @OnEventBatch(['registry.area.upserted'], { consumer: 'area-ref', maxBatch: 500 })
 *   async onAreas(events: readonly DeliveredEvent<'registry.area.upserted'>[], ctx: BatchContext) { … }
 */
export function OnEventBatch<K extends EventType>(
  types: K | readonly K[],
  options: OnEventBatchOptions = {},
) {
  return <T extends (events: readonly DeliveredEvent<K>[], context: BatchContext) => Promise<void> | void>(
    target: object,
    method: string | symbol,
    _descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    remember(target, method, types, options, {
      maxBatch: options.maxBatch ?? DEFAULT_MAX_BATCH,
      maxBatchBytes: options.maxBatchBytes,
    });
  };
}

export function eventHandlersOf(
  handlerClass: abstract new (...args: never[]) => unknown,
): readonly EventHandlerMetadata[] {
  return handlers.get(handlerClass) ?? [];
}
