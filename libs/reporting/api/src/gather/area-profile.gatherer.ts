import {
  AreaIndex,
  PINNED_DATA_VERSION,
  type AreaGeometry,
  type AreaProfileDataset,
  type PinnedArea,
} from '@quartier/reporting-core';
import { gatherNetworks, gatherSurveys } from './context-topics';
import { inParallel, type Gathering } from './gathering';
import { gatherIndexRuns, gatherIndicators } from './indicator-topics';
import { gatherProgrammes } from './programme-topics';

export interface AreaProfileRequest {
  /** The areas to profile (one, or every area of a level the reader may see). */
  subjectIds: readonly string[];
  level: string;
  /** How many of the latest periods each indicator shows (trend and change). */
  periods: number;
}

/** Areas a set of profiles mentions: subjects, their children, parents, siblings, top level. */
function mentionedAreas(ix: AreaIndex, subjects: readonly PinnedArea[]): Set<string> {
  const ids = new Set<string>(ix.topLevel().map((a) => a.id));
  for (const area of subjects) {
    for (const id of ix.pathOf(area.id)) ids.add(id);
    for (const child of ix.children(area.id)) ids.add(child.id);
    for (const sibling of ix.siblings(area)) ids.add(sibling.id);
  }
  return ids;
}

/**
 * Gathers everything the profiles of `request.subjectIds` need, with one call per kind of data
 * (per indicator and period for values), so a batch of hundreds costs about what one does.
 */
export async function gatherAreaProfile(
  g: Gathering,
  request: AreaProfileRequest,
): Promise<AreaProfileDataset> {
  const tenant = await g.tenant();
  const areas = await g.areas(tenant.levels.map((l) => l.key));
  const rank = tenant.levels.find((l) => l.key === request.level)?.rank ?? 0;
  const topLevel = tenant.levels[0]?.key ?? request.level;
  const ix = new AreaIndex(tenant, areas, {});
  const subjects = request.subjectIds.map((id) => ix.get(id));
  const keep = mentionedAreas(ix, subjects);
  const subtree = (id: string) => subjects.some((s) => ix.within(id, s.id) || ix.within(s.id, id));
  const single = subjects.length === 1 ? subjects[0] : null;
  const levelAt = (offset: number) => tenant.levels.find((l) => l.rank === rank + offset)?.key;
  // One profile reads only its own corner of the map (siblings, children, parent); a batch
  // reads whole levels once.
  const shapes: { level: string; parent?: string }[] = single
    ? [
        { level: single.parentId ? request.level : topLevel, parent: single.parentId ?? undefined },
        ...(levelAt(1) ? [{ level: levelAt(1) as string, parent: single.id }] : []),
        ...(single.parentId && levelAt(-1)
          ? [{ level: levelAt(-1) as string, parent: ix.get(single.parentId).parentId ?? undefined }]
          : []),
      ]
    : [...new Set([levelAt(-1), request.level, levelAt(1), topLevel])]
        .filter((l): l is string => l !== undefined)
        .map((level) => ({ level }));

  const [geometries, indicators, indexRuns, surveys, networks, programmes] = await Promise.all([
    inParallel(shapes.map((shape) => () => g.geometry(shape.level, keep, shape.parent))),
    g.topic('indicators', [], () =>
      gatherIndicators(g, {
        levels: [...new Set([request.level, topLevel])],
        keep,
        periods: request.periods,
        ...(single ? { parentOf: { level: request.level, parentId: single.parentId } } : {}),
      }),
    ),
    g.topic('index', [], () => gatherIndexRuns(g, new Set([request.level]), keep)),
    g.topic('survey', [], () => gatherSurveys(g, keep)),
    g.topic('network', [], () => gatherNetworks(g, subtree)),
    g.topic('programme', [], async () => {
      const catalogue = await g.indicatorCatalogue();
      const unitOf = (code: string | undefined) => catalogue.find((i) => i.code === code)?.unit ?? '';
      return gatherProgrammes(g, subtree, unitOf);
    }),
  ]);
  const geometry: Record<string, AreaGeometry> = Object.assign({}, ...geometries);
  return {
    version: PINNED_DATA_VERSION,
    kind: 'area-profile',
    tenant,
    subjectIds: [...request.subjectIds],
    // All areas: small, and measures or actors deep below a district still find their place.
    areas,
    geometry,
    indicators,
    indexRuns,
    surveys,
    networks,
    programmes,
    withheld: [...g.withheld].sort(),
  };
}
