import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type NoticeKind = 'info' | 'error' | 'success';

/**
 * A message box. Errors use role="alert" so screen readers announce them at once; success and
 * info messages are polite status updates.
 */
@Component({
  selector: 'q-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class]': '"notice notice--" + kind()',
    '[attr.role]': 'kind() === "error" ? "alert" : "status"',
  },
  template: `<ng-content />`,
  styles: `
    :host {
      display: block;
      padding: 0.75rem 1rem;
      border-radius: 6px;
      border-left: 4px solid;
      margin: 0.75rem 0;
    }
    :host(.notice--info) {
      background: #eef4fb;
      border-color: #1f5fa8;
      color: #13294b;
    }
    :host(.notice--error) {
      background: #fdecec;
      border-color: #b3261e;
      color: #5c1410;
    }
    :host(.notice--success) {
      background: #e9f6ec;
      border-color: #1e7a34;
      color: #0f3d1a;
    }
  `,
})
export class Notice {
  readonly kind = input<NoticeKind>('info');
}
