import { hasUnstorableText, messageOf, storable } from './storable';

describe('storable text', () => {
  it('cleans strings and keys at any depth, drops undefined and functions, nulls non-finite numbers', () => {
    const value = {
      'ke\u0000y': ['x\u0000', { deep: '\uD800' }],
      n: Number.NaN,
      when: new Date(Date.UTC(2024, 0, 2)),
      skip: undefined,
      call: () => 1,
      ok: 3,
    };
    expect(storable(value)).toEqual({
      'ke\uFFFDy': ['x\uFFFD', { deep: '\uFFFD' }],
      n: null,
      when: '2024-01-02T00:00:00.000Z',
      ok: 3,
    });
    expect(JSON.stringify(storable(value))).not.toMatch(/\\u0000/);
  });

  it('cuts hostile depth instead of overflowing the stack', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 5000; i++) deep = (deep['d'] = {}) as Record<string, unknown>;
    expect(() => storable(root)).not.toThrow();
  });

  it('tells whether a payload needs cleaning', () => {
    expect(hasUnstorableText({ a: ['fine'] })).toBe(false);
    expect(hasUnstorableText({ a: ['bad\u0000'] })).toBe(true);
    expect(hasUnstorableText({ 'k\uD800': 1 })).toBe(true);
  });

  it('finds a message in whatever was thrown', () => {
    expect(messageOf(new Error('boom\u0000'))).toBe('boom\uFFFD');
    expect(messageOf('text')).toBe('text');
    expect(messageOf({ code: 1 })).toBe('{"code":1}');
    expect(messageOf(Object.create(null))).toBe('{}');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(messageOf(cyclic)).toBe('unknown error');
    expect(messageOf(undefined)).toBe('undefined');
  });
});
