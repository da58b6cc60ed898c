/** Why an input cannot become a network; the CLI and the service map codes to messages/HTTP. */
export type NetworkErrorCode =
  | 'DuplicateNode'
  | 'EmptyNodeId'
  | 'UnknownNode'
  | 'SelfTie'
  | 'DuplicateTie'
  | 'InvalidWeight'
  | 'UnknownMeasure'
  | 'UnknownEgo';

/**
 * A domain error of the network core. `edgeIndex` / `nodeIndex` point at the offending input row
 * (0-based, in input order) so callers can report file line numbers.
 */
export class NetworkInputError extends Error {
  constructor(
    readonly code: NetworkErrorCode,
    message: string,
    readonly location: { edgeIndex?: number; nodeIndex?: number } = {},
  ) {
    super(message);
    this.name = 'NetworkInputError';
  }
}
