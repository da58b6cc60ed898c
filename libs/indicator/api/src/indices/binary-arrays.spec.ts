import { booleanArray, float8Matrix, smallintMatrix, textArray, uuidArray } from './binary-arrays';

/** ndim, has-null flag, element type and the dimensions (length, lower bound 1) of an array. */
function header(buffer: Buffer) {
  const ndim = buffer.readInt32BE(0);
  const dims = Array.from({ length: ndim }, (_, d) => [
    buffer.readInt32BE(12 + 8 * d),
    buffer.readInt32BE(16 + 8 * d),
  ]);
  return { ndim, nulls: buffer.readInt32BE(4), oid: buffer.readUInt32BE(8), dims };
}

describe('binary arrays (array_recv format)', () => {
  it('writes a uuid[] as 16 bytes per element', () => {
    const id = '0123abcd-4567-89ef-0123-456789abcdef';
    const buffer = uuidArray([id]);
    expect(header(buffer)).toEqual({ ndim: 1, nulls: 0, oid: 2950, dims: [[1, 1]] });
    expect(buffer.readInt32BE(20)).toBe(16);
    expect(buffer.subarray(24).toString('hex')).toBe(id.replaceAll('-', ''));
  });

  it('reads every digit of a uuid in either case and refuses what is not one', () => {
    const ids = ['FFFFFFFF-0000-1111-2222-33334444AAAA', '00000000-0000-0000-0000-000000000001'];
    const buffer = uuidArray(ids);
    expect(buffer.subarray(24, 40).toString('hex')).toBe('ffffffff00001111222233334444aaaa');
    expect(buffer.subarray(44).toString('hex')).toBe('00000000000000000000000000000001');
    expect(() => uuidArray(['0123abcd-4567-89ef-0123-456789abcdeg'])).toThrow('not a canonical uuid');
    expect(() => uuidArray(['0123abcd456789ef0123456789abcdef'])).toThrow('not a canonical uuid');
  });

  it('writes a text[] literal with quotes and backslashes escaped', () => {
    expect(textArray(['a', 'b"c', 'd\\e', ''])).toBe('{"a","b\\"c","d\\\\e",""}');
  });

  it('writes rows × areas of doubles, null and non-finite numbers as NULL', () => {
    const buffer = float8Matrix([
      [1.5, null],
      [Number.NaN, 0.1 + 0.2],
    ]);
    expect(header(buffer)).toEqual({
      ndim: 2,
      nulls: 1,
      oid: 701,
      dims: [
        [2, 1],
        [2, 1],
      ],
    });
    let at = 28;
    const elements: (number | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const length = buffer.readInt32BE(at);
      elements.push(length < 0 ? null : buffer.readDoubleBE(at + 4));
      at += 4 + Math.max(length, 0);
    }
    expect(elements).toEqual([1.5, null, null, 0.1 + 0.2]);
    expect(at).toBe(buffer.length);
  });

  it('writes flags and small integers at their sizes', () => {
    expect([...booleanArray([true, false]).subarray(20)]).toEqual([0, 0, 0, 1, 1, 0, 0, 0, 1, 0]);
    const classes = smallintMatrix([[3]]);
    expect(header(classes).oid).toBe(21);
    expect(classes.readInt16BE(32)).toBe(3);
  });

  it('writes the empty array without dimensions when there are no areas', () => {
    for (const buffer of [uuidArray([]), float8Matrix([[]]), smallintMatrix([])])
      expect(header(buffer)).toMatchObject({ ndim: 0, nulls: 0, dims: [] });
  });
});
