// Token validation and authorisation (pure; usable outside Nest).
export * from './auth.error';
export * from './principal';
export * from './authorization';
export * from './access-directory';
export * from './token-verifier';
export * from './password-grant';
// Nest integration.
export * from './nest/access-context';
export * from './nest/auth.constants';
export * from './nest/auth-http';
export * from './nest/auth-error.filter';
export * from './nest/auth.decorators';
export * from './nest/auth.guard';
export * from './nest/auth.options';
export * from './nest/auth.module';
// Dev OpenID Provider of embedded mode and tests, and the demo identities it shares with Keycloak.
export * from './dev-provider/demo-users';
export * from './dev-provider/dev-identity-provider';
export * from './dev-provider/login-throttle';
export {
  loadOrCreateProviderKeys,
  type ProviderKeys,
  JWKS_FILE,
  COOKIE_KEYS_FILE,
} from './dev-provider/signing-keys';
// Test support for services: a real local issuer to mint tokens for denial tests.
export * from './testing/local-test-issuer';
