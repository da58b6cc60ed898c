import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { AreaFeatureCollection } from '@quartier/portal-data-access';
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

type Ring = readonly (readonly number[])[];

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
      <p class="hint">{{ texts.t('withoutLocation', { count: unplaced() }) }}</p>
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
    const coordinates: number[][] = [];
    for (const feature of this.areas()?.features ?? [])
      for (const ring of rings(feature.geometry)) coordinates.push(...ring.map((p) => [p[0], p[1]]));
    for (const actor of this.actors()) if (actor.point) coordinates.push([actor.point.lon, actor.point.lat]);
    if (coordinates.length === 0) return null;
    const lons = coordinates.map((c) => c[0]);
    const lats = coordinates.map((c) => c[1]);
    const [minLon, maxLon, minLat, maxLat] = [
      Math.min(...lons),
      Math.max(...lons),
      Math.min(...lats),
      Math.max(...lats),
    ];
    const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const scale = Math.min(
      (this.width - 20) / Math.max(1e-9, (maxLon - minLon) * kx),
      (this.height - 20) / Math.max(1e-9, maxLat - minLat),
    );
    return (lon: number, lat: number): [number, number] => [
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
      d: rings(feature.geometry)
        .map(
          (ring) =>
            ring
              .map(
                (p, i) =>
                  `${i === 0 ? 'M' : 'L'}${project(p[0], p[1])
                    .map((v) => v.toFixed(1))
                    .join(' ')}`,
              )
              .join('') + 'Z',
        )
        .join(''),
    }));
  });

  protected readonly placed = computed(() => {
    const project = this.projection();
    if (!project) return [];
    return this.actors()
      .filter((a) => a.point !== null)
      .map((a) => {
        const [x, y] = project((a.point as { lon: number }).lon, (a.point as { lat: number }).lat);
        return { ...a, x, y, colour: SECTOR_COLOURS[a.sector ?? 'none'] };
      });
  });

  protected readonly unplaced = computed(() => this.actors().filter((a) => a.point === null).length);
}

function rings(geometry: unknown): Ring[] {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (!g?.coordinates) return [];
  if (g.type === 'Polygon') return g.coordinates as Ring[];
  if (g.type === 'MultiPolygon') return (g.coordinates as Ring[][]).flat();
  return [];
}
