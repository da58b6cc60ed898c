import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { ProgrammeClient } from '@quartier/portal-data-access';
import { Notice, saveBlob } from '@quartier/portal-ui';
import { ProgrammeWorkspace } from '../programme-workspace';
import { ProgrammeTexts } from '../texts';

/**
 * The programme's IATI activity XML. A plain link would not carry the bearer token, so the file
 * is fetched through the API client and handed to the browser as a download.
 */
@Component({
  selector: 'q-iati-link',
  imports: [Notice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="link" data-testid="iati-download" (click)="fetch()">{{ t('iati') }}</button>
    @if (error()) {
      <q-notice kind="error">{{ error() }}</q-notice>
    }
  `,
  styles: `
    .link {
      font: inherit;
      background: none;
      border: none;
      color: #1f5fa8;
      text-decoration: underline;
      padding: 0;
      min-height: 2.75rem;
      cursor: pointer;
    }
  `,
})
export class IatiLink {
  private readonly api = inject(ProgrammeClient);
  private readonly workspace = inject(ProgrammeWorkspace);
  protected readonly t = inject(ProgrammeTexts).t;
  readonly programmeId = input.required<string>();
  readonly name = input.required<string>();
  protected readonly error = signal<string | null>(null);

  protected async fetch(): Promise<void> {
    this.error.set(null);
    try {
      const { blob } = await this.api.file('/api/programme/programmes/{programmeId}/iati', {
        path: { programmeId: this.programmeId() },
      });
      saveBlob(blob, `iati-${this.name()}.xml`);
    } catch (error) {
      this.error.set(this.workspace.problem(error));
    }
  }
}
