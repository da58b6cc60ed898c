/**
 * A service's refusal: a code (each module maps its codes to HTTP statuses with
 * `registerErrorStatuses`, on its own subclass), a message, and `details` for the error body —
 * e.g. import errors with line numbers. Each module subclasses it once with its own codes and name.
 */
export abstract class ServiceError<C extends string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
