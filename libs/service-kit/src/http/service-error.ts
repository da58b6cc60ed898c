import { registerErrorStatuses } from './domain-error.filter';

/**
 * A service's refusal: a code (each module maps its codes to HTTP statuses on its own subclass),
 * a message, and `details` for the error body — e.g. import errors with line numbers. A module
 * makes its subclass with `serviceErrorClass`, or subclasses it and calls `registerErrorStatuses`.
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

/**
 * A module's error class over its own codes, with the HTTP status each code answers with. It
 * registers the statuses itself, so the table is the one place the module declares its codes
 * and no module can define the class yet forget to map it. Use the class's type for its
 * instances: `export type XError = InstanceType<typeof XError>`.
 */
export function serviceErrorClass<const Statuses extends Readonly<Record<string, number>>>(
  name: string,
  statuses: Statuses,
) {
  const ModuleError = class extends ServiceError<keyof Statuses & string> {
    override readonly name = name;
  };
  registerErrorStatuses(ModuleError, statuses);
  return ModuleError;
}
