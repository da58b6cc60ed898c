import {
  AreaIndex,
  assembleAreaProfile,
  assembleEvaluationReport,
  assembleMonitoringReport,
  assembleProgrammeReport,
  buildAreaProfile,
  buildEvaluationReport,
  buildMonitoringReport,
  buildProgrammeReport,
  renderCsvFiles,
  renderDocx,
  renderDocxBuffer,
  renderPdf,
  renderPdfBuffer,
  renderXlsx,
  renderXlsxBuffer,
  type AreaProfileDataset,
  type AssembleOptions,
  type EvaluationDataset,
  type MonitoringDataset,
  type PinnedArea,
  type ProgrammeDataset,
  type ReportDocument,
} from '@quartier/reporting-core';
import { calendarDay, zonedDateTime } from '@quartier/service-kit';
import { ZipArchive } from 'archiver';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ReportFormat, ReportType } from '../reports/report.dto';
import { reportFonts } from './report-fonts';

export type PinnedDataset = AreaProfileDataset | MonitoringDataset | ProgrammeDataset | EvaluationDataset;

/** What a render needs besides the pinned data. */
export interface RenderSpec {
  type: ReportType;
  format: ReportFormat;
  language: 'de' | 'en';
  params: Record<string, unknown>;
  asOf: Date;
  generatedAt: Date;
  /**
   * The platform's time zone (the service clock's): the as-of date is the city's day of `asOf`,
   * and the report's "generated on" the city's day of `generatedAt`.
   */
  timeZone: string;
  pin: { dataId: string; contentHash: string };
}

export interface RenderHooks {
  /** 0…1 */
  progress(fraction: number, message?: string): void;
  /** Throws when the job is to stop (cancel, shutdown). */
  checkpoint(): void;
}

const CONTENT_TYPES: Record<ReportFormat | 'zip', string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  // A report has several tables: its CSV files travel together in a ZIP.
  csv: 'application/zip',
  zip: 'application/zip',
};

const EXTENSIONS: Record<ReportFormat, string> = { pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', csv: 'csv.zip' };

/** A file name part: letters (umlauts too), digits, dots and hyphens; the rest becomes "_". */
export function fileNamePart(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}.-]+/gu, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 80) || 'Bericht'
  );
}

export function contentTypeOf(format: ReportFormat, batch: boolean): string {
  return CONTENT_TYPES[batch ? 'zip' : format];
}

export function fileNameOf(stem: string, format: ReportFormat, batch: boolean): string {
  return `${fileNamePart(stem)}.${batch ? 'zip' : EXTENSIONS[format]}`;
}

/** What the report builders are told besides the pinned data (exported for its unit spec). */
export function assembleOptions(spec: RenderSpec): AssembleOptions {
  return {
    language: spec.language,
    // A report made at 00:30 on 1 January in Berlin is as of 1 January (and its "this year" the
    // new one), not of the UTC day before.
    asOf: calendarDay(spec.asOf, spec.timeZone),
    // Written with the zone's offset, so the renderers print the city's day it was made on.
    generatedAt: zonedDateTime(spec.generatedAt, spec.timeZone),
    pin: spec.pin,
    ...(typeof spec.params['periods'] === 'number'
      ? { changePeriods: (spec.params['periods'] as number) - 1 }
      : {}),
  };
}

/**
 * The evaluation with its evidence snapshot's time written on the city's clock (as
 * `assembleOptions` writes generatedAt): a snapshot taken at 23:30 UTC on New Year's Eve was
 * frozen on 1 January in Berlin, and the report prints the day written in the string. Only the
 * copy rendered changes; the pinned data (and its hash) keep the instant as stored. A time that
 * does not parse is left for formatDate to print as before.
 */
export function withSnapshotOnCityClock(dataset: EvaluationDataset, timeZone: string): EvaluationDataset {
  const { results } = dataset;
  const snapshot = results?.snapshot;
  const takenAt = snapshot ? new Date(snapshot.takenAt) : null;
  if (!results || !snapshot || !takenAt || Number.isNaN(takenAt.getTime())) return dataset;
  return {
    ...dataset,
    results: { ...results, snapshot: { ...snapshot, takenAt: zonedDateTime(takenAt, timeZone) } },
  };
}

/** The single document of a report (not a batch), built from the pinned data alone. */
export function documentOf(
  spec: RenderSpec,
  dataset: PinnedDataset,
  areaId?: string,
  index?: AreaIndex,
): ReportDocument {
  switch (dataset.kind) {
    case 'area-profile':
      return buildAreaProfile(
        assembleAreaProfile(dataset, areaId ?? dataset.subjectIds[0], assembleOptions(spec), index),
        spec.language,
      );
    case 'monitoring-report':
      return buildMonitoringReport(assembleMonitoringReport(dataset, assembleOptions(spec)), spec.language);
    case 'programme-report':
      return buildProgrammeReport(assembleProgrammeReport(dataset, assembleOptions(spec)), spec.language);
    case 'evaluation-report':
      return buildEvaluationReport(
        assembleEvaluationReport(withSnapshotOnCityClock(dataset, spec.timeZone), assembleOptions(spec)),
        spec.language,
      );
  }
}

