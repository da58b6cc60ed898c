import { migratedServiceSchema, type MigratedSchema } from '@quartier/service-kit';
import { createHash, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { CreateReportingService1765200000000 } from '../migrations/1765200000000-CreateReportingService';
import { CHUNK_BYTES, readReportFile, ReportFileWriter } from './report-files';
import { ReportRepository } from './report.repository';

const AT = new Date('2026-01-05T10:00:00Z');

describe('ReportRepository: report files (migrated reporting schema, real PostgreSQL)', () => {
  let schema: MigratedSchema;
  let reports: ReportRepository;

  /** A report row to hang a file on (the chunks reference it). */
  async function storedReport(): Promise<string> {
    const datasetId = randomUUID();
    const id = randomUUID();
    await schema.db.transaction(async (m) => {
      await reports.insertDataset(m, {
        id: datasetId,
        tenantId: 'city',
        kind: 'area-profile',
        content: '{}',
        contentHash: 'h',
        asOf: AT,
        indexRunId: null,
        gatheredBy: 'tester',
        createdAt: AT,
      });
      await reports.insertReport(m, {
        id,
        tenantId: 'city',
        type: 'area-profile',
        format: 'pdf',
        language: 'de',
        params: {},
        title: 'Profil',
        datasetId,
        lineageId: id,
        version: 1,
        regeneratedFrom: null,
        scheduleId: null,
        visibility: 'author',
        createdBy: 'tester',
        createdAt: AT,
        expiresAt: new Date('2026-02-05T10:00:00Z'),
        fileName: 'Profil.pdf',
        contentType: 'application/pdf',
      });
    });
    return id;
  }

  async function readWhole(reportId: string): Promise<Buffer> {
    const pieces: Buffer[] = [];
    for await (const piece of readReportFile(reports, reportId)) pieces.push(piece as Buffer);
    return Buffer.concat(pieces);
  }

  beforeAll(async () => {
    schema = await migratedServiceSchema('reporting', [CreateReportingService1765200000000]);
    reports = new ReportRepository(schema.db);
  }, 60_000);
  afterAll(() => schema?.close());

  it('stores a file written in uneven pieces as full chunks and reads it back whole', async () => {
    const id = await storedReport();
    const file = Buffer.from(Array.from({ length: 2 * CHUNK_BYTES + 1234 }, (_, i) => (i * 7) % 251));
    const writer = new ReportFileWriter(reports, id);
    // Pieces that straddle chunk boundaries, as a renderer writes them.
    await pipeline(
      (function* () {
        for (let at = 0; at < file.length; at += 100_000) yield file.subarray(at, at + 100_000);
      })(),
      writer,
    );
    expect(writer.size).toBe(file.length);
    expect(writer.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect((await reports.fileChunk(id, 0))?.length).toBe(CHUNK_BYTES);
    expect((await reports.fileChunk(id, 2))?.length).toBe(1234);
    expect(await reports.fileChunk(id, 3)).toBeNull();
    expect((await readWhole(id)).equals(file)).toBe(true);
  });

  it('deletes one report’s file and leaves the others', async () => {
    const [gone, kept] = [await storedReport(), await storedReport()];
    await reports.insertFileChunk(gone, 0, Buffer.from('weg'));
    await reports.insertFileChunk(kept, 0, Buffer.from('bleibt'));
    await reports.deleteFile(gone);
    expect(await reports.fileChunk(gone, 0)).toBeNull();
    expect((await readWhole(gone)).length).toBe(0);
    expect((await readWhole(kept)).toString()).toBe('bleibt');
  });
});

describe('ReportRepository: a level’s areas across area versions (migrated reporting schema, real PostgreSQL)', () => {
  let schema: MigratedSchema;
  let reports: ReportRepository;
  let v2: Record<string, string>;
  let ahead: Record<string, string>;

  beforeAll(async () => {
    schema = await migratedServiceSchema('reporting', [CreateReportingService1765200000000]);
    reports = new ReportRepository(schema.db);
    // 2020: X1 with X101, X102. 2024: X1, X101 again (new ids) and X103. 2026: X1 with X104.
    await schema.seedAreas(
      'city',
      [
        { code: 'X1', level: 'bezirk' },
        { code: 'X101', level: 'planungsraum', parent: 'X1' },
        { code: 'X102', level: 'planungsraum', parent: 'X1' },
      ],
      '2020-01-01',
    );
    v2 = await schema.seedAreas(
      'city',
      [
        { code: 'X1', level: 'bezirk' },
        { code: 'X101', level: 'planungsraum', parent: 'X1' },
        { code: 'X103', level: 'planungsraum', parent: 'X1' },
      ],
      '2024-01-01',
    );
    ahead = await schema.seedAreas(
      'city',
      [
        { code: 'X1', level: 'bezirk' },
        { code: 'X104', level: 'planungsraum', parent: 'X1' },
      ],
      '2026-01-01',
    );
    await schema.seedAreas('only-ahead', [{ code: 'F1', level: 'bezirk' }], '2030-01-01');
  }, 60_000);
  afterAll(() => schema?.close());

  const listed = async (tenant: string, level: string, today: string) =>
    (await reports.areasOfLevel(tenant, level, today)).map((a) => [a.code, a.id]);

  it('lists the areas of the version in force on the day, each code once', async () => {
    expect(await listed('city', 'planungsraum', '2025-06-01')).toEqual([
      ['X101', v2['X101']],
      ['X103', v2['X103']],
    ]);
    expect(await listed('city', 'bezirk', '2025-12-31')).toEqual([['X1', v2['X1']]]);
  });

  it('lists a version imported ahead of its date from that date on', async () => {
    expect(await listed('city', 'planungsraum', '2026-01-01')).toEqual([['X104', ahead['X104']]]);
  });

  it('lists the latest version when every version starts later, as the registry does', async () => {
    expect((await listed('only-ahead', 'bezirk', '2025-06-01')).map(([code]) => code)).toEqual(['F1']);
    expect(await listed('nobody', 'bezirk', '2025-06-01')).toEqual([]);
  });
});
