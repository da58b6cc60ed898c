import type { AreaGeometry, MapArea } from '../maps/geo';
import { ReportingError } from '../reporting-error';
import type { PinnedArea, PinnedTenant } from './pinned-data';

/** The tenant's area hierarchy as pinned: lookups by id, children, ancestry, map areas. */
export class AreaIndex {
  readonly byId = new Map<string, PinnedArea>();
  private readonly childrenOf = new Map<string | null, PinnedArea[]>();

  constructor(
    readonly tenant: PinnedTenant,
    areas: readonly PinnedArea[],
    private readonly geometry: Readonly<Record<string, AreaGeometry>>,
  ) {
    const sorted = [...areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    for (const area of sorted) {
      this.byId.set(area.id, area);
      const siblings = this.childrenOf.get(area.parentId) ?? [];
      siblings.push(area);
      this.childrenOf.set(area.parentId, siblings);
    }
  }

  get(id: string): PinnedArea {
    const area = this.byId.get(id);
    if (!area) throw new ReportingError('InvalidReportData', `area ${id} is not in the pinned data`);
    return area;
  }

  children(id: string | null): PinnedArea[] {
    return this.childrenOf.get(id) ?? [];
  }

  /** The areas sharing the area's parent (itself included); the top level for a district. */
  siblings(area: PinnedArea): PinnedArea[] {
    return this.children(area.parentId).filter((s) => s.level === area.level);
  }

  topLevel(): PinnedArea[] {
    return this.children(null);
  }

  /** Ancestor ids, root first, then the area itself. */
  pathOf(id: string): string[] {
    const path: string[] = [];
    let current = this.byId.get(id);
    while (current) {
      path.unshift(current.id);
      current = current.parentId ? this.byId.get(current.parentId) : undefined;
    }
    return path;
  }

  /** Whether `id` is `rootId` or lies below it. */
  within(id: string, rootId: string): boolean {
    return this.pathOf(id).includes(rootId);
  }

  levelName(key: string): string {
    return this.tenant.levels.find((l) => l.key === key)?.name ?? key;
  }

  hasGeometry(id: string): boolean {
    return this.geometry[id] !== undefined;
  }

  mapArea(area: PinnedArea): MapArea {
    const geometry = this.geometry[area.id];
    if (!geometry)
      throw new ReportingError('InvalidReportData', `area ${area.code} has no geometry in the pinned data`);
    return { code: area.code, name: area.name, geometry };
  }

  /** The areas of `list` that have a geometry, as map areas. */
  mapAreas(list: readonly PinnedArea[]): MapArea[] {
    return list.filter((a) => this.hasGeometry(a.id)).map((a) => this.mapArea(a));
  }

  /** The whole tenant as one map area: every top-level polygon (for a district's locator). */
  cityArea(): MapArea | null {
    const polygons = this.mapAreas(this.topLevel()).flatMap((a) =>
      a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates,
    );
    if (polygons.length === 0) return null;
    return { code: '*', name: this.tenant.name, geometry: { type: 'MultiPolygon', coordinates: polygons } };
  }
}
