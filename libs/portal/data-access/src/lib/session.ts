import { Injectable, computed, inject, signal } from '@angular/core';
import { RegistryApi } from './registry-api';
import type { Me, Tenant } from './openapi/registry-client';
import type { Role } from './roles';

/** Who is signed in, for which tenant, with which roles (from the registry, not the token). */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly api = inject(RegistryApi);
  private loading: Promise<Me | null> | null = null;

  readonly me = signal<Me | null>(null);
  readonly tenant = signal<Tenant | null>(null);
  readonly failed = signal(false);
  readonly levels = computed(() => [...(this.tenant()?.levels ?? [])].sort((a, b) => a.rank - b.rank));

  /** Loads once and shares the promise, so guards and the shell don't query `/me` twice. */
  load(): Promise<Me | null> {
    this.loading ??= Promise.all([this.api.me(), this.api.currentTenant()]).then(
      ([me, tenant]) => {
        this.me.set(me);
        this.tenant.set(tenant);
        this.failed.set(false);
        return me;
      },
      () => {
        this.failed.set(true);
        this.loading = null;
        return null;
      },
    );
    return this.loading;
  }

  hasRole(...roles: readonly Role[]): boolean {
    return this.me()?.roles.some((role) => roles.includes(role)) ?? false;
  }
}
