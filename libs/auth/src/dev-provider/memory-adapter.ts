import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; Infinity for entries without expiry. */
  expiresAt: number;
}

const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

/**
 * In-memory storage for the dev provider's short-lived state (interactions, sessions, codes,
 * grants). Losing it on restart only means logging in again: access tokens are JWTs verified
 * against the persisted keys. Given explicitly so the provider does not warn about its own
 * quick-start adapter on every start; bounded so a long-running demo cannot grow without end.
 */
export class DevMemoryStore {
  private readonly entries = new Map<string, Entry>();
  private readonly grantMembers = new Map<string, Set<string>>();

  constructor(private readonly maxEntries = 10_000) {}

  adapterFor(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`;
    return {
      upsert: async (id, payload, expiresIn) => {
        this.set(key(id), payload, expiresIn);
        if (model === 'Session' && typeof payload.uid === 'string')
          this.set(`sessionUid:${payload.uid}`, { jti: id }, expiresIn);
        if (typeof payload.userCode === 'string')
          this.set(`userCode:${payload.userCode}`, { jti: id }, expiresIn);
        if (GRANTABLE.has(model) && typeof payload.grantId === 'string') {
          const members = this.grantMembers.get(payload.grantId) ?? new Set<string>();
          members.add(key(id));
          this.grantMembers.set(payload.grantId, members);
        }
      },
      find: async (id) => this.get(key(id)),
      findByUid: async (uid) => {
        const pointer = this.get(`sessionUid:${uid}`);
        return typeof pointer?.jti === 'string' ? this.get(key(pointer.jti)) : undefined;
      },
      findByUserCode: async (userCode) => {
        const pointer = this.get(`userCode:${userCode}`);
        return typeof pointer?.jti === 'string' ? this.get(key(pointer.jti)) : undefined;
      },
      consume: async (id) => {
        const entry = this.get(key(id));
        if (entry) entry.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const member of this.grantMembers.get(grantId) ?? []) this.entries.delete(member);
        this.grantMembers.delete(grantId);
      },
    };
  }

  private set(key: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    this.entries.delete(key);
    this.entries.set(key, {
      payload,
      expiresAt: expiresIn === undefined ? Infinity : Date.now() + expiresIn * 1000,
    });
    if (this.entries.size > this.maxEntries) this.evict();
  }

  private get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  /** Drops expired entries, then the oldest ones (Map keeps insertion order). */
  private evict(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
    for (const [grantId, members] of this.grantMembers) {
      for (const member of members) if (!this.entries.has(member)) members.delete(member);
      if (members.size === 0) this.grantMembers.delete(grantId);
    }
  }
}
