import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { ChoiceSelect, languageDictionary } from '@quartier/portal-ui';
import { FileButton } from '../file-button';
import { SurveyApi, type SurveyDetail } from '../survey-api';
import { type SurveyMessage, SurveyMessageNotice } from '../survey-message';
import { SurveyWorkspace } from '../survey-workspace';
import { SurveyTexts } from '../texts';
import { IMPORT_ISSUE_TEXTS_DE, IMPORT_ISSUE_TEXTS_EN, importIssueLines } from './import-issue-texts';

/**
 * Paper questionnaires typed into a sheet (or an ODK/Kobo export) imported into a wave: all or
 * nothing, and a refused file lists each bad row and cell, worded by the service's codes.
 */
@Component({
  selector: 'q-response-import',
  imports: [SurveyMessageNotice, ChoiceSelect, FileButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="row">
      <label for="import-wave">{{ t('importWave') }}</label>
      <select id="import-wave" [qChoices]="waveChoices()" [(chosen)]="waveId"></select>
      <q-file-button
        [label]="t('importResponses')"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        [disabled]="busy() || !waveId()"
        testId="responses-input"
        (chosen)="importFile($event)"
      />
    </div>
    <p class="note">{{ t('importNote') }}</p>
    @if (message(); as m) {
      <q-survey-message [message]="m" data-testid="import-message" />
    }
  `,
  styleUrl: '../panel-controls.css',
  styles: `
    :host {
      display: block;
      margin-top: 1.5rem;
    }
  `,
})
export class ResponseImport {
  private readonly api = inject(SurveyApi);
  private readonly issueTexts = languageDictionary(IMPORT_ISSUE_TEXTS_DE, IMPORT_ISSUE_TEXTS_EN);
  private readonly workspace = inject(SurveyWorkspace);
  private readonly texts = inject(SurveyTexts);
  protected readonly t = this.texts.t;

  readonly survey = input.required<SurveyDetail>();

  protected readonly waveChoices = computed(() =>
    this.survey().waves.map((w) => ({ value: w.id, label: w.name })),
  );
  /** The newest wave, until the planner picks another. */
  protected readonly waveId = linkedSignal(() => this.survey().waves.at(-1)?.id ?? '');
  protected readonly busy = signal(false);
  protected readonly message = signal<SurveyMessage | null>(null);

  protected async importFile(file: File): Promise<void> {
    this.message.set(null);
    this.busy.set(true);
    try {
      const { imported } = await this.api.importResponses(this.survey().id, this.waveId(), file);
      this.message.set({
        kind: 'success',
        text: this.t('importedResponses', { n: this.texts.count(imported) }),
      });
      this.workspace.updated(await this.api.survey(this.survey().id));
    } catch (error) {
      const body = (error as { error?: { code?: string; details?: { issues?: unknown } } }).error;
      const issues = body?.code === 'InvalidImport' ? body.details?.issues : undefined;
      this.message.set(
        Array.isArray(issues) && issues.length > 0
          ? {
              kind: 'error',
              text: this.t('importIssue.refused'),
              lines: importIssueLines(issues, this.issueTexts()),
            }
          : { kind: 'error', text: this.texts.problem(error) },
      );
    } finally {
      this.busy.set(false);
    }
  }
}
