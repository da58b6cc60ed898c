import type { TokenVerifierOptions } from '../token-verifier';

export interface AuthModuleOptions extends TokenVerifierOptions {
  /** Header by which a platform admin chooses the tenant; default `x-quartier-tenant`. */
  readonly tenantHeader?: string;
}
