import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { byAreaCode, type AreaFeatureCollection } from '@quartier/portal-data-access';
import {
  ChoiceSelect,
  ConfirmedSubmission,
  HighlightMap,
  highlightAreas,
  keyChoices,
  type HighlightMapArea,
  type HighlightMapPaint,
  Notice,
  RadioGroup,
  SubmissionNotices,
  TableDownload,
  type TableRows,
} from '@quartier/portal-ui';
import { EvaluationWorkspace, type Evaluation, type Results } from '../evaluation-workspace';
import { areaRoles, MAP_ROLES, ROLE_COLORS, roleCounts, type MapRole } from '../map-roles';
import { succeeded } from '../numbers';
import { EvaluationTexts, type EvaluationTextKey } from '../texts';
import { comparisonPoolText } from './comparison-pool';

/** Grey outlines and black for the evaluated areas: the role fills include a dark blue. */
const MAP_PAINT: HighlightMapPaint = { opacity: 0.9, outline: '#5b6670', highlight: '#000000' };

interface AreaOption {
  id: string;
  code: string;
  name: string;
}

/**
 * Comparison areas: the map with its legend, the areas in use, dropping and adding with a reason,
 * the pairs. The map fills every area of the evaluated level by its role (evaluated, comparison,
 * candidate, other), outlines the evaluated ones thickly and is fitted to the areas with a role;
 * the legend and the comparison table beside it say the same for screen readers and keyboards.
 */
@Component({
  selector: 'q-comparison-section',
  imports: [ChoiceSelect, FormsModule, HighlightMap, Notice, RadioGroup, TableDownload, SubmissionNotices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './comparison-section.html',
  styleUrl: './comparison-section.scss',
})
export class ComparisonSection {
  protected readonly workspace = inject(EvaluationWorkspace);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly evaluation = input.required<Evaluation>();
  readonly results = input.required<Results>();

  protected readonly roleList = MAP_ROLES;
  protected readonly colors = ROLE_COLORS;
  protected readonly mapPaint = MAP_PAINT;
  protected readonly collection = signal<AreaFeatureCollection | null>(null);
  protected readonly action = signal<'drop' | 'add'>('drop');
  protected readonly actionChoices = keyChoices(['drop', 'add'] as const, 'adjust', this.texts.tk);
  protected areaId = '';
  protected reason = '';
  protected readonly submission = new ConfirmedSubmission(this.workspace.problem);
  protected readonly busy = this.submission.busy;

  protected readonly matching = computed(() => this.results().numbers.matching);
  protected readonly matchingError = computed(() => this.texts.failed(this.matching()));
  protected readonly poolText = computed(() =>
    comparisonPoolText(this.results().comparisonPool, this.t, this.texts.locale()),
  );
  protected readonly pairs = computed(() => succeeded(this.matching())?.pairs ?? []);
  protected readonly roles = computed(() =>
    areaRoles({ areas: this.results().areas, candidates: succeeded(this.matching())?.candidates ?? null }),
  );
  protected readonly counts = computed(() =>
    roleCounts(this.roles(), this.collection()?.features.length ?? this.roles().size),
  );
  protected readonly roleNames = computed(
    () =>
      Object.fromEntries(MAP_ROLES.map((r) => [r, this.t(`role.${r}` as EvaluationTextKey)])) as Record<
        MapRole,
        string
      >,
  );
  protected readonly mapLabel = computed(() =>
    this.t(
      'mapLabel',
      Object.fromEntries(Object.entries(this.counts()).map(([role, n]) => [role, this.texts.count(n)])),
    ),
  );
  protected readonly mapAreas = computed((): HighlightMapArea[] | null => {
    const collection = this.collection();
    if (!collection) return null;
    const roles = this.roles();
    const names = this.roleNames();
    return highlightAreas(collection, (area) => {
      const role = roles.get(area.code) ?? 'other';
      return {
        color: ROLE_COLORS[role],
        text: names[role],
        highlighted: role === 'treated',
        focus: role !== 'other',
      };
    });
  });
  /** The roles present, in the legend's order, for the map's SVG download. */
  protected readonly mapLegend = computed(() => {
    const present = new Set(this.roles().values());
    return MAP_ROLES.filter((role) => present.has(role)).map((role) => ({
      color: ROLE_COLORS[role],
      label: this.roleNames()[role],
    }));
  });
  private readonly byCode = computed(() => {
    const features = this.collection()?.features ?? [];
    return new Map(
      features.map((f) => [
        f.properties.code,
        { id: f.properties.id, code: f.properties.code, name: f.properties.name },
      ]),
    );
  });
  private readonly byId = computed(() => new Map([...this.byCode().values()].map((a) => [a.id, a])));
  protected readonly comparison = computed(() => {
    const names = new Map(this.results().areas.map((a) => [a.code, a]));
    return this.results().numbers.comparison.map((c) => ({
      ...c,
      name: names.get(c.area)?.name ?? '',
      id: names.get(c.area)?.id ?? null,
    }));
  });
  /** The comparison areas as shown, for their CSV/XLSX download. */
  protected readonly comparisonRows = computed<TableRows>(() => [
    [this.t('code'), this.t('name'), this.t('origin'), this.t('weight')],
    ...this.comparison().map((c) => [c.area, c.name, this.texts.tk('origin', c.origin), c.weight]),
  ]);
  /** Drop: the comparison areas in use; add: candidates (or, without matching, any other area of the level). */
  protected readonly options = computed<AreaOption[]>(() => {
    if (this.action() === 'drop')
      return this.comparison().flatMap((c) => (c.id ? [{ id: c.id, code: c.area, name: c.name }] : []));
    const roles = this.roles();
    const pool = [...this.byCode().values()].filter((a) => {
      const role = roles.get(a.code) ?? 'other';
      return this.matching() ? role === 'candidate' : role === 'other';
    });
    return pool.sort(byAreaCode);
  });
  /** The areas offered, as the choices of the area select. */
  protected readonly areaChoices = computed(() =>
    this.options().map((a) => ({ value: a.id, label: `${a.code} ${a.name}` })),
  );
  protected readonly adjustments = computed(() =>
    this.evaluation().design.adjustments.map((a) => ({ ...a, area: this.byId().get(a.areaId) })),
  );

  constructor() {
    effect(() => {
      const level = this.results().areas.find((a) => a.role === 'treated')?.level;
      if (!level) return;
      this.workspace.geometry(level).then(
        (collection) => this.collection.set(collection),
        (error: unknown) => this.submission.error.set(this.workspace.problem(error)),
      );
    });
  }

  protected setAction(action: 'drop' | 'add'): void {
    this.action.set(action);
    this.areaId = '';
  }

  protected async adjust(): Promise<void> {
    await this.submission.run(async () => {
      const updated = await this.workspace.api.post(
        '/api/evaluation/evaluations/{evaluationId}/comparison-adjustments',
        {
          path: { evaluationId: this.evaluation().id },
          body: { action: this.action(), areaId: this.areaId, reason: this.reason.trim() },
        },
      );
      this.areaId = '';
      this.reason = '';
      this.workspace.update(updated);
      this.submission.message.set(this.t('saved'));
    });
  }
}
