import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { AreaFeatureCollection } from '@quartier/portal-data-access';
import { type AreaHighlight, HighlightMap, highlightAreas, type HighlightMapArea } from '@quartier/portal-ui';
import { ProgrammeTexts } from '../texts';

/** How one area is drawn: its fill, what the hover text says, a thick outline (selected, programme area). */
export type MapArea = AreaHighlight;

/**
 * The areas of a programme page on a map: fill per area, a thick outline for highlighted ones,
 * the area's text on hover. Only the areas in `areas` are drawn. Every such map is accompanied
 * by a table with the same information for screen readers and keyboard users.
 */
@Component({
  selector: 'q-programme-map',
  imports: [HighlightMap],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-highlight-map
      [areas]="shown()"
      [label]="label()"
      [legend]="legend()"
      [testId]="testId()"
      [fileName]="texts.t('fileMap') + '-' + testId()"
    />
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class ProgrammeMap {
  protected readonly texts = inject(ProgrammeTexts);
  readonly collection = input.required<AreaFeatureCollection | null>();
  readonly areas = input.required<ReadonlyMap<string, MapArea>>();
  readonly label = input.required<string>();
  readonly testId = input('programme-map');
  /** The legend the page shows beside the map, repeated in the SVG download. */
  readonly legend = input<readonly { color: string; label: string }[]>([]);

  protected readonly shown = computed((): HighlightMapArea[] | null => {
    const collection = this.collection();
    const areas = this.areas();
    if (!collection || areas.size === 0) return null;
    return highlightAreas(collection, (area) => areas.get(area.id) ?? null);
  });
}

/** Sequential colours for classes 1…n (light = better off, dark = more disadvantage). */
export const CLASS_COLORS = ['#fee5d9', '#fcae91', '#fb6a4a', '#cb181d', '#67000d'];
