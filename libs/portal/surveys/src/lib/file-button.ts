import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/**
 * A file chooser that looks like the pages' secondary buttons: the native input stays in the
 * label (keyboard, screen readers and the browser tests reach it), only visually hidden.
 */
@Component({
  selector: 'q-file-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="file-button" [class.disabled]="disabled()">
      {{ label() }}
      <input
        type="file"
        [accept]="accept()"
        [disabled]="disabled()"
        [attr.data-testid]="testId()"
        (change)="pick($event)"
      />
    </label>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .file-button {
      display: inline-flex;
      align-items: center;
      min-height: 2.5rem;
      padding: 0 1rem;
      font-weight: 600;
      border: 2px solid #1f5fa8;
      background: #fff;
      color: #1f5fa8;
      border-radius: 4px;
      cursor: pointer;
    }
    .file-button.disabled {
      opacity: 0.6;
      cursor: not-allowed;
    }
    .file-button input {
      position: absolute;
      width: 1px;
      height: 1px;
      opacity: 0;
    }
    .file-button:focus-within {
      outline: 3px solid #1f5fa8;
      outline-offset: 2px;
    }
  `,
})
export class FileButton {
  readonly label = input.required<string>();
  readonly accept = input.required<string>();
  readonly disabled = input(false);
  readonly testId = input<string>();
  /** The chosen file; the input is cleared, so choosing the same file again reports it again. */
  readonly chosen = output<File>();

  protected pick(event: Event): void {
    const field = event.target as HTMLInputElement;
    const file = field.files?.[0];
    field.value = '';
    if (file) this.chosen.emit(file);
  }
}
