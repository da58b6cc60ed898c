import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  resource,
  signal,
  untracked,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { byAreaCode, RegistryApi, Session, type ProgrammeSchemas } from '@quartier/portal-data-access';
import { ConfirmedSubmission, districtAreas, SubmissionNotices } from '@quartier/portal-ui';
import { CLASS_COLORS, type MapArea, ProgrammeMap } from '../area-map/area-map';
import { type Programme, ProgrammeWorkspace } from '../programme-workspace';
import {
  buildRule,
  choicesOf,
  type ClauseChoice,
  classIndexKeys,
  describeRule,
  type SelectionRule,
  toggleClass,
} from '../selection-rule';
import { ProgrammeTexts } from '../texts';

type Preview = ProgrammeSchemas['AreaPreviewDto_Output'];
type Resolution = Preview['resolution'];
interface ManualChange {
  action: 'add' | 'remove';
  areaId: string;
  reason: string;
}

/**
 * Programme areas from an index run: a rule built with checkboxes ("status 4, or 3 with
 * dynamics −", within a district), manual additions and removals with reasons, a preview that
 * says why each area is in or out (map and table), accept; and a newer run's pending changes.
 */
@Component({
  selector: 'q-areas-panel',
  imports: [FormsModule, NgTemplateOutlet, ProgrammeMap, SubmissionNotices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './areas-panel.html',
  styleUrl: '../programme.scss',
})
export class AreasPanel {
  private readonly workspace = inject(ProgrammeWorkspace);
  private readonly registry = inject(RegistryApi);
  private readonly session = inject(Session);
  protected readonly texts = inject(ProgrammeTexts);
  protected readonly t = this.texts.t;
  protected readonly problem = this.workspace.problem;
  readonly programme = input.required<Programme>();

  private readonly path = computed(() => ({ path: { programmeId: this.programme().id } }));
  protected readonly runs = this.workspace.part(this.programme, 'index-runs');
  protected readonly current = this.workspace.part(this.programme, 'areas');
  protected readonly pending = resource({
    params: () => this.current.value()?.selection?.id,
    loader: () =>
      this.workspace.api.get('/api/programme/programmes/{programmeId}/areas/pending', this.path()),
  });
  /** The newer run's changes, entering then leaving, each under its heading; null without a diff. */
  protected readonly pendingSides = computed(() => {
    const diff = this.pending.value()?.diff;
    if (!diff) return null;
    return [
      { heading: 'entering', changes: diff.entering },
      { heading: 'leaving', changes: diff.leaving },
    ] as const;
  });
  /** Districts (the first two levels) a rule can be limited to. */
  protected readonly scopes = districtAreas(this.session.levels, (level) =>
    this.registry.areas({ level, limit: 500 }),
  );

  protected readonly runId = signal<string>('');
  protected readonly clauses = signal<ClauseChoice[]>(choicesOf(null).clauses);
  protected withinAreaId = '';
  protected readonly changes = signal<ManualChange[]>([]);
  protected newChange: ManualChange = { action: 'add', areaId: '', reason: '' };
  protected comment = '';
  protected readonly preview = signal<Preview | null>(null);
  protected readonly submission = new ConfirmedSubmission(this.workspace.problem);
  protected readonly busy = this.submission.busy;

  protected readonly candidates = resource({
    params: () => this.runId() || undefined,
    loader: ({ params }) =>
      this.workspace.api.get('/api/programme/programmes/{programmeId}/candidates', {
        path: { programmeId: this.programme().id },
        query: { runId: params },
      }),
  });
  protected readonly run = computed(
    () => this.runs.value()?.items.find((r) => r.id === this.runId()) ?? null,
  );
  protected readonly classKeys = computed(() => classIndexKeys(this.run()?.classes ?? {}));
  protected readonly statusClasses = computed(() => this.run()?.classes[this.classKeys().status ?? ''] ?? []);
  protected readonly dynamicsClasses = computed(
    () => this.run()?.classes[this.classKeys().dynamics ?? ''] ?? [],
  );
  /** The classes a clause picks from: the status classes, and the dynamics classes where the run has them. */
  protected readonly classGroups = computed(() =>
    (
      [
        { kind: 'statusClasses', label: 'statusClass', classes: this.statusClasses() },
        { kind: 'dynamicsClasses', label: 'dynamicsClass', classes: this.dynamicsClasses() },
      ] as const
    ).filter((group) => group.kind === 'statusClasses' || group.classes.length > 0),
  );
  protected readonly ruleText = computed(() =>
    describeRule(this.clauses(), {
      status: this.t('word.status'),
      dynamics: this.t('word.dynamics'),
      or: this.t('word.or'),
      with: this.t('word.with'),
    }),
  );
  protected readonly candidateAreas = computed(() =>
    [...(this.candidates.value()?.areas ?? [])].sort(byAreaCode),
  );
  protected readonly areaNames = computed(
    () => new Map(this.candidateAreas().map((a) => [a.areaId, `${a.code} ${a.name ?? ''}`.trim()])),
  );

  protected readonly geometry = resource({
    params: () => this.run()?.level,
    loader: ({ params }) => this.workspace.geometry(params),
  });
  protected readonly mapAreas = computed(() => {
    const colors = new Map(
      this.statusClasses().map((c, i) => [c.code, CLASS_COLORS[Math.min(i, CLASS_COLORS.length - 1)]]),
    );
    const selected = new Set((this.preview()?.resolution.areas ?? []).map((a) => a.areaId));
    const out = new Map<string, MapArea>();
    for (const area of this.candidateAreas())
      out.set(area.areaId, {
        color: area.statusClass ? (colors.get(area.statusClass) ?? '#cccccc') : '#ffffff',
        text: `${this.t('word.status')} ${area.statusClass ?? '–'}, ${this.t('word.dynamics')} ${area.dynamicsClass ?? '–'}`,
        highlighted: selected.has(area.areaId),
      });
    return out;
  });

  constructor() {
    // Start from the accepted selection (or the newest run with Berlin's default rule).
    effect(() => {
      const current = this.current.value();
      const runs = this.runs.value();
      if (!current || !runs || untracked(this.runId)) return;
      const stored = current.selection;
      const choices = choicesOf((stored?.rule as SelectionRule | null) ?? null);
      this.runId.set(stored?.run?.id ?? runs.items[0]?.id ?? '');
      this.clauses.set(choices.clauses);
      this.withinAreaId = choices.withinAreaId ?? '';
      this.changes.set(
        (stored?.changes ?? []).map((c) => ({ action: c.action, areaId: c.areaId, reason: c.reason })),
      );
    });
  }

  protected chooseRun(id: string): void {
    this.runId.set(id);
    this.preview.set(null);
  }

  protected toggle(
    index: number,
    kind: 'statusClasses' | 'dynamicsClasses',
    code: string,
    on: boolean,
  ): void {
    this.clauses.update((clauses) => toggleClass(clauses, index, kind, code, on));
    this.preview.set(null);
  }

  protected addClause(): void {
    this.clauses.update((clauses) => [...clauses, { statusClasses: [], dynamicsClasses: [] }]);
  }

  protected removeClause(index: number): void {
    this.clauses.update((clauses) => clauses.filter((_, i) => i !== index));
    this.preview.set(null);
  }

  protected addChange(): void {
    const change = { ...this.newChange, reason: this.newChange.reason.trim() };
    if (!change.areaId || !change.reason) return;
    this.changes.update((changes) => [...changes.filter((c) => c.areaId !== change.areaId), change]);
    this.newChange = { action: 'add', areaId: '', reason: '' };
    this.preview.set(null);
  }

  protected removeChange(areaId: string): void {
    this.changes.update((changes) => changes.filter((c) => c.areaId !== areaId));
    this.preview.set(null);
  }

  protected async runPreview(): Promise<void> {
    await this.submission.run(async () => {
      this.preview.set(
        await this.workspace.api.post('/api/programme/programmes/{programmeId}/areas/preview', {
          ...this.path(),
          body: this.selection(),
        }),
      );
    });
  }

  protected async accept(): Promise<void> {
    await this.submission.run(async () => {
      const result = await this.workspace.api.put('/api/programme/programmes/{programmeId}/areas', {
        ...this.path(),
        body: this.selection(),
      });
      this.current.value.set(result);
      this.submission.message.set(this.t('accepted', { count: this.texts.count(result.areas.length) }));
      this.preview.set(null);
      this.workspace.programme.reload();
      this.pending.reload();
    });
  }

  /** The stored rule and changes over the newer run become the programme areas. */
  protected async acceptPending(newerRunId: string): Promise<void> {
    const stored = this.current.value()?.selection;
    if (!stored) return;
    await this.submission.run(async () => {
      const result = await this.workspace.api.put('/api/programme/programmes/{programmeId}/areas', {
        ...this.path(),
        body: {
          runId: newerRunId,
          rule: stored.rule,
          changes: stored.changes.map((c) => ({ action: c.action, areaId: c.areaId, reason: c.reason })),
          comment: stored.comment,
        },
      });
      this.current.value.set(result);
      this.runId.set(newerRunId);
      this.pending.reload();
      this.submission.message.set(this.t('accepted', { count: this.texts.count(result.areas.length) }));
    });
  }

  /** Why a run area is in or out, in the page's language (arrow functions: the area table's template calls them unbound). */
  protected readonly whyIn = (area: Resolution['areas'][number]): string =>
    area.matchedClauses.length > 0
      ? this.t('whyClause', { clauses: area.matchedClauses.map((i) => i + 1).join(', ') })
      : this.t('whyAdded', { reason: area.addition?.reason ?? '' });

  protected readonly whyOut = (area: Resolution['notSelected'][number]): string =>
    this.texts.tk('why', area.reason, { reason: area.removal?.reason ?? '' });

  private selection() {
    const rule = buildRule(this.clauses(), { withinAreaId: this.withinAreaId || null });
    return {
      runId: rule ? this.runId() || null : null,
      rule,
      changes: this.changes(),
      comment: this.comment.trim(),
    };
  }
}
