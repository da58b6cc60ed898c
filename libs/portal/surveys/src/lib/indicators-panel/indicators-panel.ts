import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { problemFrom } from '@quartier/portal-data-access';
import { describeProblem, I18n } from '@quartier/portal-ui';
import { SurveyApi, type IndicatorItem, type SurveyDetail } from '../survey-api';
import { type SurveyMessage, SurveyMessageNotice } from '../survey-message';
import { SurveyWorkspace } from '../survey-workspace';
import { IndicatorEditor } from './indicator-editor';
import { type IndicatorField, indicatorQuestions, labelIn, refusedItemFields } from './indicator-items';
import { IndicatorPreview } from './indicator-preview';
import { IndicatorTexts } from './indicator-texts';

/** The item being edited: its place in the list (null: a new one) and what it was. */
interface Editing {
  readonly index: number | null;
  readonly item: IndicatorItem | null;
}

/**
 * The survey's indicator items — which questions it publishes as indicators of each area, and
 * how — with adding, changing and removing them (editors; each change saves the whole list),
 * then the preview of a wave's values and their publication for programmes and evaluations.
 */
@Component({
  selector: 'q-indicators-panel',
  imports: [SurveyMessageNotice, IndicatorEditor, IndicatorPreview],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="indicators-heading">
      <h2 id="indicators-heading">{{ t('heading') }}</h2>
      <p class="note">{{ t('intro') }}</p>
      @if (survey().indicatorItems.length === 0) {
        <p>{{ t('none') }}</p>
      } @else {
        <table class="table" data-testid="indicator-items">
          <thead>
            <tr>
              <th scope="col">{{ t('code') }}</th>
              <th scope="col">{{ t('name') }}</th>
              <th scope="col">{{ t('question') }}</th>
              <th scope="col">{{ t('measure') }}</th>
              @if (survey().editable) {
                <th scope="col">
                  <span class="visually-hidden">{{ t('actions') }}</span>
                </th>
              }
            </tr>
          </thead>
          <tbody>
            @for (item of survey().indicatorItems; track item.code; let i = $index) {
              <tr>
                <th scope="row">
                  <code>{{ item.code }}</code>
                </th>
                <td>{{ item.name }}</td>
                <td>{{ questionText(item.question) }}</td>
                <td>{{ measureText(item) }}</td>
                @if (survey().editable) {
                  <td>
                    <div class="actions">
                      <button
                        type="button"
                        class="secondary"
                        [attr.aria-label]="t('edit', { code: item.code })"
                        (click)="editing.set({ index: i, item })"
                      >
                        {{ t('editShort') }}
                      </button>
                      <button
                        type="button"
                        class="secondary"
                        [attr.aria-label]="t('remove', { code: item.code })"
                        [disabled]="busy() || editing() !== null"
                        (click)="remove(i)"
                      >
                        {{ t('removeShort') }}
                      </button>
                    </div>
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      }
      @if (hasForm() && questions().length === 0) {
        <p class="note">{{ t('noQuestions') }}</p>
      }
      @if (editing(); as e) {
        <q-indicator-editor
          [item]="e.item"
          [questions]="questions()"
          [takenCodes]="takenCodes()"
          [refused]="refused()"
          [busy]="busy()"
          (saved)="save($event)"
          (cancelled)="close()"
        />
      } @else if (survey().editable && questions().length > 0) {
        <button type="button" data-testid="add-indicator" (click)="editing.set({ index: null, item: null })">
          {{ t('add') }}
        </button>
      }
      @if (message(); as m) {
        <q-survey-message [message]="m" data-testid="indicator-message" />
      }
    </section>
    <q-indicator-preview [survey]="survey()" />
  `,
  styleUrls: ['../panel-controls.css', '../panel-buttons.css'],
  styles: `
    .table {
      border-collapse: collapse;
      margin: 0.5rem 0 1rem;
    }
    .table th,
    .table td {
      padding: 0.375rem 0.75rem;
      border-bottom: 1px solid #d0d7de;
      text-align: left;
    }
  `,
})
export class IndicatorsPanel {
  private readonly api = inject(SurveyApi);
  private readonly workspace = inject(SurveyWorkspace);
  private readonly i18n = inject(I18n);
  private readonly texts = inject(IndicatorTexts);
  protected readonly t = this.texts.t;

  readonly survey = input.required<SurveyDetail>();

  protected readonly hasForm = computed(() => this.survey().formVersion > 0);
  protected readonly questions = computed(() => {
    const form = this.workspace.loadedForm();
    return form && this.hasForm() ? indicatorQuestions(form, this.survey().areaQuestion) : [];
  });
  protected readonly editing = signal<Editing | null>(null);
  protected readonly takenCodes = computed(() => {
    const index = this.editing()?.index;
    return this.survey()
      .indicatorItems.filter((_, i) => i !== index)
      .map((item) => item.code);
  });
  /** Fields of the edited item the service refused on the last save. */
  protected readonly refused = signal<readonly IndicatorField[]>([]);
  protected readonly busy = signal(false);
  protected readonly message = signal<SurveyMessage | null>(null);

  protected questionText(name: string): string {
    const question = this.questions().find((q) => q.name === name);
    return question ? labelIn(question.label, this.i18n.language(), name) : name;
  }

  /** The measure in words; a share with the answers it counts. */
  protected measureText(item: IndicatorItem): string {
    const measure = this.texts.tk('measure', item.measure);
    if (item.measure !== 'share') return measure;
    const choices = this.questions().find((q) => q.name === item.question)?.choices ?? [];
    const options = item.options.map((name) => {
      const choice = choices.find((c) => c.name === name);
      return choice ? labelIn(choice.label, this.i18n.language(), name) : name;
    });
    return `${measure}: ${options.join(', ')}`;
  }

  protected close(): void {
    this.editing.set(null);
    this.refused.set([]);
  }

  protected save(item: IndicatorItem): Promise<void> {
    const editing = this.editing();
    const items = this.survey().indicatorItems;
    if (!editing) return Promise.resolve();
    const next =
      editing.index === null ? [...items, item] : items.map((old, i) => (i === editing.index ? item : old));
    return this.store(next, editing.index ?? items.length);
  }

  protected remove(index: number): Promise<void> {
    return this.store(
      this.survey().indicatorItems.filter((_, i) => i !== index),
      null,
    );
  }

  /** Saves the whole list; a refusal names the items and fields it concerns, the edited one at its fields. */
  private async store(next: IndicatorItem[], edited: number | null): Promise<void> {
    this.message.set(null);
    this.refused.set([]);
    this.busy.set(true);
    try {
      const survey = await this.api.setIndicatorItems(this.survey().id, next);
      this.workspace.updated(survey);
      this.close();
      this.message.set({
        kind: 'success',
        text: this.t('saved', { n: this.i18n.formatNumber(survey.indicatorItems.length) }),
      });
    } catch (error) {
      const problem = problemFrom(error);
      const refused = refusedItemFields(problem.fields);
      this.refused.set(refused.filter((r) => r.index === edited).map((r) => r.field));
      const others = problem.fields.filter((field) => !field.startsWith('indicatorItems.'));
      this.message.set({
        kind: 'error',
        text: describeProblem({ ...problem, fields: others }, this.i18n.t),
        lines: refused.map((r) =>
          this.t('refusedItem', { code: next[r.index]?.code ?? String(r.index + 1), field: this.t(r.field) }),
        ),
      });
    } finally {
      this.busy.set(false);
    }
  }
}
