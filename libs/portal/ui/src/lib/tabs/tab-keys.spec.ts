import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tabIndexAfterKey } from './tab-keys.ts';

describe('tabIndexAfterKey', () => {
  it('steps with the arrows and wraps at both ends', () => {
    assert.equal(tabIndexAfterKey('ArrowRight', 1, 3), 2);
    assert.equal(tabIndexAfterKey('ArrowRight', 2, 3), 0);
    assert.equal(tabIndexAfterKey('ArrowLeft', 1, 3), 0);
    assert.equal(tabIndexAfterKey('ArrowLeft', 0, 3), 2);
  });

  it('jumps to the first and the last tab with Home and End', () => {
    assert.equal(tabIndexAfterKey('Home', 2, 3), 0);
    assert.equal(tabIndexAfterKey('End', 0, 3), 2);
  });

  it('ignores every other key (Tab leaves the tab list, Enter is the button’s own)', () => {
    assert.equal(tabIndexAfterKey('Tab', 1, 3), null);
    assert.equal(tabIndexAfterKey('Enter', 1, 3), null);
    assert.equal(tabIndexAfterKey('ArrowDown', 1, 3), null);
  });
});
