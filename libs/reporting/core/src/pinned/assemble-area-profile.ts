import { SECTORS } from '@quartier/contracts';
import type {
  AreaProfileData,
  ImpactGoal,
  IndicatorSeries,
  MeasureSummary,
  NetworkSummary,
  SocialIndexSummary,
  SurveySummary,
} from '../builders/report-data';
import { boundingBox, type MapArea } from '../maps/geo';
import { geodesicAreaKm2 } from '../maps/geodesic-area';
import type { NumberFormat, ReportLanguage } from '../model/report-document';
import { codeLabel, textsFor, type Texts } from '../texts';
import { ROLE_KEYS, STATUS_KEYS } from '../texts/labels.texts';
import { AreaIndex } from './area-index';
import { cityValue, publishedValue, siblingRank } from './indicator-figures';
import {
  labelIn,
  type AreaProfileDataset,
  type PinnedArea,
  type PinnedIndicator,
  type PinnedShare,
} from './pinned-data';

// Turns the pinned data of an area profile (one area or a batch) into the builder's input for
// one area. Everything derived here — ranks among siblings, city values, which survey, network,
// measures and goals concern the area — comes from the pinned data alone.

export interface AssembleOptions {
  language: ReportLanguage;
  /** Datenstand (the gathering time's date), ISO date. */
  asOf: string;
  generatedAt: string;
  pin?: { dataId: string; contentHash: string };
  author?: string;
  /** How many periods back "change" looks (default: the whole gathered series). */
  changePeriods?: number;
}

/** The fields every report opens with: the publishing organisation, author, dates and pin. */
export function reportHeader(organisation: string, options: AssembleOptions) {
  return {
    organisation,
    ...(options.author ? { author: options.author } : {}),
    asOf: options.asOf,
    generatedAt: options.generatedAt,
    ...(options.pin ? { pin: options.pin } : {}),
  };
}

const BROKERS_SHOWN = 5;

export function formatOfUnit(unit: string): NumberFormat {
  if (unit === '%') return { kind: 'percent', digits: 1 };
  if (unit === 'count') return { kind: 'integer' };
  if (unit === 'index') return { kind: 'decimal', digits: 2 };
  return { kind: 'decimal', digits: 1 };
}

function indicatorSeries(
  ix: AreaIndex,
  indicator: PinnedIndicator,
  area: PinnedArea,
  language: ReportLanguage,
) {
  const values = indicator.periods.map((p) => publishedValue(indicator.values[p]?.[area.id]));
  if (values.every((v) => v === null)) return null;
  const top = ix.topLevel();
  const series: IndicatorSeries = {
    code: indicator.code,
    name: labelIn(indicator.name, language),
    format: formatOfUnit(indicator.unit),
    ...(indicator.unit && !['%', 'count', 'index'].includes(indicator.unit) ? { unit: indicator.unit } : {}),
    polarity: indicator.polarity === 'higher-is-better' ? 1 : -1,
    periods: indicator.periods,
    values,
    cityValues: indicator.periods.map((p) => cityValue(indicator, p, top)),
    rank: siblingRank(indicator, indicator.periods.at(-1) as string, area.id, ix.siblings(area)),
  };
  return series;
}

function socialIndex(data: AreaProfileDataset, area: PinnedArea): SocialIndexSummary | null {
  const runs = data.indexRuns
    .filter((r) => r.level === area.level)
    .sort((a, b) => (a.period < b.period ? -1 : 1));
  if (runs.length === 0) return null;
  const label = (cls: { code: string; label: string } | null | undefined) =>
    cls ? `${cls.code} (${cls.label})` : null;
  const latest = runs.at(-1)!;
  return {
    indexName: latest.definitionLabel,
    runLabel: latest.label,
    classLabel: label(latest.classes[area.id]),
    history: runs.map((r) => ({ runLabel: r.label, classLabel: label(r.classes[area.id]) })),
  };
}

const percentOf = (share: PinnedShare | undefined, pick: 'share' | 'lower' | 'upper') =>
  share === undefined
    ? null
    : share === 'suppressed'
      ? ('suppressed' as const)
      : share[pick] === null
        ? null
        : (share[pick] as number) * 100;

function survey(data: AreaProfileDataset, area: PinnedArea): SurveySummary | null {
  const found = data.surveys.find((s) => area.id in s.respondents);
  if (!found) return null;
  const respondents = found.respondents[area.id];
  return {
    title: `${found.title} (${found.wave.name})`,
    respondents: respondents === null ? 'suppressed' : respondents,
    k: found.k,
    highlights: found.items.map((item) => ({
      question: item.label,
      share: percentOf(item.shares[area.id] ?? 'suppressed', 'share'),
      lower: percentOf(item.shares[area.id] ?? 'suppressed', 'lower'),
      upper: percentOf(item.shares[area.id] ?? 'suppressed', 'upper'),
      cityShare: item.total ? percentOf(item.total, 'share') : null,
    })),
  };
}

