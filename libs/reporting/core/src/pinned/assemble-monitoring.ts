import type { MonitoringIndex, MonitoringReportData } from '../builders/monitoring-data';
import type { AreaGeometry } from '../maps/geo';
import type { ReportLanguage } from '../model/report-document';
import { AreaIndex } from './area-index';
import { reportHeader, type AssembleOptions } from './assemble-area-profile';
import {
  labelIn,
  type Label,
  type PinnedArea,
  type PinnedClass,
  type PinnedTenant,
  PINNED_DATA_VERSION,
} from './pinned-data';

// The pinned data of a monitoring report (one index run of the tenant, as the reader sees it)
// and its assembly into the builder's input.

export interface PinnedIndexDefinition {
  id: string;
  label?: string;
  population: string;
  minPopulation?: number;
  excludeAreas?: string[];
  indices: {
    id: string;
    label?: string;
    indicators: string[];
    weights?: Record<string, number>;
    polarity?: Record<string, 1 | -1>;
    classes: { code: string; label: string; upTo?: number; inclusive?: boolean }[];
  }[];
}

export interface PinnedMover {
  areaId: string;
  code: string;
  name: string;
  from: { class: string | null; label: string | null };
  to: { class: string | null; label: string | null };
  direction: 'better' | 'worse' | 'validity-changed';
}

export interface PinnedRunIndex {
  id: string;
  /** area id → class (null: not classified); only areas the reader sees. */
  classes: Record<string, PinnedClass | null>;
  /** area id → index value (z-standardised). */
  values: Record<string, number | null>;
  /** Movers since the previous run; null without a previous run of this index. */
  movers: PinnedMover[] | null;
}

export interface MonitoringDataset {
  version: typeof PINNED_DATA_VERSION;
  kind: 'monitoring-report';
  tenant: PinnedTenant;
  areas: PinnedArea[];
  geometry: Record<string, AreaGeometry>;
  run: {
    id: string;
    label: string;
    period: string;
    level: string;
    definition: PinnedIndexDefinition;
    areaCount: number;
    validAreaCount: number;
  };
  previousRun: { id: string; label: string; period: string } | null;
  indices: PinnedRunIndex[];
  /** Names of the definition's indicators, from the catalogue. */
  indicatorNames: Record<string, Label>;
}

function monitoringIndex(
  data: MonitoringDataset,
  ix: AreaIndex,
  pinned: PinnedRunIndex,
  language: ReportLanguage,
): MonitoringIndex {
  const definition = data.run.definition.indices.find((i) => i.id === pinned.id);
  const layout = definition?.classes ?? [];
  const visible = Object.entries(pinned.classes);
  const classOf: Record<string, string | null> = {};
  for (const [areaId, cls] of visible) {
    const area = ix.byId.get(areaId);
    if (area) classOf[area.code] = cls?.code ?? null;
  }
  return {
    id: pinned.id,
    label: definition?.label ?? pinned.id,
    classes: layout.map((c) => ({
      code: c.code,
      label: c.label,
      count: visible.filter(([, cls]) => cls?.code === c.code).length,
    })),
    classOf,
    movers:
      pinned.movers?.map((m) => ({
        code: m.code,
        name: m.name,
        from: m.from.class === null ? null : `${m.from.class} ${m.from.label ?? ''}`.trim(),
        to: m.to.class === null ? null : `${m.to.class} ${m.to.label ?? ''}`.trim(),
        direction: m.direction,
      })) ?? null,
    method: {
      indicators: (definition?.indicators ?? []).map((code) => ({
        code,
        name: data.indicatorNames[code] ? labelIn(data.indicatorNames[code], language) : code,
        polarity: definition?.polarity?.[code] ?? 1,
        weight: definition?.weights?.[code] ?? 1,
      })),
      thresholds: layout.map((c) => ({
        code: c.code,
        label: c.label,
        upTo: c.upTo ?? null,
        inclusive: c.inclusive ?? false,
      })),
    },
  };
}

/** The builder input of the monitoring report, from the pinned data alone. */
export function assembleMonitoringReport(
  data: MonitoringDataset,
  options: AssembleOptions,
): MonitoringReportData {
  const ix = new AreaIndex(data.tenant, data.areas, data.geometry);
  const indices = data.indices.map((pinned) => monitoringIndex(data, ix, pinned, options.language));
  // The reader's areas of the run's level: those with a result (a class or "not classified").
  const shown = data.areas
    .filter((a) => a.level === data.run.level && data.indices.some((i) => a.id in i.classes))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const districtOf = (area: PinnedArea) => ix.byId.get(ix.pathOf(area.id)[0]) ?? area;
  const districts = new Map<
    string,
    { code: string; name: string; rows: MonitoringReportData['districts'][number]['rows'] }
  >();
  for (const area of shown) {
    const district = districtOf(area);
    const entry = districts.get(district.id) ?? { code: district.code, name: district.name, rows: [] };
    entry.rows.push({
      code: area.code,
      name: area.name,
      population: area.population,
      valid: data.indices.some((i) => i.classes[area.id]),
      classes: data.indices.map((i) => {
        const cls = i.classes[area.id];
        return cls ? `${cls.code} ${cls.label}` : null;
      }),
      values: data.indices.map((i) => i.values[area.id] ?? null),
    });
    districts.set(district.id, entry);
  }
  const outlineIds = new Set(shown.map((a) => districtOf(a).id));
  const definition = data.run.definition;
  return {
    ...reportHeader(data.tenant.name, options),
    cityName: data.tenant.name,
    run: {
      label: data.run.label,
      period: data.run.period,
      levelName: ix.levelName(data.run.level),
      definitionLabel: definition.label ?? definition.id,
      areaCount: shown.length,
      validAreaCount: shown.filter((a) => data.indices.some((i) => i.classes[a.id])).length,
    },
    previousRun: data.previousRun ? { label: data.previousRun.label, period: data.previousRun.period } : null,
    indices,
    mapAreas: ix.mapAreas(shown),
    outlines: ix.mapAreas([...outlineIds].map((id) => ix.get(id))),
    districts: [...districts.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
    methods: {
      populationIndicator: definition.population ?? null,
      minPopulation: definition.minPopulation ?? null,
      excludedAreas: definition.excludeAreas ?? [],
    },
  };
}
