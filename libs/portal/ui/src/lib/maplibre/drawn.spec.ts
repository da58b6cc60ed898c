import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { whenDrawn } from './drawn.ts';

type IdleListener = () => void;
type DataListener = (event: { sourceId: string }) => void;

/** A map whose source is loaded or not and which draws `drawn` features, as the test says. */
const fakeMap = () => {
  const idle = new Set<IdleListener>();
  const sourcedata = new Set<DataListener>();
  const state = { loaded: true, drawn: 0 };
  const map = {
    state,
    idle: () => idle.forEach((listener) => listener()),
    data: (sourceId: string) => sourcedata.forEach((listener) => listener({ sourceId })),
    listenerCount: () => idle.size + sourcedata.size,
    isSourceLoaded: () => state.loaded,
    queryRenderedFeatures: (_options: { layers: string[] }) => ({ length: state.drawn }),
    on(event: 'idle' | 'sourcedata', listener: IdleListener | DataListener) {
      if (event === 'idle') idle.add(listener as IdleListener);
      else sourcedata.add(listener as DataListener);
    },
    off(event: 'idle' | 'sourcedata', listener: IdleListener | DataListener) {
      if (event === 'idle') idle.delete(listener as IdleListener);
      else sourcedata.delete(listener as DataListener);
    },
  };
  return map;
};

describe('whenDrawn', () => {
  it('corrects a count of the old tiles once the new ones have loaded, without another idle', () => {
    const map = fakeMap();
    const counts: number[] = [];
    whenDrawn(map, 'cells', 'cells-fill', (count) => counts.push(count));
    map.idle(); // the first idle after setData still sees the empty tiles
    map.state.loaded = false;
    map.data('cells'); // the worker has the data; the tiles reload
    map.state.loaded = true;
    map.state.drawn = 150;
    map.data('cells'); // the last tile loaded
    assert.deepEqual(counts, [0, 150]);
  });

  it('skips counts while the source is loading and events of other sources', () => {
    const map = fakeMap();
    const counts: number[] = [];
    whenDrawn(map, 'cells', 'cells-fill', (count) => counts.push(count));
    map.state.loaded = false;
    map.idle();
    map.data('cells');
    map.state.loaded = true;
    map.state.drawn = 7;
    map.data('outline');
    assert.deepEqual(counts, []);
    map.idle();
    assert.deepEqual(counts, [7]);
  });

  it('listens for the newest drawing of a layer only', () => {
    const map = fakeMap();
    const first: number[] = [];
    const second: number[] = [];
    whenDrawn(map, 'cells', 'cells-fill', (count) => first.push(count));
    whenDrawn(map, 'cells', 'cells-fill', (count) => second.push(count));
    assert.equal(map.listenerCount(), 2);
    map.state.drawn = 3;
    map.idle();
    assert.deepEqual(first, []);
    assert.deepEqual(second, [3]);
  });

  it('keeps the drawings of different layers apart', () => {
    const map = fakeMap();
    whenDrawn(map, 'cells', 'cells-fill', () => undefined);
    whenDrawn(map, 'tiles', 'tiles-fill', () => undefined);
    assert.equal(map.listenerCount(), 4);
  });

  it('counts the layers of a drawing together, and a new set of layers replaces the last of its source', () => {
    const map = fakeMap();
    const asked: string[][] = [];
    map.queryRenderedFeatures = ({ layers }: { layers: string[] }) => {
      asked.push(layers);
      return { length: 10 * layers.length };
    };
    const first: number[] = [];
    const second: number[] = [];
    whenDrawn(map, 'tiles', ['class-0', 'class-1', 'no-value'], (count) => first.push(count));
    whenDrawn(map, 'tiles', ['class-0', 'no-value'], (count) => second.push(count));
    assert.equal(map.listenerCount(), 2);
    map.idle();
    assert.deepEqual(first, []);
    assert.deepEqual(second, [20]);
    assert.deepEqual(asked, [['class-0', 'no-value']]);
  });

  it('counts on idle only when asked to, not on every tile of the source', () => {
    const map = fakeMap();
    const counts: number[] = [];
    whenDrawn(map, 'tiles', 'class-0', (count) => counts.push(count), { onIdleOnly: true });
    assert.equal(map.listenerCount(), 1);
    map.state.drawn = 50;
    map.data('tiles');
    assert.deepEqual(counts, []);
    map.idle();
    assert.deepEqual(counts, [50]);
  });
});
