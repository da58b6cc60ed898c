import { binaryCopyHeader, binaryCopyTrailer, uuidBytes, ValueRowWriter } from './copy-binary';

describe('binary COPY rows', () => {
  it('writes the signature, typed fields with lengths, nulls as -1 and the trailer', () => {
    expect(binaryCopyHeader().toString('latin1')).toBe('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0');
    expect([...binaryCopyTrailer()]).toEqual([0xff, 0xff]);
    const id = uuidBytes('00112233-4455-6677-8899-aabbccddeeff');
    expect(id.toString('hex')).toBe('00112233445566778899aabbccddeeff');
    const writer = new ValueRowWriter();
    writer.row(id, id, Buffer.from('2019'), Buffer.from('value'), 1.5, null, 2, 3);
    const row = writer.take();
    expect(row.readInt16BE(0)).toBe(8);
    expect(row.readInt32BE(2)).toBe(16);
    let at = 2 + 20 + 20;
    expect(row.readInt32BE(at)).toBe(4);
    expect(row.subarray(at + 4, at + 8).toString()).toBe('2019');
    at += 8 + 9;
    expect(row.readInt32BE(at)).toBe(8);
    expect(row.readDoubleBE(at + 4)).toBe(1.5);
    expect(row.readInt32BE(at + 12)).toBe(-1);
    expect(row.readDoubleBE(at + 20)).toBe(2);
    expect(row.readInt32BE(at + 28)).toBe(4);
    expect(row.readInt32BE(at + 32)).toBe(3);
    expect(row.length).toBe(at + 36);
    expect(writer.length).toBe(0);
  });

  it('grows beyond its first megabyte', () => {
    const writer = new ValueRowWriter();
    const id = uuidBytes('00112233-4455-6677-8899-aabbccddeeff');
    for (let i = 0; i < 20_000; i++)
      writer.row(id, id, Buffer.from('2019'), Buffer.from('value'), i, i, i, 1);
    // 2 (count) + 2 × 20 (uuids) + 8 (period) + 9 (status) + 3 × 12 (doubles) + 8 (int4) = 103 bytes.
    expect(writer.take().length).toBe(20_000 * 103);
  });
});
