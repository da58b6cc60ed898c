import { Injectable, inject, resource, signal } from '@angular/core';
import {
  levelGeometries,
  ProgrammeClient,
  RegistryApi,
  type JsonResponse,
  type ProgrammePaths,
  type ProgrammeSchemas,
} from '@quartier/portal-data-access';
import { ProgrammeTexts } from './texts';

export type Programme = ProgrammeSchemas['ProgrammeViewDto_Output'];
export type Measure = ProgrammeSchemas['MeasureViewDto_Output'];
/** The parts of a programme read with nothing but its id. */
type ProgrammePart = 'dashboard' | 'attainment' | 'budget' | 'areas' | 'allocations' | 'index-runs';
type PartPath<P extends ProgrammePart> = `/api/programme/programmes/{programmeId}/${P}`;
type PartAnswers = { [P in ProgrammePart]: JsonResponse<ProgrammePaths[PartPath<P>]['get']> };

/** A measure's areas on one line, each as its code and name, comma-separated. */
export function measureAreas(measure: Measure): string {
  return measure.areas.map((a) => `${a.code} ${a.name}`).join(', ');
}

/**
 * One programme page's shared state (provided by ProgrammePage): the programme, the area
 * geometries its maps draw (loaded once per level), and how problems read.
 */
@Injectable()
export class ProgrammeWorkspace {
  readonly api = inject(ProgrammeClient);
  private readonly registry = inject(RegistryApi);
  readonly id = signal<string | null>(null);
  readonly programme = resource({
    params: () => this.id() ?? undefined,
    loader: ({ params }) =>
      this.api.get('/api/programme/programmes/{programmeId}', { path: { programmeId: params } }),
  });
  /** Every area of a level with its geometry (registry), cached for the page. */
  readonly geometry = levelGeometries();

  /**
   * What a panel reads of its programme by the programme's id alone (`…/{programmeId}/<part>`:
   * its budget, its areas, the index runs its rules draw on …), as a resource of the panel that
   * asks (call it in the panel's injection context: it lives and reloads with the panel).
   */
  part<P extends ProgrammePart>(programme: () => Programme, part: P) {
    // Every part takes the same path parameter; TypeScript cannot see that through a generic P.
    const path: PartPath<ProgrammePart> = `/api/programme/programmes/{programmeId}/${part}`;
    return resource({
      params: () => programme().id,
      loader: ({ params }) =>
        this.api.get(path, { path: { programmeId: params } }) as Promise<PartAnswers[P]>,
    });
  }

  /**
   * The geometries of the level some areas lie on (the first one's level, as the registry names
   * it), as a resource of the panel that asks (call it in the panel's injection context); none
   * while there are no areas.
   */
  geometryOf(areaIds: () => readonly string[]) {
    return resource({
      params: () => {
        const ids = areaIds();
        return ids.length > 0 ? ids : undefined;
      },
      loader: async ({ params }) => {
        const [level] = await this.levelsOf(params);
        return level ? this.geometry(level) : null;
      },
    });
  }

  /** The levels of some areas (to load their geometries), via the registry. */
  private async levelsOf(areaIds: readonly string[]): Promise<string[]> {
    const levels = new Set<string>();
    for (const id of areaIds.slice(0, 3)) levels.add((await this.registry.area(id)).level);
    return [...levels];
  }

  readonly problem = inject(ProgrammeTexts).problem;
}
