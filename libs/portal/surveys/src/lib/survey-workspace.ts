import { computed, inject, Injectable, linkedSignal, resource, signal } from '@angular/core';
import { emptyForm } from './form-model';
import { SurveyApi, type FormModel, type SurveyDetail } from './survey-api';

/**
 * The state of one open survey, shared by its tabs and provided by the survey page.
 *
 * Tabs are created and destroyed as the user switches between them, so a request a tab started
 * may answer after the tab is gone. Results therefore land here, in a service that lives as long
 * as the page — never in a destroyed component's output, where Angular drops them.
 */
@Injectable()
export class SurveyWorkspace {
  private readonly api = inject(SurveyApi);
  private readonly id = signal<string | undefined>(undefined);
  /**
   * Whether the caller may read the questionnaire (editors and analysts; set by the page): viewers read
   * published results only, and a form request would be refused (403).
   */
  readonly formReadable = signal(false);

  readonly survey = resource({
    params: () => (this.id() ? { id: this.id() as string } : undefined),
    loader: ({ params }) => this.api.survey(params.id),
  });

  /** Reloaded only when the form version changes (a key string, so other survey updates keep the builder's state). */
  private readonly formKey = computed(() => {
    const s = this.survey.hasValue() ? this.survey.value() : undefined;
    return s && this.formReadable() ? `${s.id}|${s.formVersion}` : undefined;
  });
  private readonly form = resource({
    params: () => this.formKey(),
    loader: async ({ params }) => {
      const [id, version] = params.split('|');
      return Number(version) > 0
        ? (await this.api.form(id)).form
        : emptyForm(this.survey.value()?.title ?? '');
    },
  });

  /** The last loaded form, kept while a new version loads, so the builder is not torn down on save. */
  readonly loadedForm = linkedSignal<FormModel | undefined, FormModel | undefined>({
    // hasValue first: value() of a resource that failed throws.
    source: () => (this.form.hasValue() ? this.form.value() : undefined),
    computation: (value, previous) => value ?? previous?.value,
  });

  open(id: string): void {
    this.id.set(id);
  }

  /** A survey as the service answered it after a change. */
  updated(survey: SurveyDetail): void {
    if (survey.id === this.id()) this.survey.set(survey);
  }
}
