import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import { neutraliseCsvCell, restoreCsvCell, spreadsheetCellText } from '@quartier/contracts';
import {
  MEASURE_EXPORT_COLUMNS,
  measureTable,
  parseMeasureTable,
  type MeasureDraft,
} from '@quartier/programme-core';
import {
  assertZipWithinBounds,
  Clock,
  csvDelimiter,
  SMALL_WORKBOOK_LIMITS,
  UploadSpool,
  type UploadRequest,
} from '@quartier/service-kit';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { AreaRefRepository } from '../access/area-ref.repository';
import { ProgrammeAccess } from '../access/programme-access.service';
import { MEASURE_EDITORS } from '../programme.constants';
import { ProgrammeServiceError } from '../programme.errors';
import type { CreateMeasureInput } from './measure.dto';
import { MeasuresService } from './measures.service';

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 5 * 1024 * 1024;

const DATE_COLUMNS = (['planned_start', 'planned_end'] as const).map((c) =>
  MEASURE_EXPORT_COLUMNS.indexOf(c),
);
const SPENT_COLUMN = MEASURE_EXPORT_COLUMNS.indexOf('spent');

/**
 * A measure row for the XLSX: dates as dates and the amount spent as a number, as every workbook
 * the platform writes types its cells (a spreadsheet sorts, filters and sums only typed cells).
 * The import reads a date cell back as its ISO day (spreadsheetCellText).
 */
function typedCells(row: readonly string[]): ExcelJS.CellValue[] {
  return row.map((text, i) => {
    if (text !== '' && DATE_COLUMNS.includes(i)) return new Date(`${text}T00:00:00Z`);
    if (i === SPENT_COLUMN && text !== '') return Number(text);
    return text;
  });
}

export interface MeasureFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/**
 * Measures in and out of spreadsheets: CSV (UTF-8 with BOM, semicolons, as German Excel writes
 * it — commas are read too) and XLSX (first sheet). An import proposes every row or nothing.
 */
@Injectable()
export class MeasureFilesService {
  constructor(
    private readonly spool: UploadSpool,
    private readonly measures: MeasuresService,
    private readonly access: ProgrammeAccess,
    private readonly areaRefs: AreaRefRepository,
    private readonly clock: Clock,
  ) {}

  async export(caller: Caller, programmeId: string, format: 'csv' | 'xlsx'): Promise<MeasureFile> {
    const programme = await this.access.programme(caller, programmeId, MEASURE_EDITORS);
    const { items } = await this.measures.list(caller, programmeId, { limit: 1000, offset: 0 });
    const rows = measureTable(
      items.map((m) => ({
        id: m.id,
        status: m.status,
        title: m.title,
        description: m.description,
        areaCodes: m.areas.map((a) => a.code),
        fieldOfAction: m.fieldOfAction,
        responsible: m.responsible.name,
        targetGroups: m.targetGroups,
        plannedStart: m.plannedStart,
        plannedEnd: m.plannedEnd,
        budget: m.budget,
        spentCents: m.spentCents,
      })),
    );
    const fileName = `Massnahmen-${programme.name.replace(/[^\p{L}\p{N}-]+/gu, '-')}.${format}`;
    if (format === 'csv')
      return {
        fileName,
        contentType: `${CSV}; charset=utf-8`,
        body: Buffer.from(
          `\uFEFF${stringify(
            rows.map((r) => r.map(neutraliseCsvCell)),
            { delimiter: ';' },
          )}`,
        ),
      };
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Maßnahmen', { views: [{ state: 'frozen', ySplit: 1 }] });
    rows.forEach((r, i) => sheet.addRow(i === 0 ? r : typedCells(r)));
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((c) => (c.width = 22));
    for (const column of DATE_COLUMNS) sheet.getColumn(column + 1).numFmt = 'dd.mm.yyyy';
    sheet.getColumn(SPENT_COLUMN + 1).numFmt = '#,##0.00';
    return { fileName, contentType: XLSX, body: Buffer.from(await workbook.xlsx.writeBuffer()) };
  }

  async import(caller: Caller, programmeId: string, request: UploadRequest): Promise<{ created: number }> {
    await this.access.programme(caller, programmeId, MEASURE_EDITORS);
    return this.spool.consume(request, { maxBytes: MAX_BYTES, accept: [CSV, XLSX] }, async (upload) => {
      const table =
        upload.contentType === XLSX
          ? await readSheet(upload.path)
          : readCsv(await readFile(upload.path, 'utf8'));
      const drafts = parseMeasureTable(table);
      return this.measures.proposeAll(
        caller,
        programmeId,
        await this.inputs(caller.tenantId, programmeId, drafts),
      );
    });
  }

  /**
   * Area codes → ids of the area version current on the clock's day (unknown codes, among them
   * those only a superseded version has, named by row); fields as the API takes them.
   */
  private async inputs(tenantId: string, programmeId: string, drafts: readonly MeasureDraft[]) {
    const codes = [...new Set(drafts.flatMap((d) => d.areaCodes))];
    const idOf = await this.areaRefs.idsByCode(tenantId, codes, this.clock.today());
    const unknown = drafts.flatMap((d) =>
      d.areaCodes.filter((c) => !idOf.has(c)).map((c) => `row ${d.row}, areas: unknown area code ${c}`),
    );
    if (unknown.length > 0)
      throw new ProgrammeServiceError('InvalidMeasureImport', unknown.join('\n'), {
        lines: unknown,
        programmeId,
      });
    return drafts.map((d) => ({
      row: d.row,
      input: {
        title: d.title,
        description: d.description,
        areaIds: d.areaCodes.map((c) => idOf.get(c) as string),
        fieldOfAction: d.fieldOfAction,
        responsible: { name: d.responsible, actorId: null },
        targetGroups: [...d.targetGroups],
        budget: [...d.budget],
        plannedStart: d.plannedStart,
        plannedEnd: d.plannedEnd,
        deliberateOverCommitment: false,
      } satisfies CreateMeasureInput,
    }));
  }
}

function readCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  try {
    const rows: string[][] = parse(body, {
      delimiter: csvDelimiter(body),
      relax_column_count: true,
      skip_empty_lines: false,
    });
    return rows.map((r) => r.map(restoreCsvCell));
  } catch (error) {
    throw new ProgrammeServiceError(
      'InvalidMeasureImport',
      `the CSV cannot be read: ${(error as Error).message}`,
    );
  }
}

async function readSheet(path: string): Promise<string[][]> {
  await assertZipWithinBounds(path, SMALL_WORKBOOK_LIMITS);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path).catch((error: Error) => {
    throw new ProgrammeServiceError('InvalidMeasureImport', `the XLSX cannot be read: ${error.message}`);
  });
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ProgrammeServiceError('InvalidMeasureImport', 'the XLSX has no sheet');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1).map(spreadsheetCellText);
  });
  return Array.from(rows, (r) => r ?? []);
}
