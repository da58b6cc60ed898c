/**
 * kafkajs 2.2.4 (the last release; the project is unmaintained) keeps every idle broker connection
 * busy. Its RequestQueue re-arms a timer for "pending requests" whenever it checks them, also when
 * none is pending and nothing is throttled: the delay is then `throttledUntil (-1) - Date.now()`,
 * about -1.8e12 ms, which Node turns into 1 ms. So each connection runs a check every millisecond
 * for as long as it is open — CPU spent on nothing in every service with KAFKA_BROKERS, and on
 * Node 24 the `TimeoutNegativeWarning: -17965… is a negative number` our Kafka specs printed
 * (tulios/kafkajs#1751, #1704; fixes proposed in #1768 and #1667, never merged).
 *
 * The replacement schedules a check only for requests that wait: a request pushed while the queue
 * is throttled schedules its own, and an answer or a timed-out request checks the queue at once
 * (kafkajs's `fulfillRequest` and the request timeout call `checkPendingRequests`), so an empty
 * queue needs no timer.
 */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
}

/** kafkajs's own interval for requests that wait behind the in-flight limit. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

/** The line of kafkajs 2.2.4's method the fix is written against. */
const KNOWN_CODE = 'let scheduleAt = this.throttledUntil - Date.now()';

function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId !== null || this.pending.length === 0) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS,
  );
}

/** The RequestQueue class kafkajs builds its broker connections with. */
export function kafkaRequestQueue(): { prototype: { scheduleCheckPendingRequests: () => void } } {
  // An internal module of kafkajs (no export names it; the package has no `exports` map), loaded
  // by the same require as kafkajs itself, so the class is the one its connections use.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped internal module
  return require('kafkajs/src/network/requestQueue');
}

/**
 * Installs the fix once per loaded kafkajs. Answers false, and leaves kafkajs alone, when its
 * method is no longer the known one (a kafkajs that changed it; the unit spec then fails, so the
 * fix is looked at again rather than laid over code it was not written for).
 */
export function fixIdleRequestQueue(): boolean {
  const prototype = kafkaRequestQueue().prototype;
  if (prototype.scheduleCheckPendingRequests === scheduleCheckPendingRequests) return true;
  if (!String(prototype.scheduleCheckPendingRequests).includes(KNOWN_CODE)) return false;
  prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  return true;
}
