import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Caller } from '@quartier/auth';
import { csvDelimiter, type SpooledUpload, ZipBoundsError } from '@quartier/service-kit';
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { SURVEY_CONNECTION, XLSX_TYPE } from '../survey.constants';
import { SurveyApiError } from '../survey.errors';
import { answerableColumns, CollectionService, type StoredResponse } from './collection.service';
import { readPaperWorkbook, refuseUnstorableCells } from './paper-workbook';
import { type ImportIssue, importIssue } from './response-issue-codes';

export const MAX_IMPORT_ROWS = 50_000;
const MAX_REPORTED_ISSUES = 500;

/**
 * Paper questionnaires typed into a sheet, or an ODK/KoboToolbox export: one row per response,
 * one column per question name (select_multiple space-separated). Every row is validated with
 * the same rules as the public form — except that unanswered required questions are accepted
 * (paper respondents skip questions) and answers to questions that do not apply are dropped, as
 * ODK does. All-or-nothing: one bad cell and nothing is stored, every bad cell is reported.
 */
@Injectable()
export class ResponseImportService {
  constructor(
    private readonly collection: CollectionService,
    @InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource,
  ) {}

  async import(
    caller: Caller,
    surveyId: string,
    waveId: string,
    upload: SpooledUpload,
  ): Promise<{ imported: number }> {
    const context = await this.collection.authenticatedContext(caller, surveyId);
    const wave = this.collection.findWave(context, waveId);
    const today = this.collection.today();
    this.collection.assertCollecting(context, wave, today);
    // Refused before the file is read: every row would otherwise fail on its missing name
    // generator, one by one, without telling the planner the import cannot carry it.
    if (context.survey.type === 'network')
      throw new SurveyApiError(
        'PaperImportUnsupported',
        'a network survey cannot be imported from paper: its name generator has no columns; enter responses online or by interview',
      );
    if (!context.form) throw new SurveyApiError('FormMissing', 'this survey has no form');
    const bytes = await readFile(upload.path);
    const table = upload.contentType === XLSX_TYPE ? await readXlsx(bytes) : readCsv(bytes);
    if (table.length < 2)
      throw new SurveyApiError('InvalidImport', 'the file has no responses', {
        issues: [importIssue({ row: 1 }, 'no-rows')],
      });
    if (table.length - 1 > MAX_IMPORT_ROWS)
      throw new SurveyApiError('InvalidImport', `at most ${MAX_IMPORT_ROWS} responses per file`, {
        issues: [importIssue({ row: MAX_IMPORT_ROWS + 2 }, 'too-many-rows')],
      });

    const header = table[0].map((h) => h.trim());
    const columns = answerableColumns(context.form);
    const ignored = new Set(['start', 'end', 'today', 'calculate', 'note']);
    const issues: ImportIssue[] = [];
    const calculated = new Set(
      context.compiled
        ? [...context.compiled.questions.values()]
            .filter((q) => q.question.type === 'calculate')
            .map((q) => q.question.name)
        : [],
    );
    for (const name of header) {
      if (
        name === '' ||
        columns.has(name) ||
        name.startsWith('_') ||
        ignored.has(name) ||
        calculated.has(name)
      )
        continue;
      // ODK/Kobo exports add metadata (_uuid, _submission_time) and calculated columns; anything else is a typo.
      issues.push(importIssue({ row: 1, column: name }, 'column-unknown', { column: name }));
    }
    if (new Set(header.filter((h) => h !== '')).size !== header.filter((h) => h !== '').length)
      issues.push(importIssue({ row: 1 }, 'column-twice'));

    const responses: StoredResponse[] = [];
    for (let r = 1; r < table.length && issues.length < MAX_REPORTED_ISSUES; r++) {
      if (table[r].every((cell) => cell.trim() === '')) continue;
      const answers: Record<string, string> = {};
      header.forEach((name, c) => {
        const value = (table[r][c] ?? '').trim();
        if (value !== '' && columns.has(name)) answers[name] = value;
      });
      const checked = this.collection.check(context, wave, { answers }, today, 'drop', false);
      if (checked.ok) responses.push(checked.response);
      else
        for (const { path, cause } of checked.issues)
          issues.push(
            importIssue({ row: r + 1, ...(path ? { column: path } : {}) }, cause.code, cause.params),
          );
    }
    if (issues.length === 0 && responses.length === 0) issues.push(importIssue({ row: 2 }, 'no-responses'));
    if (issues.length > 0) {
      const first = issues[0];
      throw new SurveyApiError(
        'InvalidImport',
        `row ${first.row}${first.column ? `, column ${first.column}` : ''}: ${first.reason}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
        {
          issues: issues.slice(0, MAX_REPORTED_ISSUES),
        },
      );
    }
    await this.db.transaction((manager) =>
      this.collection.insert(manager, context.survey, wave, responses, 'import', today),
    );
    return { imported: responses.length };
  }
}

function readCsv(bytes: Buffer): string[][] {
  try {
    const text = bytes.toString('utf8');
    return refuseUnstorableCells(
      parse(text, { bom: true, delimiter: csvDelimiter(text), relax_column_count: true }) as string[][],
    );
  } catch (error) {
    if (error instanceof SurveyApiError) throw error;
    throw new SurveyApiError('InvalidImport', `the CSV cannot be read: ${(error as Error).message}`, {
      issues: [importIssue({ row: 1 }, 'csv-unreadable', { detail: (error as Error).message })],
    });
  }
}

/** Off the request thread and within the workbook bounds (a crafted workbook answers 413). */
async function readXlsx(bytes: Buffer): Promise<string[][]> {
  try {
    return refuseUnstorableCells(await readPaperWorkbook(bytes));
  } catch (error) {
    if (error instanceof SurveyApiError) throw error;
    if (error instanceof ZipBoundsError && error.code === 'ArchiveTooLarge') throw error;
    throw new SurveyApiError('InvalidImport', `the workbook cannot be read: ${(error as Error).message}`, {
      issues: [importIssue({ row: 1 }, 'not-xlsx')],
    });
  }
}
