import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { AreaFeatureCollection } from '@quartier/portal-data-access';
import { geometryBounds, geometryRings, ringsPath } from '@quartier/portal-ui';
import type { Sector } from '../network-api';
import { NetworkTexts, SECTOR_COLOURS } from '../texts';

export interface MapActor {
  readonly id: string;
  readonly name: string;
  readonly sector: Sector | null;
  readonly point: { lon: number; lat: number } | null;
  /** Drawn larger (e.g. actors with the chosen offering on the resource map). */
  readonly emphasised?: boolean;
}

/**
 * Actors on the area map: planning-area outlines from the registry and the actors' locations,
 * coloured by sector, as SVG (light, printable, and readable by screen readers through titles).
 * A local equirectangular projection is exact enough at the scale of a district.
 */
@Component({
  selector: 'q-actor-map',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg
      [attr.viewBox]="'0 0 ' + width + ' ' + height"
      role="img"
      [attr.aria-label]="texts.t('mapLabel')"
      data-testid="actor-map"
    >
      @for (area of outlines(); track area.id) {
        <path [attr.d]="area.d" class="area">
          <title>{{ area.name }}</title>
        </path>
      }
      @for (actor of placed(); track actor.id) {
        <circle
          [attr.cx]="actor.x"
          [attr.cy]="actor.y"
          [attr.r]="actor.emphasised ? 7 : 4.5"
          [attr.fill]="actor.colour"
          class="actor"
        >
          <title>{{ actor.name }} ({{ texts.sector(actor.sector) }})</title>
        </circle>
      }
    </svg>
    @if (unplaced() > 0) {
      <p class="hint">{{ texts.t('withoutLocation', { count: texts.count(unplaced()) }) }}</p>
    }
  `,
  styles: `
    svg {
      width: 100%;
      height: auto;
      max-height: 600px;
      background: #fafafa;
      border: 1px solid #c4c4c4;
      border-radius: 4px;
    }
    .area {
      fill: #eef1f4;
      stroke: #7a8793;
      stroke-width: 0.8;
    }
    .actor {
      stroke: #fff;
      stroke-width: 1;
    }
    .hint {
      color: #555;
      font-size: 0.9rem;
    }
  `,
})
export class ActorMap {
  protected readonly texts = inject(NetworkTexts);
  readonly areas = input<AreaFeatureCollection | null>(null);
  readonly actors = input.required<MapActor[]>();
  protected readonly width = 800;
  protected readonly height = 600;

  private readonly projection = computed(() => {
    const bounds = geometryBounds([
      ...(this.areas()?.features ?? []).map((feature) => feature.geometry),
      ...this.actors().flatMap((a) => (a.point ? [{ coordinates: [a.point.lon, a.point.lat] }] : [])),
    ]);
    if (!bounds) return null;
    const [minLon, minLat, maxLon, maxLat] = bounds;
    const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const scale = Math.min(
      (this.width - 20) / Math.max(1e-9, (maxLon - minLon) * kx),
      (this.height - 20) / Math.max(1e-9, maxLat - minLat),
    );
    return ([lon, lat]: readonly [number, number]): [number, number] => [
      10 + (lon - minLon) * kx * scale,
      10 + (maxLat - lat) * scale,
    ];
  });

  protected readonly outlines = computed(() => {
    const project = this.projection();
    if (!project) return [];
    return (this.areas()?.features ?? []).map((feature) => ({
      id: feature.properties.id,
      name: feature.properties.name,
      d: ringsPath(geometryRings(feature.geometry, project)),
    }));
  });

  protected readonly placed = computed(() => {
    const project = this.projection();
    if (!project) return [];
    return this.actors().flatMap((a) => {
      if (!a.point) return [];
      const [x, y] = project([a.point.lon, a.point.lat]);
      return [{ ...a, x, y, colour: SECTOR_COLOURS[a.sector ?? 'none'] }];
    });
  });

  protected readonly unplaced = computed(() => this.actors().filter((a) => a.point === null).length);
}
