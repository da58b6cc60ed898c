import { chunksOf } from './chunks';

describe('chunksOf', () => {
  it('cuts the items into runs of the size in their order, the last one shorter', () => {
    expect(chunksOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunksOf([1, 2, 3, 4], 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('answers no chunk for no items and one chunk when they fit', () => {
    expect(chunksOf([], 3)).toEqual([]);
    expect(chunksOf(['a', 'b'], 3)).toEqual([['a', 'b']]);
  });

  it('refuses a size that would never advance', () => {
    expect(() => chunksOf([1], 0)).toThrow(RangeError);
    expect(() => chunksOf([1], 1.5)).toThrow(RangeError);
  });
});
