import type {
  PinnedAttainment,
  PinnedBinding,
  PinnedGoal,
  PinnedProgrammeSummary,
} from '@quartier/reporting-core';
import type { z } from 'zod';
import {
  attainmentSchema,
  dashboardSchema,
  measureListSchema,
  programmeListSchema,
} from '../upstream/upstream.schemas';
import { inParallel, type Gathering } from './gathering';

// Programmes, their measures and the programme impact model's attainment, as the programme
// service answers the reader (only the measures they may read, attainment computed live there).

type AttainmentPoint = z.infer<
  typeof attainmentSchema
>['items'][number]['nodes'][number]['bindings'][number]['current'];
type Attainment = z.infer<typeof attainmentSchema>;

export function pinAttainment(point: AttainmentPoint): PinnedAttainment {
  const actual = point.actual;
  return {
    period: actual?.period ?? null,
    actual: actual?.status === 'value' ? actual.value : actual?.status === 'suppressed' ? 'suppressed' : null,
    capped: point.capped,
    light: point.light,
  };
}

/** The bound nodes of the programme's own model (measure models are left to the measures). */
export function programmeBindings(
  attainment: Attainment,
  unitOf: (code: string | undefined) => string,
): { nodeId: string; title: string; type: string; step: number | null; bindings: PinnedBinding[] }[] {
  const model = attainment.items.find((m) => m.measureId === null);
  return (model?.nodes ?? []).map((node) => ({
    nodeId: node.nodeId,
    title: node.title,
    type: node.type,
    step: node.step,
    bindings: node.bindings.map((b) => ({
      label: b.binding.label ?? b.binding.source.indicatorCode ?? node.title,
      unit: b.binding.source.kind === 'indicator' ? unitOf(b.binding.source.indicatorCode) : '',
      baseline: b.binding.baseline,
      target: b.binding.target,
      current: pinAttainment(b.current),
      series: b.series.map(pinAttainment),
    })),
  }));
}

export async function gatherProgrammes(
  g: Gathering,
  relevant: (areaId: string) => boolean,
  unitOf: (code: string | undefined) => string,
): Promise<PinnedProgrammeSummary[]> {
  const list = await g.client.get('programme', '/api/programme/programmes', programmeListSchema, {
    limit: 500,
  });
  const programmes = await inParallel(
    list.items.map((programme) => async (): Promise<PinnedProgrammeSummary | null> => {
      const base = `/api/programme/programmes/${programme.id}`;
      const [measures, dashboard] = await Promise.all([
        g.client.get('programme', `${base}/measures`, measureListSchema, { limit: 1000 }),
        g.client.get('programme', `${base}/dashboard`, dashboardSchema),
      ]);
      const areaIds = dashboard.areas.map((a) => a.id);
      const related = measures.items.filter((m) => m.areas.some((a) => relevant(a.id)));
      if (related.length === 0 && !areaIds.some(relevant)) return null;
      // Only a programme the profile shows needs its attainment.
      const attainment = await g.client.get('programme', `${base}/attainment`, attainmentSchema);
      const goals: PinnedGoal[] = programmeBindings(attainment, unitOf).flatMap((node) =>
        node.bindings.map((b) => ({
          node: node.title,
          label: b.label,
          unit: b.unit,
          baseline: b.baseline.value,
          target: b.target.value,
          actual: b.current.actual,
          attainment: b.current.capped,
        })),
      );
      return {
        id: programme.id,
        name: programme.name,
        areaIds,
        measures: related.map((m) => ({
          title: m.title,
          status: m.status,
          budgetCents: m.budgetCents,
          spentCents: m.spentCents,
          areaIds: m.areas.map((a) => a.id),
        })),
        goals,
      };
    }),
    2,
  );
  return programmes.filter((p): p is PinnedProgrammeSummary => p !== null);
}
