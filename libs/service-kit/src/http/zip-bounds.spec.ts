import JSZip from 'jszip';
import { readWorkbookOffThread } from './workbook-reader';
import { assertZipWithinBounds, SMALL_WORKBOOK_LIMITS, ZipBoundsError } from './zip-bounds';
import { buildXlsxBomb } from './zip-bomb';

/** A plain (stored) ZIP of small text files, via JSZip (what exceljs itself uses). */
async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function refusal(promise: Promise<unknown>): Promise<ZipBoundsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ZipBoundsError) return error;
    throw error;
  }
  throw new Error('expected a ZipBoundsError');
}

describe('zip bounds (before any XLSX is parsed)', () => {
  let bomb: Buffer;
  let liar: Buffer;

  beforeAll(async () => {
    bomb = await buildXlsxBomb({ sharedStringBytes: 300 * 1024 * 1024 });
    liar = await buildXlsxBomb({ sharedStringBytes: 300 * 1024 * 1024, understate: true });
  });

  it('generates a small file that inflates to 300 MB', () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
  });

  it('refuses the bomb by its central directory, naming the part, within a fraction of a second', async () => {
    const started = Date.now();
    const error = await refusal(assertZipWithinBounds(bomb, SMALL_WORKBOOK_LIMITS));
    expect(error.code).toBe('ArchiveTooLarge');
    expect(error.message).toMatch(/xl\/sharedStrings\.xml inflates to 300 MB, more than 50 MB/);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('refuses a high compression ratio even within the size limits', async () => {
    const error = await refusal(
      assertZipWithinBounds(
        await buildXlsxBomb({ sharedStringBytes: 20 * 1024 * 1024 }),
        SMALL_WORKBOOK_LIMITS,
      ),
    );
    expect(error.message).toMatch(/xl\/sharedStrings\.xml is compressed \d+:1, more than 100:1/);
  });

  it('catches a central directory that understates the size by inflating the entry', async () => {
    const error = await refusal(assertZipWithinBounds(liar, SMALL_WORKBOOK_LIMITS));
    expect(error.code).toBe('ArchiveTooLarge');
    expect(error.message).toBe('part xl/sharedStrings.xml inflates to more than it declares');
  });

  it('refuses too many parts and files that are not archives', async () => {
    const many = await zipOf(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i}.xml`, '<a/>'])));
    expect(
      (await refusal(assertZipWithinBounds(many, { ...SMALL_WORKBOOK_LIMITS, maxEntries: 10 }))).message,
    ).toBe('the workbook has more than 10 parts');
    expect(
      (await refusal(assertZipWithinBounds(Buffer.from('area,value\n01,1\n'), SMALL_WORKBOOK_LIMITS))).code,
    ).toBe('InvalidArchive');
  });

  it('accepts an ordinary archive', async () => {
    await expect(
      assertZipWithinBounds(
        await zipOf({ 'a.xml': '<a>' + 'x'.repeat(5000) + '</a>' }),
        SMALL_WORKBOOK_LIMITS,
      ),
    ).resolves.toBeUndefined();
  });
});

describe('readWorkbookOffThread', () => {
  it('reads every worksheet in a worker and keeps the event loop free', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('survey');
    sheet.addRow(['type', 'name', 'label']);
    sheet.addRow(['integer', 'alter', 'Wie alt sind Sie?']);
    sheet.getCell('D2').value = new Date('2024-05-01T00:00:00Z');
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const sheets = await readWorkbookOffThread(bytes);
    clearInterval(timer);
    expect(sheets).toHaveLength(1);
    expect(sheets[0].name).toBe('survey');
    expect(sheets[0].rows.map((r) => [r.number, r.cells.map((c) => c.value)])).toEqual([
      [1, ['type', 'name', 'label']],
      [2, ['integer', 'alter', 'Wie alt sind Sie?', new Date('2024-05-01T00:00:00Z')]],
    ]);
    expect(ticks).toBeGreaterThan(0);
  });

  it('refuses a workbook whose central directory lies, before the worker would inflate it', async () => {
    const liar = await buildXlsxBomb({ sharedStringBytes: 300 * 1024 * 1024, understate: true });
    expect((await refusal(readWorkbookOffThread(liar))).message).toBe(
      'part xl/sharedStrings.xml inflates to more than it declares',
    );
    expect((await refusal(readWorkbookOffThread(liar))).code).toBe('ArchiveTooLarge');
  });

  it('answers 422-style InvalidArchive for a damaged workbook', async () => {
    const broken = await zipOf({
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      '_rels/.rels':
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      'xl/workbook.xml': 'garbage',
    });
    expect((await refusal(readWorkbookOffThread(broken))).code).toBe('InvalidArchive');
  });
});
