import {
  Module,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type Provider,
  type Type,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AccessDirectory } from '../access-directory';
import { OidcTokenVerifier } from '../token-verifier';
import { AUTH_OPTIONS } from './auth.constants';
import { AuthErrorFilter } from './auth-error.filter';
import { AuthGuard } from './auth.guard';
import type { AuthModuleOptions } from './auth.options';

export interface AuthModuleConfig {
  /** The service's implementation of AccessDirectory (a class resolved with DI, or an instance). */
  readonly accessDirectory: Type<AccessDirectory> | AccessDirectory;
  /** Modules the directory or the options factory depend on (e.g. TypeOrmModule.forFeature). */
  readonly imports?: ModuleMetadata['imports'];
  /** Static options, or … */
  readonly options?: AuthModuleOptions;
  /** … a factory, e.g. reading the app's validated config (OIDC_ISSUER, OIDC_AUDIENCE). */
  readonly useFactory?: (...deps: never[]) => AuthModuleOptions | Promise<AuthModuleOptions>;
  readonly inject?: FactoryProvider['inject'];
  /** Register AuthGuard as global guard; default true. */
  readonly globalGuard?: boolean;
}

/**
 * Authentication and authorisation for one Nest application. Import once, in the app module
 * (in embedded mode: once for the whole platform, with one AccessDirectory for all modules).
 */
@Module({})
export class AuthModule {
  static forRoot(config: AuthModuleConfig): DynamicModule {
    const optionsProvider: Provider = config.useFactory
      ? { provide: AUTH_OPTIONS, useFactory: config.useFactory, inject: config.inject ?? [] }
      : { provide: AUTH_OPTIONS, useValue: requireOptions(config.options) };
    const directoryProvider: Provider =
      typeof config.accessDirectory === 'function'
        ? { provide: AccessDirectory, useClass: config.accessDirectory }
        : { provide: AccessDirectory, useValue: config.accessDirectory };
    return {
      module: AuthModule,
      global: true,
      imports: config.imports ?? [],
      providers: [
        optionsProvider,
        directoryProvider,
        {
          provide: OidcTokenVerifier,
          useFactory: (options: AuthModuleOptions) => new OidcTokenVerifier(options),
          inject: [AUTH_OPTIONS],
        },
        AuthGuard,
        ...(config.globalGuard === false ? [] : [{ provide: APP_GUARD, useExisting: AuthGuard }]),
        { provide: APP_FILTER, useClass: AuthErrorFilter },
      ],
      exports: [AUTH_OPTIONS, AccessDirectory, OidcTokenVerifier, AuthGuard],
    };
  }
}

function requireOptions(options: AuthModuleOptions | undefined): AuthModuleOptions {
  if (!options) throw new Error('AuthModule.forRoot needs options or useFactory');
  return options;
}
