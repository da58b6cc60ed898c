import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { DownloadRow } from '../download-row/download-row';
import { I18n } from '../i18n/i18n';
import { saveBlob } from '../table-download/table-files';

const TEXTS = {
  de: {
    png: 'Karte als PNG',
    svg: 'Karte als SVG',
    label: 'Karte herunterladen',
    failed: 'Die Karte konnte nicht als Bild gespeichert werden.',
  },
  en: {
    png: 'Map as PNG',
    svg: 'Map as SVG',
    label: 'Download the map',
    failed: 'The map could not be saved as an image.',
  },
} as const;

/**
 * "Download map" under a MapLibre map: PNG of the drawing as shown (the map keeps its drawing
 * buffer, see createAreaMap), SVG with the areas as vectors where the map can say how it draws
 * them (`svg`). Hidden in print: the printed page shows the map itself.
 */
@Component({
  selector: 'q-map-download',
  imports: [DownloadRow],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-download-row [label]="text().label" [failure]="failed() ? text().failed : null">
      <button type="button" [disabled]="!map()" (click)="png()" [attr.data-testid]="testId() + '-png'">
        {{ text().png }}
      </button>
      @if (svg()) {
        <button type="button" [disabled]="!map()" (click)="saveSvg()" [attr.data-testid]="testId() + '-svg'">
          {{ text().svg }}
        </button>
      }
    </q-download-row>
  `,
})
export class MapDownload {
  private readonly i18n = inject(I18n);
  protected readonly text = computed(() => TEXTS[this.i18n.language()]);

  readonly map = input.required<MapLibreMap | null>();
  /** File name without extension. */
  readonly fileName = input.required<string>();
  /** The map as SVG, where the map can draw itself as vectors; null: PNG only. */
  readonly svg = input<(() => string | null) | null>(null);
  readonly testId = input('map-download');
  protected readonly failed = signal(false);

  protected png(): void {
    const map = this.map();
    if (!map) return;
    this.failed.set(false);
    map.getCanvas().toBlob((blob) => {
      if (blob) saveBlob(blob, `${this.fileName()}.png`);
      else this.failed.set(true);
    }, 'image/png');
  }

  protected saveSvg(): void {
    const text = this.svg()?.() ?? null;
    if (text === null) {
      this.failed.set(true);
      return;
    }
    this.failed.set(false);
    saveBlob(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }), `${this.fileName()}.svg`);
  }
}
