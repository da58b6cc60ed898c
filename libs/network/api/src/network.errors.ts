import type { NetworkErrorCode } from '@quartier/network-core';
import { serviceErrorClass } from '@quartier/service-kit';

/**
 * A domain error of the network service, with the HTTP status of each code (the one place its
 * codes are declared); `details` carries e.g. import errors with line numbers.
 */
export const NetworkServiceError = serviceErrorClass('NetworkServiceError', {
  NetworkNotFound: 404,
  WaveNotFound: 404,
  ActorNotFound: 404,
  TieNotFound: 404,
  MetricsJobNotFound: 404,
  UnknownArea: 422,
  UnknownActor: 422,
  InvalidTie: 422,
  DuplicateTie: 409,
  DuplicateWave: 409,
  DuplicateActor: 409,
  InvalidImport: 422,
  UnsupportedFormat: 415,
  MetricsNotComputed: 409,
  InvalidNetwork: 422,
});
export type NetworkServiceError = InstanceType<typeof NetworkServiceError>;

/** The core's input errors, when one reaches HTTP: unprocessable input (a repeated tie conflicts). */
export const NETWORK_CORE_ERROR_STATUS: Record<NetworkErrorCode, number> = {
  DuplicateNode: 422,
  EmptyNodeId: 422,
  UnknownNode: 422,
  SelfTie: 422,
  DuplicateTie: 409,
  InvalidWeight: 422,
  UnknownMeasure: 422,
  UnknownEgo: 422,
};

/**
 * Runs a write and answers a unique-constraint refusal with the network's own error (`duplicate`
 * names what repeats: a wave label, a tie); any other failure passes as it is.
 */
export async function refusingDuplicate<T>(
  write: () => Promise<T>,
  duplicate: () => NetworkServiceError,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

/** Whether a write failed on a unique constraint (PostgreSQL 23505), as TypeORM reports it. */
function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { code?: unknown })?.code === '23505' ||
    (error as { driverError?: { code?: unknown } })?.driverError?.code === '23505'
  );
}
