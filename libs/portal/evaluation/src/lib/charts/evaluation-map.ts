import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AreaFeatureCollection } from '@quartier/portal-data-access';
import {
  HighlightMap,
  highlightAreas,
  type HighlightMapArea,
  type HighlightMapPaint,
} from '@quartier/portal-ui';
import { ROLE_COLORS, type MapRole } from '../map-roles';

/** Grey outlines and black for the evaluated areas: the role fills include a dark blue. */
const PAINT: HighlightMapPaint = { opacity: 0.9, outline: '#5b6670', highlight: '#000000' };

/**
 * The design map: every area of the evaluated level filled by its role (evaluated, comparison,
 * candidate, other), evaluated areas with a thick outline, the area and its role on hover, the
 * view fitted to the areas that have a role. The legend and the comparison table beside it carry
 * the same information for screen readers and keyboard users.
 */
@Component({
  selector: 'q-evaluation-map',
  imports: [HighlightMap],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-highlight-map
      [areas]="areas()"
      [label]="label()"
      [legend]="legend()"
      [height]="420"
      [paint]="paint"
      testId="design-map"
      fileName="karte-evaluation"
    />
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class EvaluationMap {
  readonly collection = input.required<AreaFeatureCollection | null>();
  readonly roles = input.required<ReadonlyMap<string, MapRole>>();
  /** Role → its name in the current language, for the hover text and the legend. */
  readonly roleNames = input.required<Readonly<Record<MapRole, string>>>();
  readonly label = input.required<string>();
  protected readonly paint = PAINT;

  protected readonly areas = computed((): HighlightMapArea[] | null => {
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

  /** The roles present, in the legend's order. */
  protected readonly legend = computed(() => {
    const present = new Set(this.roles().values());
    return (Object.keys(ROLE_COLORS) as MapRole[])
      .filter((role) => present.has(role))
      .map((role) => ({ color: ROLE_COLORS[role], label: this.roleNames()[role] }));
  });
}
