import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadState } from './load-state.ts';

const problem = (error: unknown): string => `failed: ${String(error)}`;
const read = <T>(value: T, error: unknown = undefined) => ({ value: () => value, error: () => error });

describe('what a page shows of a resource', () => {
  it('shows the failure in the reader’s words before anything else', () => {
    assert.deepEqual(loadState(read(undefined, 'offline'), problem, 'none'), {
      state: 'failed',
      text: 'failed: offline',
    });
  });

  it('waits while there is no value yet', () => {
    assert.deepEqual(loadState(read(undefined), problem, null), { state: 'loading' });
  });

  it('says the list is empty, as an array or as a page’s items, where the page gave that text', () => {
    assert.deepEqual(loadState(read([]), problem, 'none'), { state: 'empty', text: 'none' });
    assert.deepEqual(loadState(read({ items: [], total: 0 }), problem, 'none'), {
      state: 'empty',
      text: 'none',
    });
  });

  it('shows an empty list as content where the page gave no text for it, and any other value', () => {
    assert.deepEqual(loadState(read([]), problem, null), { state: 'content', value: [] });
    const page = { items: [1], total: 1 };
    assert.deepEqual(loadState(read(page), problem, 'none'), { state: 'content', value: page });
    assert.deepEqual(loadState(read({ name: 'x' }), problem, 'none'), {
      state: 'content',
      value: { name: 'x' },
    });
  });
});
