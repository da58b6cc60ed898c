import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Caller } from '@quartier/auth';
import {
  type Form,
  formErrors,
  formatFormIssue,
  importXlsFormCells,
  writeXlsForm,
} from '@quartier/survey-core';
import { readWorkbookOffThread } from '@quartier/service-kit';
import type { DataSource } from 'typeorm';
import { assertFormServesSettings, assertValidForm } from '../forms/form-checks';
import { describeModelIssues, incompatibleFormChanges } from '../forms/form-rules';
import { ResponseRepository } from '../responses/response.repository';
import { SURVEY_CONNECTION, SURVEY_EDITORS, SURVEY_READERS } from '../survey.constants';
import { SurveyApiError } from '../survey.errors';
import type { SurveyDetail } from './survey.dto';
import { SurveyRepository } from './survey.repository';
import { SurveysService } from './surveys.service';

/** A survey's questionnaire: read as JSON or XLSForm, checked, and stored as a new version. */
@Injectable()
export class SurveyFormsService {
  constructor(
    @InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource,
    private readonly surveys: SurveysService,
    private readonly repository: SurveyRepository,
    private readonly responses: ResponseRepository,
  ) {}

  async getForm(caller: Caller, id: string): Promise<{ version: number; form: Form }> {
    const survey = await this.surveys.load(caller, id, SURVEY_READERS);
    const form = await this.repository.form(id, survey.formVersion);
    if (!form) throw new SurveyApiError('FormMissing', 'this survey has no form yet');
    return { version: survey.formVersion, form };
  }

  async formXlsx(caller: Caller, id: string): Promise<{ bytes: Uint8Array; filename: string }> {
    const { form } = await this.getForm(caller, id);
    return { bytes: await writeXlsForm(form), filename: `${form.settings.formId || 'form'}.xlsx` };
  }

  /** Parses an uploaded XLSForm; every error comes back located by sheet, row and column. */
  async uploadXlsForm(caller: Caller, id: string, bytes: Buffer): Promise<SurveyDetail> {
    // Inflated and parsed in a worker within size bounds: a crafted workbook cannot stall the service.
    const result = importXlsFormCells(await readWorkbookOffThread(bytes));
    if (!result.ok) {
      throw new SurveyApiError('InvalidForm', `the XLSForm has ${result.issues.length} error(s)`, {
        issues: result.issues,
        lines: result.issues.map(formatFormIssue),
      });
    }
    return this.putForm(caller, id, result.form);
  }

  /**
   * Stores a new form version (the builder's JSON or an imported XLSForm). Refused when responses
   * exist and it would break them (409), or when it no longer serves the survey's indicator items
   * or weighting (422).
   */
  async putForm(caller: Caller, id: string, form: Form): Promise<SurveyDetail> {
    const { access } = caller;
    assertValidForm(form);
    await this.db.transaction(async (manager) => {
      const survey = await this.surveys.load(caller, id, SURVEY_EDITORS, manager, true);
      const current = await this.repository.form(id, survey.formVersion, manager);
      if (current && (await this.responses.countInSurvey(id, manager)) > 0) {
        const changes = incompatibleFormChanges(current, form);
        if (changes.length > 0) {
          const reasons = changes.map((change) => change.reason);
          // `reasons` (English) as before; `changes` says the same by code for translations.
          throw new SurveyApiError('IncompatibleFormChange', `responses exist: ${reasons.join('; ')}`, {
            reasons,
            changes,
          });
        }
      }
      assertFormServesSettings(form, survey);
      const version = survey.formVersion + 1;
      await this.repository.insertForm(manager, id, version, form, access.principal.subject);
      await this.repository.setFormVersion(manager, id, version);
    });
    return this.surveys.detail(caller, id);
  }

  /** The core's model checks with targets as names: the form builder validates live with this. */
  checkForm(form: Form): { valid: boolean; issues: ReturnType<typeof describeModelIssues> } {
    const issues = describeModelIssues(form);
    return { valid: formErrors(issues).length === 0, issues };
  }
}
