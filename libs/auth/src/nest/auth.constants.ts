export const IS_PUBLIC_KEY = 'quartier:auth:public';
export const ROLES_KEY = 'quartier:auth:roles';
export const AREA_SCOPE_KEY = 'quartier:auth:area-scope';
/** Injection token of the resolved AuthModuleOptions. */
export const AUTH_OPTIONS = Symbol('quartier:auth:options');
/** Header by which a platform admin chooses the tenant a request acts in. */
export const DEFAULT_TENANT_HEADER = 'x-quartier-tenant';
export const WWW_AUTHENTICATE_REALM = 'quartier';
