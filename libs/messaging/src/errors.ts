/** Publishing refused: the payload does not satisfy its contract, or the wrong service sends it. */
export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

/**
 * Thrown by a handler for an event it can never process (e.g. it contradicts local invariants):
 * retrying cannot help, so the event goes straight to the dead-letter topic with this message.
 */
export class NonRetryableEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NonRetryableEventError';
  }
}

/** A delivery was abandoned because its subscription is stopping; the event stays uncommitted. */
export class DeliveryAbortedError extends Error {
  constructor(message = 'delivery aborted: subscription is stopping') {
    super(message);
    this.name = 'DeliveryAbortedError';
  }
}
