import {
  ChangeDetectionStrategy,
  Component,
  type ComponentRef,
  computed,
  Directive,
  effect,
  type EmbeddedViewRef,
  inject,
  input,
  TemplateRef,
  untracked,
  ViewContainerRef,
} from '@angular/core';
import { I18n } from '../i18n/i18n';
import { Notice } from '../notice/notice';
import { type LoadingResource, type LoadState, loadState } from './load-state';

const TEXTS = { de: { loading: 'Lädt …' }, en: { loading: 'Loading …' } } as const;

/** What stands in for a resource's content: its failure, the wait for it, or that it is empty. */
@Component({
  selector: 'q-load-state',
  imports: [Notice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (state()) {
      @case ('failed') {
        <q-notice kind="error">{{ text() }}</q-notice>
      }
      @case ('loading') {
        <p role="status">{{ loading() }}</p>
      }
      @case ('empty') {
        <p>{{ text() }}</p>
      }
    }
  `,
  styles: ':host { display: contents; }',
})
export class LoadStateText {
  private readonly i18n = inject(I18n);
  protected readonly loading = computed(() => TEXTS[this.i18n.language()].loading);

  readonly state = input.required<Exclude<LoadState<unknown>['state'], 'content'>>();
  readonly text = input('');
}

export interface LoadedContext<T> {
  readonly $implicit: NonNullable<T>;
  readonly qLoaded: NonNullable<T>;
}

/**
 * A page's part that shows a resource's value, as `*qLoaded="measures; problem: texts.problem;
 * let page"`: until the value is there, the failure (a notice) or "Loading …" stands in its
 * place; with `empty: t('none')`, so does that text where the value is an empty list. A value
 * read again stays shown until the new one is there (forms inside keep what was typed).
 */
@Directive({ selector: '[qLoaded]' })
export class Loaded<T> {
  private readonly template = inject<TemplateRef<LoadedContext<T>>>(TemplateRef);
  private readonly container = inject(ViewContainerRef);

  readonly qLoaded = input.required<LoadingResource<T>>();
  /** The failure in the reader's words (the feature's problem texts). */
  readonly qLoadedProblem = input.required<(error: unknown) => string>();
  /** What shows instead of an empty list; without it, an empty list is content like any other. */
  readonly qLoadedEmpty = input<string | null>(null);

  private readonly shown = computed(() =>
    loadState(this.qLoaded(), this.qLoadedProblem(), this.qLoadedEmpty()),
  );
  private content: EmbeddedViewRef<LoadedContext<T>> | null = null;
  private standIn: ComponentRef<LoadStateText> | null = null;

  static ngTemplateContextGuard<T>(_dir: Loaded<T>, _context: unknown): _context is LoadedContext<T> {
    return true;
  }

  constructor() {
    effect(() => {
      const shown = this.shown();
      untracked(() => (shown.state === 'content' ? this.showContent(shown.value) : this.showStandIn(shown)));
    });
  }

  private showContent(value: NonNullable<T>): void {
    if (this.content) {
      // The same view shows the value read again, so what the page's forms hold stays.
      this.content.context = { $implicit: value, qLoaded: value };
      this.content.markForCheck();
      return;
    }
    this.clear();
    this.content = this.container.createEmbeddedView(this.template, { $implicit: value, qLoaded: value });
  }

  private showStandIn(shown: Exclude<LoadState<T>, { state: 'content' }>): void {
    if (!this.standIn) {
      this.clear();
      this.standIn = this.container.createComponent(LoadStateText);
    }
    this.standIn.setInput('state', shown.state);
    this.standIn.setInput('text', 'text' in shown ? shown.text : '');
  }

  private clear(): void {
    this.container.clear();
    this.content = null;
    this.standIn = null;
  }
}
