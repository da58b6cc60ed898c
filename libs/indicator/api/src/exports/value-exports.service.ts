import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import { comparePeriods } from '@quartier/contracts';
import { buildJsonStat, csvField, formatPeriod, valueCellText } from '@quartier/indicator-core';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { IndicatorDefinitionRepository } from '../catalogue/indicator-definition.repository';
import { requireTenantWide } from '../common/access';
import { IndicatorServiceError } from '../common/indicator-service.error';
import type { ExportFormat } from '../imports/import-formats';
import { IndicatorValueRepository, type ExportRow } from '../values/indicator-value.repository';

export interface ExportFilter {
  indicators?: string[];
  periods?: string[];
  level?: string;
}

/** Where an export goes: the HTTP response, which names the file in its headers. */
export type ExportTarget = Writable & { setHeader(name: string, value: string): unknown };

/** A JSON-stat cube is one JSON object (dense in its dimensions); beyond this, export CSV. */
const MAX_JSON_STAT_CELLS = 5_000_000;

const EXPORT_CONTENT_TYPES: Record<ExportFormat, { type: string; extension: string }> = {
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  'csv-wide': { type: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  'sdmx-csv': { type: 'application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8', extension: 'csv' },
  'json-stat': { type: 'application/json; charset=utf-8', extension: 'json' },
  dhis2: { type: 'application/json; charset=utf-8', extension: 'json' },
};

const n = (v: number | null) => (v === null ? '' : String(v));

/**
 * Exports of stored values (not aggregates, not suppressed: exports are for the data's editors
 * and carry the raw counts) in the import formats, so an export imports back unchanged. Rows
 * are read in keyset-paginated batches and written with back-pressure.
 */
@Injectable()
export class ValueExportsService {
  constructor(
    private readonly definitions: IndicatorDefinitionRepository,
    private readonly values: IndicatorValueRepository,
  ) {}

  /**
   * An export spans every area of the tenant, so it needs a tenant-wide grant, checked before
   * any header is set: a refusal then answers as an ordinary JSON error, not as an attachment.
   */
  async export(
    caller: Caller,
    query: ExportFilter & { format: ExportFormat },
    out: ExportTarget,
  ): Promise<void> {
    requireTenantWide(caller.access);
    const { format, indicators, periods, level } = query;
    const { type, extension } = EXPORT_CONTENT_TYPES[format];
    out.setHeader('Content-Type', type);
    out.setHeader('Content-Disposition', `attachment; filename="indicator-values-${format}.${extension}"`);
    await this.write(caller.tenantId, format, { indicators, periods, level }, out);
  }

  private async write(
    tenantId: string,
    format: ExportFormat,
    filter: ExportFilter,
    out: Writable,
  ): Promise<void> {
    const write = async (text: string) => {
      if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
    };
    // A page of rows is one write, so backpressure is waited for per page rather than per row.
    const writeLines = async (header: string, line: (r: ExportRow) => string) => {
      await write(header);
      for await (const rows of this.values.exportPages(tenantId, filter))
        await write(rows.map(line).join(''));
    };
    switch (format) {
      case 'csv':
        await writeLines(
          'area,period,indicator,value,numerator,denominator\n',
          (r) =>
            `${csvField(r.area)},${r.period},${csvField(r.indicator)},${valueCellText(r)},${n(r.numerator)},${n(r.denominator)}\n`,
        );
        break;
      case 'sdmx-csv':
        await writeLines(
          'DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,OBS_STATUS,NUMERATOR,DENOMINATOR\n',
          (r) =>
            `QUARTIER:INDICATORS(1.0),${csvField(r.area)},${csvField(r.indicator)},${formatPeriod(r.period, 'sdmx')},${r.status === 'value' ? r.value : ''},${r.status === 'suppressed' ? 'C' : r.status === 'missing' ? 'M' : 'A'},${n(r.numerator)},${n(r.denominator)}\n`,
        );
        break;
      case 'csv-wide':
        await this.writeWide(tenantId, filter, write);
        break;
      case 'xlsx':
        await this.writeXlsx(tenantId, filter, out);
        return;
      case 'dhis2': {
        await write('{"dataValues":[');
        let first = true;
        for await (const rows of this.values.exportPages(tenantId, filter)) {
          // DHIS2 has no "suppressed": only values are exchanged.
          const items = rows
            .filter((r) => r.status === 'value')
            .map((r) =>
              JSON.stringify({
                dataElement: r.indicator,
                period: formatPeriod(r.period, 'dhis2'),
                orgUnit: r.area,
                value: String(r.value),
              }),
            );
          if (items.length === 0) continue;
          await write((first ? '' : ',') + items.join(','));
          first = false;
        }
        await write(']}\n');
        break;
      }
      case 'json-stat':
        await this.writeJsonStat(tenantId, filter, write);
        break;
    }
    // Not end(callback): the compression middleware's end() takes no callback.
    await new Promise<void>((resolve) => {
      out.once('finish', resolve);
      out.end();
    });
  }

  private async writeWide(tenantId: string, filter: ExportFilter, write: (text: string) => Promise<void>) {
    const indicators = await this.definitions.liveCodes(tenantId, filter.indicators ?? null);
    await write(`area,period,${indicators.map(csvField).join(',')}\n`);
    const position = new Map(indicators.map((c, i) => [c, i]));
    let key: string | null = null;
    let line: string[] = [];
    let area = '';
    let period = '';
    const flush = async () => {
      if (key !== null) await write(`${csvField(area)},${period},${line.join(',')}\n`);
    };
    for await (const rows of this.values.exportPages(tenantId, filter)) {
      for (const r of rows) {
        const k = `${r.area}\u0000${r.period}`;
        if (k !== key) {
          await flush();
          key = k;
          area = r.area;
          period = r.period;
          line = indicators.map(() => '');
        }
        // Wide cells: empty = no observation, so a missing one is written `..`.
        line[position.get(r.indicator) as number] = r.status === 'missing' ? '..' : valueCellText(r);
      }
    }
    await flush();
  }

  private async writeXlsx(tenantId: string, filter: ExportFilter, out: Writable) {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = workbook.addWorksheet('values');
    sheet.addRow(['area', 'period', 'indicator', 'value', 'numerator', 'denominator']).commit();
    for await (const rows of this.values.exportPages(tenantId, filter)) {
      for (const r of rows)
        sheet
          .addRow([
            r.area,
            r.period,
            r.indicator,
            r.status === 'value' ? r.value : r.status === 'suppressed' ? '.' : null,
            r.numerator,
            r.denominator,
          ])
          .commit();
    }
    sheet.commit();
    await workbook.commit();
  }

  private async writeJsonStat(
    tenantId: string,
    filter: ExportFilter,
    write: (text: string) => Promise<void>,
  ) {
    const observations: ExportRow[] = [];
    const indicators = new Map<string, string>();
    const areas = new Map<string, string>();
    const periods = new Set<string>();
    for await (const rows of this.values.exportPages(tenantId, filter)) {
      for (const r of rows) {
        observations.push(r);
        indicators.set(r.indicator, r.indicatorName);
        areas.set(r.area, r.areaName);
        periods.add(r.period);
      }
      if (indicators.size * areas.size * periods.size > MAX_JSON_STAT_CELLS)
        throw new IndicatorServiceError(
          'InvalidValueImport',
          `the selection exceeds ${MAX_JSON_STAT_CELLS} cells: narrow it or export CSV`,
        );
    }
    const dataset = buildJsonStat(
      {
        indicators: [...indicators]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([code, label]) => ({ code, label })),
        areas: [...areas].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, label]) => ({ code, label })),
        periods: [...periods].sort(comparePeriods),
      },
      observations,
      'Quartier indicator values',
    );
    await write(JSON.stringify(dataset));
  }
}
