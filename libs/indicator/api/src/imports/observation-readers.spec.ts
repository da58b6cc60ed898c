import { buildXlsxBomb } from '@quartier/service-kit';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportFormat } from './import-formats';
import { ImportFileError, readObservations, type ObservationBatch } from './observation-readers';

describe('observation readers: unsafe uploads', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'readers-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function readAll(format: ImportFormat, content: string | Buffer) {
    const file = join(dir, `upload-${Math.random().toString(36).slice(2)}`);
    await writeFile(file, content);
    const batches: ObservationBatch[] = [];
    for await (const batch of readObservations(
      format,
      file,
      { onBytes: () => undefined },
      {
        dialect: 'quartier',
        decimalComma: false,
      },
    ))
      batches.push(batch);
    return {
      observations: batches.flatMap((b) => b.observations),
      errors: batches.flatMap((b) => b.errors),
    };
  }

  it('turns a CSV row with a NUL byte into a row error naming line and column', async () => {
    const { observations, errors } = await readAll(
      'csv',
      'area,period,indicator,value\n01,2022,S1,1\u0000\n02,2022,S1,2\n',
    );
    expect(observations.map((o) => [o.area, o.value])).toEqual([['02', '2']]);
    expect(errors).toEqual([
      {
        line: 2,
        column: 'value',
        reason: 'malformed',
        message: 'value contains a NUL character (U+0000), which cannot be stored',
      },
    ]);
  });

  it('turns a DHIS2 data value with a NUL in orgUnit into a row error', async () => {
    const json = JSON.stringify({
      dataValues: [
        { dataElement: 'S1', period: '2022', orgUnit: '01\u0000', value: '1' },
        { dataElement: 'S1', period: '2022', orgUnit: '02', value: '2' },
      ],
    });
    const { observations, errors } = await readAll('dhis2', json);
    expect(observations.map((o) => o.area)).toEqual(['02']);
    expect(errors).toEqual([
      expect.objectContaining({
        line: 1,
        column: 'area',
        message: expect.stringMatching(/^area contains a NUL/),
      }),
    ]);
  });

  it('keeps NUL out of file-level error messages, so the failure report can be stored', async () => {
    await expect(readAll('csv', 'ar\u0000ea;x\n')).rejects.toThrow(ImportFileError);
    try {
      await readAll('csv', 'ar\u0000ea;x\n');
    } catch (error) {
      expect((error as Error).message).not.toContain('\u0000');
    }
  });

  it('reads its own formula-guarded CSV export cells back unchanged', async () => {
    const { observations } = await readAll('csv', "area,period,indicator,value\n'=01,2022,S1,-1.5\n");
    expect(observations.map((o) => [o.area, o.value])).toEqual([['=01', '-1.5']]);
  });

  it('refuses an XLSX bomb before streaming it, in well under a second', async () => {
    const bomb = await buildXlsxBomb({ sharedStringBytes: 500 * 1024 * 1024 });
    const started = Date.now();
    await expect(readAll('xlsx', bomb)).rejects.toThrow(
      /xl\/sharedStrings\.xml inflates to 500 MB, more than 400 MB/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    const ratio = await buildXlsxBomb({ sharedStringBytes: 300 * 1024 * 1024 });
    await expect(readAll('xlsx', ratio)).rejects.toThrow(/compressed \d+:1, more than 100:1/);
  });
});
