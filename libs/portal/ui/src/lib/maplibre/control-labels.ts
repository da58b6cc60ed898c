import type { Language } from '../i18n/translations';

const TEXTS = {
  de: {
    zoomIn: 'Karte vergrößern',
    zoomOut: 'Karte verkleinern',
    attribution: 'Datenquellen ein- oder ausblenden',
  },
  en: { zoomIn: 'Zoom in', zoomOut: 'Zoom out', attribution: 'Show or hide the data sources' },
} as const satisfies Record<Language, Record<string, string>>;

/** MapLibre's control buttons and the texts that name them. */
const CONTROL_LABELS = [
  ['.maplibregl-ctrl-zoom-in', 'zoomIn'],
  ['.maplibregl-ctrl-zoom-out', 'zoomOut'],
  ['.maplibregl-ctrl-attrib-button', 'attribution'],
] as const;

interface Labelled {
  setAttribute(name: string, value: string): void;
}

/**
 * Names a map's zoom and attribution buttons in the reader's language: MapLibre writes its own
 * title and aria-label in English ("Zoom in", "Toggle attribution") once, when it adds them.
 */
export function labelMapControls(
  container: { querySelector(selector: string): Labelled | null },
  language: Language,
): void {
  for (const [selector, key] of CONTROL_LABELS) {
    const button = container.querySelector(selector);
    button?.setAttribute('title', TEXTS[language][key]);
    button?.setAttribute('aria-label', TEXTS[language][key]);
  }
}
