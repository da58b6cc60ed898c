import { Directive, input } from '@angular/core';

/**
 * The box a wide table scrolls in: focusable, so keyboard users can scroll it with the arrow
 * keys, and a region named by what it holds, so a screen reader says so when it takes focus
 * (axe's scrollable-region-focusable). Its look (`scroll`, `scroll-x`) stays with the page.
 */
@Directive({
  selector: '[qScrollRegion]',
  host: { tabindex: '0', role: 'region', '[attr.aria-label]': 'qScrollRegion()' },
})
export class ScrollRegion {
  /** The region's name: what the table in it shows. */
  readonly qScrollRegion = input.required<string>();
}
