import { DevMemoryStore } from './memory-adapter';

describe('DevMemoryStore', () => {
  afterEach(() => jest.useRealTimers());

  it('stores, finds by id and by session uid, consumes and destroys', async () => {
    const store = new DevMemoryStore();
    const sessions = store.adapterFor('Session');
    await sessions.upsert('s1', { uid: 'u1', accountId: 'a' }, 60);
    expect(await sessions.find('s1')).toEqual({ uid: 'u1', accountId: 'a' });
    expect(await sessions.findByUid('u1')).toEqual({ uid: 'u1', accountId: 'a' });

    const codes = store.adapterFor('AuthorizationCode');
    await codes.upsert('c1', { grantId: 'g1' }, 60);
    await codes.consume('c1');
    expect(await codes.find('c1')).toMatchObject({ consumed: expect.any(Number) });
    await codes.destroy('c1');
    expect(await codes.find('c1')).toBeUndefined();
  });

  it('keeps models apart', async () => {
    const store = new DevMemoryStore();
    await store.adapterFor('AccessToken').upsert('x', { accountId: 'a' }, 60);
    expect(await store.adapterFor('RefreshToken').find('x')).toBeUndefined();
  });

  it('expires entries after their lifetime', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const store = new DevMemoryStore();
    const grants = store.adapterFor('Grant');
    await grants.upsert('g', { accountId: 'a' }, 10);
    jest.setSystemTime(1_009_000);
    expect(await grants.find('g')).toBeDefined();
    jest.setSystemTime(1_010_001);
    expect(await grants.find('g')).toBeUndefined();
  });

  it('revokes every token of a grant', async () => {
    const store = new DevMemoryStore();
    await store.adapterFor('AccessToken').upsert('at', { grantId: 'g1' }, 60);
    await store.adapterFor('RefreshToken').upsert('rt', { grantId: 'g1' }, 60);
    await store.adapterFor('AccessToken').upsert('other', { grantId: 'g2' }, 60);
    await store.adapterFor('AccessToken').revokeByGrantId('g1');
    expect(await store.adapterFor('AccessToken').find('at')).toBeUndefined();
    expect(await store.adapterFor('RefreshToken').find('rt')).toBeUndefined();
    expect(await store.adapterFor('AccessToken').find('other')).toBeDefined();
  });

  it('stays bounded, evicting the oldest entries', async () => {
    const store = new DevMemoryStore(3);
    const interactions = store.adapterFor('Interaction');
    for (const id of ['a', 'b', 'c', 'd']) await interactions.upsert(id, { uid: id }, 60);
    expect(await interactions.find('a')).toBeUndefined();
    expect(await interactions.find('d')).toEqual({ uid: 'd' });
  });
});