function network(ix: AreaIndex, data: AreaProfileDataset, area: PinnedArea, t: Texts): NetworkSummary | null {
  // The network of the area itself, of an area above it, or one lying inside it.
  const covering = data.networks.find(
    (n) => n.areaId !== null && (ix.within(area.id, n.areaId) || ix.within(n.areaId, area.id)),
  );
  if (!covering) return null;
  const inArea = covering.actors.filter((a) => a.areaId !== null && ix.within(a.areaId, area.id));
  const actors = covering.areaId !== null && ix.within(covering.areaId, area.id) ? covering.actors : inArea;
  // A network of the district with no actor in this planning area says nothing about it.
  if (actors.length === 0) return null;
  const sectors = new Map<string, number>();
  for (const actor of actors) {
    const sector = codeLabel(t, 'sector', SECTORS, actor.sector ?? 'unknown');
    sectors.set(sector, (sectors.get(sector) ?? 0) + 1);
  }
  const brokers = actors
    .filter((a) => a.role !== null && a.betweenness > 0)
    .sort((a, b) => b.betweenness - a.betweenness)
    .slice(0, BROKERS_SHOWN);
  return {
    wave: t('profile.network.waveOf', { network: covering.name, wave: covering.wave.label }),
    actors: covering.nodes,
    ties: covering.edges,
    density: covering.density,
    actorsBySector: [...sectors].map(([sector, count]) => ({ sector, count })),
    brokers: brokers.map((b) => ({
      name: b.name,
      sector: codeLabel(t, 'sector', SECTORS, b.sector ?? 'unknown'),
      role: codeLabel(t, 'role', ROLE_KEYS, b.role as string),
    })),
  };
}

function measures(ix: AreaIndex, data: AreaProfileDataset, area: PinnedArea, t: Texts): MeasureSummary[] {
  return data.programmes.flatMap((programme) =>
    programme.measures
      .filter((m) => m.areaIds.some((id) => ix.byId.has(id) && ix.within(id, area.id)))
      .map((m) => ({
        title: m.title,
        programme: programme.name,
        status: codeLabel(t, 'status', STATUS_KEYS, m.status),
        budgetCents: m.budgetCents,
        spentCents: m.spentCents,
      })),
  );
}

function impact(ix: AreaIndex, data: AreaProfileDataset, area: PinnedArea) {
  const covers = (id: string) => ix.byId.has(id) && (ix.within(area.id, id) || ix.within(id, area.id));
  const programme = data.programmes.find((p) => p.goals.length > 0 && p.areaIds.some(covers));
  if (!programme) return null;
  const goals: ImpactGoal[] = programme.goals.map((g) => ({
    goal: g.node,
    indicator: g.label,
    format: formatOfUnit(g.unit),
    baseline: g.baseline,
    target: g.target,
    actual: g.actual,
    attainmentPercent: g.attainment === null ? null : g.attainment * 100,
  }));
  return { programme: programme.name, goals };
}

/** Siblings near the area, drawn faintly around it on its map. */
function neighbours(ix: AreaIndex, area: PinnedArea, own: MapArea): MapArea[] {
  const box = boundingBox([own]);
  const padX = (box.east - box.west) * 0.25;
  const padY = (box.north - box.south) * 0.25;
  return ix.mapAreas(ix.siblings(area).filter((s) => s.id !== area.id)).filter((s) => {
    const b = boundingBox([s]);
    return (
      b.west <= box.east + padX &&
      b.east >= box.west - padX &&
      b.south <= box.north + padY &&
      b.north >= box.south - padY
    );
  });
}

function locator(ix: AreaIndex, area: PinnedArea): AreaProfileData['locator'] {
  if (area.parentId && ix.hasGeometry(area.parentId))
    return { parent: ix.mapArea(ix.get(area.parentId)), siblings: ix.mapAreas(ix.siblings(area)) };
  const city = ix.cityArea();
  return city ? { parent: city, siblings: ix.mapAreas(ix.topLevel()) } : undefined;
}

/** The builder input of the profile of `areaId`, from the pinned data alone. */
export function assembleAreaProfile(
  data: AreaProfileDataset,
  areaId: string,
  options: AssembleOptions,
  index?: AreaIndex,
): AreaProfileData {
  const ix = index ?? new AreaIndex(data.tenant, data.areas, data.geometry);
  const t = textsFor(options.language);
  const area = ix.get(areaId);
  const own = ix.mapArea(area);
  const parent = area.parentId ? ix.byId.get(area.parentId) : undefined;
  const indicators = data.indicators
    .map((indicator) => indicatorSeries(ix, indicator, area, options.language))
    .filter((s): s is IndicatorSeries => s !== null);
  return {
    ...reportHeader(data.tenant.name, options),
    area: {
      ...own,
      levelName: ix.levelName(area.level),
      population: area.population,
      sizeKm2: Math.round(geodesicAreaKm2(own.geometry) * 100) / 100,
      parent: parent ? { code: parent.code, name: parent.name } : null,
    },
    children: ix.mapAreas(ix.children(area.id)),
    neighbours: neighbours(ix, area, own),
    locator: locator(ix, area),
    cityName: data.tenant.name,
    indicators,
    ...(options.changePeriods ? { changePeriods: options.changePeriods } : {}),
    socialIndex: data.withheld.includes('index') ? null : socialIndex(data, area),
    survey: survey(data, area),
    withheld: data.withheld,
    network: network(ix, data, area, t),
    measures: measures(ix, data, area, t),
    impact: impact(ix, data, area),
  };
}
