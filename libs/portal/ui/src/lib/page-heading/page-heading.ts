import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * The page's h1. It is the target of the focus move after each navigation (tabindex -1), so a
 * screen reader announces the new page instead of staying silent at the old focus position.
 */
@Component({
  selector: 'q-page-heading',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="page-heading" tabindex="-1" data-route-focus>{{ heading() }}</h1>
    @if (intro()) {
      <p class="page-intro">{{ intro() }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 1rem;
    }
    .page-heading {
      margin: 0 0 0.5rem;
      font-size: 1.75rem;
      line-height: 1.25;
      font-weight: 500;
    }
    /* Focused by the router for screen readers only; it is not interactive, so no focus ring. */
    .page-heading:focus {
      outline: none;
    }
    .page-intro {
      margin: 0;
      max-width: 70ch;
      color: #3c4650;
    }
  `,
})
export class PageHeading {
  readonly heading = input.required<string>();
  readonly intro = input<string>();
}
