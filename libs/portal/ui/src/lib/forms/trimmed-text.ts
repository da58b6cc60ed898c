import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/**
 * `Validators.required` and `Validators.maxLength` as the services apply them to names, ids and
 * property names: to the text trimmed. A blank entry ("   ") passed `required` and went out
 * trimmed to "", which the service refused as invalid input; a name with a trailing space
 * counted one character too many. Errors keep Angular's keys (`required`, `maxlength`).
 */
export function trimmedText(options: { readonly max?: number } = {}): ValidatorFn {
  return (control: Pick<AbstractControl, 'value'>): ValidationErrors | null => {
    const text = typeof control.value === 'string' ? control.value.trim() : '';
    if (text === '') return { required: true };
    if (options.max !== undefined && text.length > options.max)
      return { maxlength: { requiredLength: options.max, actualLength: text.length } };
    return null;
  };
}
