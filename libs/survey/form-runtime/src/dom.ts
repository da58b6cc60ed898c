/// <reference lib="dom" />
// Small DOM helpers of the form script: element lookup, field state for drafts and repeat
// renumbering, instance numbers in cloned templates, and the live regions.

export const byId = <T extends HTMLElement>(id: string): T | null => document.getElementById(id) as T | null;

/** Every named field's state under `root`: text as is, radios and checkboxes when checked. */
export function snapshot(root: HTMLElement): Record<string, string | boolean> {
  const state: Record<string, string | boolean> = {};
  root
    .querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input,select,textarea')
    .forEach((el) => {
      if (!el.id) return;
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
        if (el.checked) state[el.id] = true;
      } else if (el.value !== '') state[el.id] = el.value;
    });
  return state;
}

export function restoreInto(root: HTMLElement, state: Record<string, string | boolean>): void {
  root
    .querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input,select,textarea')
    .forEach((el) => {
      const value = state[el.id];
      if (value === undefined) return;
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox'))
        el.checked = value === true;
      else if (typeof value === 'string') el.value = value;
    });
}

const PLACEHOLDER_ATTRIBUTES = [
  'id',
  'for',
  'name',
  'aria-describedby',
  'data-instance',
  'data-add',
  'data-remove',
  'data-rank',
  'data-prefix',
  'href',
];

/** Instance numbers into a cloned template, also inside nested repeat templates. */
export function replacePlaceholder(
  root: DocumentFragment | Element,
  placeholder: string,
  value: string,
): void {
  for (const el of root.querySelectorAll('*')) {
    for (const attribute of PLACEHOLDER_ATTRIBUTES) {
      const current = el.getAttribute(attribute);
      if (current?.includes(placeholder)) el.setAttribute(attribute, current.split(placeholder).join(value));
    }
    if (el instanceof HTMLTemplateElement) replacePlaceholder(el.content, placeholder, value);
  }
}

/** Says `message` in the polite live region, or in the alert region when `assertive`. */
export function announce(message: string, assertive = false): void {
  const region = byId(assertive ? 'q-alert' : 'q-live')!;
  region.textContent = '';
  window.setTimeout(() => (region.textContent = message), 50);
}
