import type { EventType } from '@quartier/contracts';
import type { DeliveredEvent, EventContext } from '../event-bus';
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
}

const handlers = new WeakMap<object, EventHandlerMetadata[]>();

/**
 * Marks a provider method as the handler of the given event types. The method's first parameter
 * must accept `DeliveredEvent<those types>` (checked by the compiler); list the class in
 * `MessagingModule.forRoot({ handlers: [...] })` to subscribe it.
 *
 *   @OnEvent(['registry.area.upserted', 'registry.area.deleted'], { consumer: 'area-ref' })
 *   async onArea(event: DeliveredEvent<'registry.area.upserted' | 'registry.area.deleted'>, ctx: EventContext) { … }
 */
export function OnEvent<K extends EventType>(types: K | readonly K[], options: OnEventOptions = {}) {
  const list: readonly K[] = typeof types === 'string' ? [types] : types;
  return <T extends (event: DeliveredEvent<K>, context: EventContext) => Promise<void> | void>(
    target: object,
    method: string | symbol,
    _descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    const owner = target.constructor;
    const entries = handlers.get(owner) ?? [];
    entries.push({
      method,
      types: list,
      consumer: options.consumer ?? `${owner.name}.${String(method)}`,
      retry: options.retry,
    });
    handlers.set(owner, entries);
  };
}

export function eventHandlersOf(
  handlerClass: abstract new (...args: never[]) => unknown,
): readonly EventHandlerMetadata[] {
  return handlers.get(handlerClass) ?? [];
}
