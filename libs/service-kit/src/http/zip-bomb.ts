import { crc32, createDeflateRaw } from 'node:zlib';

// A hostile test input for every XLSX reader: a real, well-formed workbook whose one shared
// string is hundreds of megabytes of the same letter, so the file is a few hundred kilobytes.
// Generated (not committed) and deterministic.

export interface XlsxBombOptions {
  /** Length of the shared string once inflated. */
  sharedStringBytes: number;
  /**
   * Write a central directory that claims the shared strings are tiny, as a crafted file would,
   * so only inflating tells the truth.
   */
  understate?: boolean;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`;

/** Deflates `parts` (text, repeated `times`) on zlib's thread pool; returns the data and its CRC-32. */
async function deflatePart(
  parts: readonly string[],
  times: number[],
): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const end = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  for (const [i, part] of parts.entries()) {
    const bytes = Buffer.from(part);
    for (let n = 0; n < times[i]; n++) {
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
    }
  }
  deflate.end();
  await end;
  return { data: Buffer.concat(chunks), crc, size };
}

interface ZipPart {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
}

/**
 * The fields a local header and its central directory entry both hold, from `at` on (version
 * needed, flags, method, time, date, CRC, sizes, name length — the central entry has them two
 * bytes further on, after the version that made it). Time, date and flags stay zero.
 */
function writeEntryFields(header: Buffer, at: number, part: ZipPart, size: number, nameLength: number): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(8, at + 4);
  header.writeUInt32LE(part.crc >>> 0, at + 10);
  header.writeUInt32LE(part.data.length, at + 14);
  header.writeUInt32LE(size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}

/** A ZIP archive (deflated entries, no data descriptors); `claimed` overrides stated sizes by name. */
function zipArchive(parts: readonly ZipPart[], claimed: Record<string, number>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const size = claimed[part.name] ?? part.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, part, size, name.length);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: version 2.0
    writeEntryFields(central, 6, part, size, name.length);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    centrals.push(central, name);
    offset += local.length + name.length + part.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Deflating hundreds of megabytes takes seconds; tests ask for the same few sizes repeatedly. */
const deflatedStrings = new Map<number, Promise<{ data: Buffer; crc: number; size: number }>>();

function sharedStringsPart(head: string, blocks: number) {
  let part = deflatedStrings.get(blocks);
  if (!part) {
    part = deflatePart([head, 'A'.repeat(1024 * 1024), '</t></si></sst>'], [1, blocks, 1]);
    deflatedStrings.set(blocks, part);
  }
  return part;
}

/** Builds the bomb in memory (deflating on zlib's thread pool). */
export async function buildXlsxBomb(options: XlsxBombOptions): Promise<Buffer> {
  const fixed: [string, string][] = [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', WORKBOOK],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
    ['xl/worksheets/sheet1.xml', SHEET],
  ];
  const parts: ZipPart[] = [];
  for (const [name, text] of fixed) parts.push({ name, ...(await deflatePart([text], [1])) });
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>`;
  const blocks = Math.ceil(options.sharedStringBytes / (1024 * 1024));
  const strings = await sharedStringsPart(head, blocks);
  parts.push({ name: 'xl/sharedStrings.xml', ...strings });
  return zipArchive(parts, options.understate ? { 'xl/sharedStrings.xml': 1024 } : {});
}