async function renderOne(document: ReportDocument, format: ReportFormat, output: Writable): Promise<void> {
  switch (format) {
    case 'pdf':
      return renderPdf(document, reportFonts(), output);
    case 'docx':
      return renderDocx(document, output);
    case 'xlsx':
      return renderXlsx(document, output);
    case 'csv': {
      const zip = new ZipArchive({ zlib: { level: 6 } });
      const finished = once(output, 'finish');
      zip.pipe(output);
      for (const file of renderCsvFiles(document))
        zip.append(file.bytes, { name: file.name, date: new Date(0) });
      await zip.finalize();
      await finished;
      return;
    }
  }
}

/** A file of a batch ZIP. */
export interface BatchEntry {
  name: string;
  bytes: Buffer;
}

/** One profile of a batch, in memory (tens of kilobytes), with the name it gets in the ZIP. */
async function renderEntry(
  document: ReportDocument,
  format: ReportFormat,
  stem: string,
): Promise<BatchEntry[]> {
  switch (format) {
    case 'pdf':
      return [{ name: `${stem}.pdf`, bytes: await renderPdfBuffer(document, reportFonts()) }];
    case 'docx':
      return [{ name: `${stem}.docx`, bytes: await renderDocxBuffer(document) }];
    case 'xlsx':
      return [{ name: `${stem}.xlsx`, bytes: await renderXlsxBuffer(document) }];
    case 'csv':
      return renderCsvFiles(document).map((f) => ({ name: `${stem}/${f.name}`, bytes: f.bytes }));
  }
}

/** The subjects of a batch in the order of its ZIP (by code), with the index they are built from. */
export function batchSubjects(dataset: AreaProfileDataset): { index: AreaIndex; subjects: PinnedArea[] } {
  const index = new AreaIndex(dataset.tenant, dataset.areas, dataset.geometry);
  const subjects = dataset.subjectIds.map((id) => index.get(id)).sort((a, b) => (a.code < b.code ? -1 : 1));
  return { index, subjects };
}

/** The ZIP entries of the batch's subject at `position` (in `batchSubjects` order). */
export function renderBatchEntry(
  spec: RenderSpec,
  dataset: AreaProfileDataset,
  batch: { index: AreaIndex; subjects: PinnedArea[] },
  position: number,
): Promise<BatchEntry[]> {
  const area = batch.subjects[position];
  const document = documentOf(spec, dataset, area.id, batch.index);
  return renderEntry(document, spec.format, fileNamePart(`${area.code}_${area.name}`));
}

/**
 * Renders some of a batch's entries elsewhere (worker threads), in parallel with this thread:
 * `takes(position)` says whether a helper renders that subject, `entries(position)` waits for
 * what it rendered. `stop` ends the helpers.
 */
export interface BatchHelpers {
  takes(position: number): boolean;
  entries(position: number): Promise<BatchEntry[]>;
  stop(): Promise<void>;
}

/**
 * Every profile of a batch into one ZIP, streamed: each entry is rendered, appended and written
 * through to `output` before the next is made, so memory holds one profile at a time (and,
 * with helpers, the few each helper may render ahead).
 */
async function renderBatch(
  spec: RenderSpec,
  dataset: AreaProfileDataset,
  output: Writable,
  hooks: RenderHooks,
  helpers: BatchHelpers | null,
) {
  const batch = batchSubjects(dataset);
  const zip = new ZipArchive({ zlib: { level: 6 } });
  const finished = once(output, 'finish');
  const failed = new Promise<never>((_, reject) => zip.once('error', reject));
  failed.catch(() => undefined);
  zip.pipe(output);
  try {
    for (let i = 0; i < batch.subjects.length; i++) {
      hooks.checkpoint();
      const entries = helpers?.takes(i)
        ? await helpers.entries(i)
        : await renderBatchEntry(spec, dataset, batch, i);
      for (const entry of entries) {
        const appended = once(zip, 'entry');
        zip.append(entry.bytes, { name: entry.name, date: spec.generatedAt });
        await Promise.race([appended, failed]);
      }
      hooks.progress((i + 1) / batch.subjects.length, `${i + 1}/${batch.subjects.length}`);
    }
  } finally {
    await helpers?.stop();
  }
  await Promise.race([zip.finalize(), failed]);
  await finished;
}

/**
 * Renders a report from its pinned data into `output` (ends it). A batch may share its profiles
 * with helpers that `helpersFor` starts for it (the render worker does, on other threads).
 */
export async function renderReport(
  spec: RenderSpec,
  dataset: PinnedDataset,
  output: Writable,
  hooks: RenderHooks,
  helpersFor?: (subjects: number) => BatchHelpers | null,
) {
  if (dataset.kind === 'area-profile' && spec.params['level'] !== undefined)
    return renderBatch(spec, dataset, output, hooks, helpersFor?.(dataset.subjectIds.length) ?? null);
  hooks.progress(0.1, 'building');
  const document = documentOf(spec, dataset);
  hooks.checkpoint();
  hooks.progress(0.5, 'rendering');
  await renderOne(document, spec.format, output);
}
