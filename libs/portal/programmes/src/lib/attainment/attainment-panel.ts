import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ProgrammeSchemas } from '@quartier/portal-data-access';
import { Loaded } from '@quartier/portal-ui';
import { lightCounts, sparklinePoints, statusKey } from '../attainment-view';
import { type Programme, ProgrammeWorkspace } from '../programme-workspace';
import { ProgrammeTexts, type ProgrammeTextKey } from '../texts';
import { Sparkline } from './sparkline';

type ModelAttainment = ProgrammeSchemas['AttainmentDto_Output']['items'][number];
type BindingAttainment = ModelAttainment['nodes'][number]['bindings'][number];

/**
 * Attainment of every evidence binding: a traffic light with its meaning in words, raw and
 * capped attainment, the actual with period and source, a sparkline of the actuals, and the
 * whole calculation as text on focus and hover (title and a describing paragraph).
 */
@Component({
  selector: 'q-attainment-panel',
  imports: [Loaded, Sparkline],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './attainment-panel.html',
  styleUrl: '../programme.scss',
  styles: `
    tr:focus-within .explain,
    tr:hover .explain,
    tr:focus .explain {
      display: block;
    }
    .explain {
      display: none;
      font-size: 0.875rem;
      color: #1b1f24;
      margin: 0.25rem 0 0;
    }
    tr:focus {
      outline: 3px solid #1f5fa8;
    }
  `,
})
export class AttainmentPanel {
  private readonly workspace = inject(ProgrammeWorkspace);
  protected readonly texts = inject(ProgrammeTexts);
  protected readonly t = this.texts.t;
  protected readonly problem = this.workspace.problem;
  readonly programme = input.required<Programme>();

  protected readonly attainment = this.workspace.part(this.programme, 'attainment');
  protected readonly rows = computed(() =>
    (this.attainment.value()?.items ?? []).flatMap((model) =>
      model.nodes.flatMap((node) =>
        node.bindings.map((b) => ({
          model,
          node,
          b,
          key: `${model.modelId}/${node.nodeId}/${b.binding.id}`,
        })),
      ),
    ),
  );
  protected readonly counts = computed(() => lightCounts(this.rows().map((r) => r.b.current)));

  protected status(b: BindingAttainment): string {
    return this.t(statusKey(b.current) as ProgrammeTextKey);
  }

  protected lightClass(b: BindingAttainment): string {
    return `light light--${b.current.light ?? 'none'}`;
  }

  protected points(b: BindingAttainment) {
    return sparklinePoints(b.series);
  }

  protected actual(b: BindingAttainment): string {
    const a = b.current.actual;
    if (!a) return '–';
    if (a.status === 'value') return this.texts.number(a.value, 3);
    return a.status === 'suppressed' ? this.t('state.suppressed') : '–';
  }

  protected period(b: BindingAttainment): string {
    return b.current.actual?.period ?? '–';
  }

  protected sourceText(b: BindingAttainment): string {
    const s = b.binding.source;
    if (s.kind === 'indicator') return `${this.t('source.indicator')} ${s.indicatorCode}`;
    if (s.kind === 'survey') return `${this.t('source.survey')} ${s.question}`;
    return `${this.t('source.network')} ${s.measure.metric}`;
  }

  /** The calculation in words, shown on focus and hover and read by screen readers. */
  protected explanation(b: BindingAttainment): string {
    const c = b.current;
    const base = {
      baseline: this.texts.number(c.baseline.value, 3),
      baselinePeriod: c.baseline.period,
      target: this.texts.number(c.target.value, 3),
      targetDate: this.texts.date(c.target.date),
    };
    if (c.state === 'measured' && c.actual?.status === 'value')
      return this.t('explain', {
        ...base,
        actual: this.texts.number(c.actual.value, 3),
        period: c.actual.period,
        raw: this.texts.percent(c.raw),
        capped: this.texts.percent(c.capped),
        origin: c.actual.origin ?? this.sourceText(b),
      });
    return this.t('explainNone', { ...base, state: this.status(b) });
  }
}
