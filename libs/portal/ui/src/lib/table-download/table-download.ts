import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { DownloadRow } from '../download-row/download-row';
import { I18n } from '../i18n/i18n';
import type { TableRows } from './table-export';
import { csvBlob, saveBlob, xlsxBlob } from './table-files';

const TEXTS = {
  de: {
    csv: 'CSV herunterladen',
    xlsx: 'Excel herunterladen',
    label: 'Tabelle „{table}“ herunterladen',
    failed: 'Die Excel-Datei konnte nicht erstellt werden. Bitte laden Sie die CSV-Datei.',
  },
  en: {
    csv: 'Download CSV',
    xlsx: 'Download Excel',
    label: 'Download table “{table}”',
    failed: 'The Excel file could not be made. Please download the CSV file.',
  },
} as const;

/**
 * CSV and XLSX downloads of a table as it is shown (header row first). Hidden in print: the
 * printed page shows the table itself.
 */
@Component({
  selector: 'q-table-download',
  imports: [DownloadRow],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-download-row
      [label]="text().label.replace('{table}', sheet())"
      [failure]="failed() ? text().failed : null"
    >
      <button type="button" (click)="csv()" [attr.data-testid]="testId() + '-csv'">{{ text().csv }}</button>
      <button type="button" (click)="xlsx()" [attr.data-testid]="testId() + '-xlsx'">
        {{ text().xlsx }}
      </button>
    </q-download-row>
  `,
})
export class TableDownload {
  private readonly i18n = inject(I18n);
  protected readonly text = computed(() => TEXTS[this.i18n.language()]);

  /**
   * The rows to write, header first, as the reader sees them (translated names, plain numbers);
   * or a function giving them, called on download: a ranking of 50,000 areas is not written out
   * on every change for a download that may never come.
   */
  readonly rows = input.required<TableRows | (() => TableRows)>();
  /** File name without extension. */
  readonly fileName = input.required<string>();
  /** The sheet's name in the workbook (and what the buttons' group is called). */
  readonly sheet = input.required<string>();
  readonly testId = input('table-download');
  protected readonly failed = signal(false);

  private table(): TableRows {
    const rows = this.rows();
    return typeof rows === 'function' ? rows() : rows;
  }

  protected csv(): void {
    saveBlob(csvBlob(this.table()), `${this.fileName()}.csv`);
  }

  protected async xlsx(): Promise<void> {
    this.failed.set(false);
    try {
      saveBlob(await xlsxBlob(this.table(), this.sheet()), `${this.fileName()}.xlsx`);
    } catch (error) {
      this.failed.set(true);
      throw error;
    }
  }
}
