import { MemoryValueCache } from './value-cache';

describe('MemoryValueCache (embedded mode)', () => {
  it('answers what was stored until its time to live is over', async () => {
    const cache = new MemoryValueCache();
    await cache.set('t1:0:map', 'A', 1);
    expect(await cache.get('t1:0:map')).toBe('A');
    expect(await cache.get('t1:0:other')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect(await cache.get('t1:0:map')).toBeNull();
  });

  it('keeps 500 entries and drops the least recently read one first', async () => {
    const cache = new MemoryValueCache();
    for (let i = 0; i < 500; i++) await cache.set(`k${i}`, `v${i}`, 60);
    expect(await cache.get('k0')).toBe('v0');
    await cache.set('k500', 'v500', 60);
    expect(await cache.get('k1')).toBeNull();
    expect(await cache.get('k0')).toBe('v0');
    expect(await cache.get('k500')).toBe('v500');
  });

  it('retires a tenant’s keys by generation', async () => {
    const cache = new MemoryValueCache();
    expect(await cache.generation('t1')).toBe(0);
    await cache.invalidate('t1');
    expect(await cache.generation('t1')).toBe(1);
    expect(await cache.generation('t2')).toBe(0);
  });
});
