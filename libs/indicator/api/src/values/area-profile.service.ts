import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import { areaTrend } from '@quartier/indicator-core';
import { CatalogueService } from '../catalogue/catalogue.service';
import { readScope } from '../common/access';
import { AreaTree } from '../common/area-tree';
import { IndexService } from '../indices/index.service';
import type { AreaProfile } from './area-profile.dto';
import { visibleArea } from './area-value';
import { ValuesService } from './values.service';

/** At most this many indicators: an area page shows key figures, the explorer the rest. */
const KEY_INDICATORS = 12;

/**
 * An area's page in the portal: its key indicators with trend (latest value against the one
 * before, judged by polarity) and its classes in the newest index run at its level. Indicators
 * without a value for the area are left out; manual ones come before network-derived ones.
 */
@Injectable()
export class AreaProfileService {
  constructor(
    private readonly values: ValuesService,
    private readonly catalogue: CatalogueService,
    private readonly indices: IndexService,
    private readonly areas: AreaTree,
  ) {}

  async profile(caller: Caller, areaId: string): Promise<AreaProfile> {
    const { access, tenantId } = caller;
    const tree = await this.areas.of(tenantId);
    const area = visibleArea(tree, readScope(access), areaId);
    const catalogue = await this.catalogue.list(tenantId);
    const ordered = [
      ...catalogue.filter((i) => i.sourceKind === 'manual'),
      ...catalogue.filter((i) => i.sourceKind !== 'manual'),
    ];
    const indicators: AreaProfile['indicators'] = [];
    for (const indicator of ordered) {
      if (indicators.length >= KEY_INDICATORS) break;
      const series = await this.values.series(caller, indicator.code, areaId);
      const trend = areaTrend(series.points, indicator.polarity);
      if (!trend.latest) continue;
      indicators.push({
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        polarity: indicator.polarity,
        ...trend,
      });
    }
    return {
      area: { id: area.id, code: area.code, name: area.name, level: area.level },
      indicators,
      index: await this.indexClasses(caller, areaId, area.level),
    };
  }

  /** The area's classes in the newest run at its level (runs come in period order). */
  private async indexClasses(caller: Caller, areaId: string, level: string): Promise<AreaProfile['index']> {
    const run = (await this.indices.listRuns(caller.tenantId)).filter((r) => r.level === level).at(-1);
    if (!run) return null;
    const result = (await this.indices.results(caller, run.id)).find((r) => r.areaId === areaId);
    if (!result) return null;
    const stored = result.indices as Record<
      string,
      { value: number; class: { code: string; label: string } }
    > | null;
    return {
      run: { id: run.id, label: run.label, period: run.period },
      valid: result.valid,
      classes: run.definition.indices.map((index) => {
        const cell = stored?.[index.id];
        const definition = index.classes.find((c) => c.code === cell?.class.code);
        return {
          index: index.id,
          indexLabel: index.label ?? index.id,
          ...(index.labels ? { indexLabels: index.labels } : {}),
          code: cell?.class.code ?? null,
          label: cell?.class.label ?? null,
          ...(definition?.labels ? { labels: definition.labels } : {}),
          value: cell?.value ?? null,
        };
      }),
    };
  }
}
