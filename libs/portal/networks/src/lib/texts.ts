import { Injectable, computed, inject } from '@angular/core';
import { I18n } from '@quartier/portal-ui';

const de = {
  heading: 'Akteursnetzwerke',
  intro:
    'Wer arbeitet mit wem zusammen, wo sind Brücken und Lücken, und wie verändert sich das Netzwerk zwischen zwei Erhebungswellen?',
  network: 'Netzwerk',
  wave: 'Welle',
  compareWith: 'Vergleichen mit',
  noComparison: 'kein Vergleich',
  none: 'Keine Netzwerke in Ihrem Zuständigkeitsbereich.',
  loading: 'Lädt …',
  tabDrawing: 'Netzwerkzeichnung',
  tabMeasures: 'Kennzahlen',
  tabMap: 'Karte',
  tabResources: 'Ressourcen',
  colourBy: 'Farbe nach',
  sizeBy: 'Größe nach',
  layout: 'Anordnung',
  layoutSectors: 'Sektoren-Ringe',
  layoutCommunities: 'Gruppen (Louvain)',
  sector: 'Sektor',
  community: 'Gruppe',
  search: 'Akteur suchen',
  egoOf: 'Ego-Netzwerk von {name}',
  showAll: 'Ganzes Netzwerk zeigen',
  drawingLabel: 'Netzwerkzeichnung mit {actors} Akteuren und {ties} Beziehungen',
  legendNew: 'neu seit {wave}',
  legendLost: 'weggefallen seit {wave}',
  legendStable: 'unverändert',
  name: 'Name',
  field: 'Handlungsfeld',
  degree: 'Degree',
  betweenness: 'Betweenness',
  closeness: 'Closeness',
  eigenvector: 'Eigenvektor',
  pagerank: 'PageRank',
  constraint: 'Constraint (Burt)',
  clustering: 'Clustering',
  exportCsv: 'CSV herunterladen',
  exportXlsx: 'Excel herunterladen',
  density: 'Dichte',
  components: 'Komponenten',
  isolates: 'Isolierte',
  crossSector: 'Anteil sektorübergreifender Beziehungen',
  modularity: 'Modularität',
  actors: 'Akteure',
  ties: 'Beziehungen',
  computing: 'Kennzahlen werden berechnet: {percent} %',
  computeFailed: 'Berechnung fehlgeschlagen: {message}',
  mapLabel: 'Karte der Akteure nach Planungsraum',
  withoutLocation: '{count} Akteure ohne Standort (oder pseudonymisiert) sind nicht eingezeichnet.',
  offerings: 'Angebote',
  area: 'Gebiet',
  withoutArea: 'ohne Gebiet',
  'sector.public-administration': 'Verwaltung',
  'sector.welfare': 'Wohlfahrt / professionelle Dienste',
  'sector.civil-society': 'Zivilgesellschaft',
  'sector.business': 'Wirtschaft',
  'sector.residents': 'Bewohner:innen',
  'sector.none': 'ohne Sektor',
  'offering.rooms': 'Räume',
  'offering.services': 'Dienstleistungen',
  'offering.know-how': 'Wissen',
  'offering.equipment': 'Ausstattung',
  'offering.volunteers': 'Ehrenamtliche',
  'offering.funding': 'Finanzierung',
  'offering.other': 'Sonstiges',
  pseudonym: 'pseudonymisiert',
  sortBy: 'Sortieren nach {column}',
};

const en: Record<keyof typeof de, string> = {
  heading: 'Actor networks',
  intro:
    'Who cooperates with whom, where are bridges and gaps, and how does the network change between two survey waves?',
  network: 'Network',
  wave: 'Wave',
  compareWith: 'Compare with',
  noComparison: 'no comparison',
  none: 'No networks in your area of responsibility.',
  loading: 'Loading …',
  tabDrawing: 'Network drawing',
  tabMeasures: 'Measures',
  tabMap: 'Map',
  tabResources: 'Resources',
  colourBy: 'Colour by',
  sizeBy: 'Size by',
  layout: 'Layout',
  layoutSectors: 'Sector rings',
  layoutCommunities: 'Groups (Louvain)',
  sector: 'Sector',
  community: 'Group',
  search: 'Find actor',
  egoOf: 'Ego network of {name}',
  showAll: 'Show the whole network',
  drawingLabel: 'Network drawing with {actors} actors and {ties} ties',
  legendNew: 'new since {wave}',
  legendLost: 'gone since {wave}',
  legendStable: 'unchanged',
  name: 'Name',
  field: 'Field',
  degree: 'Degree',
  betweenness: 'Betweenness',
  closeness: 'Closeness',
  eigenvector: 'Eigenvector',
  pagerank: 'PageRank',
  constraint: 'Constraint (Burt)',
  clustering: 'Clustering',
  exportCsv: 'Download CSV',
  exportXlsx: 'Download Excel',
  density: 'Density',
  components: 'Components',
  isolates: 'Isolates',
  crossSector: 'Share of cross-sector ties',
  modularity: 'Modularity',
  actors: 'Actors',
  ties: 'Ties',
  computing: 'Computing measures: {percent} %',
  computeFailed: 'Computation failed: {message}',
  mapLabel: 'Map of the actors by planning area',
  withoutLocation: '{count} actors without location (or pseudonymised) are not shown.',
  offerings: 'Offerings',
  area: 'Area',
  withoutArea: 'no area',
  'sector.public-administration': 'Public administration',
  'sector.welfare': 'Welfare / professional services',
  'sector.civil-society': 'Civil society',
  'sector.business': 'Business',
  'sector.residents': 'Residents',
  'sector.none': 'no sector',
  'offering.rooms': 'Rooms',
  'offering.services': 'Services',
  'offering.know-how': 'Know-how',
  'offering.equipment': 'Equipment',
  'offering.volunteers': 'Volunteers',
  'offering.funding': 'Funding',
  'offering.other': 'Other',
  pseudonym: 'pseudonymised',
  sortBy: 'Sort by {column}',
};

export type NetworkTextKey = keyof typeof de;

/** This feature's texts in German (default) and English, following the shell's language. */
@Injectable({ providedIn: 'root' })
export class NetworkTexts {
  private readonly i18n = inject(I18n);
  private readonly dictionary = computed(() => (this.i18n.language() === 'en' ? en : de));

  readonly t = (key: NetworkTextKey, params: Record<string, string | number> = {}): string =>
    this.dictionary()[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? `{${name}}`));

  readonly sector = (sector: string | null): string => this.t(`sector.${sector ?? 'none'}` as NetworkTextKey);
  readonly offering = (type: string): string =>
    `offering.${type}` in de ? this.t(`offering.${type}` as NetworkTextKey) : type;
  readonly number = (value: number | null | undefined, digits = 3): string =>
    value === null || value === undefined
      ? '–'
      : value.toLocaleString(this.i18n.locale(), { maximumFractionDigits: digits });
}

/** Sector colours: distinguishable, and each with at least 3:1 contrast against white. */
export const SECTOR_COLOURS: Readonly<Record<string, string>> = {
  'public-administration': '#1f5fa8',
  welfare: '#b3261e',
  'civil-society': '#2e7d32',
  business: '#8a5a00',
  residents: '#6a3d9a',
  none: '#616161',
};

const COMMUNITY_COLOURS = [
  '#1f5fa8',
  '#b3261e',
  '#2e7d32',
  '#8a5a00',
  '#6a3d9a',
  '#00838f',
  '#ad1457',
  '#4e6b00',
  '#5d4037',
  '#37474f',
];
export const communityColour = (community: number | undefined): string =>
  community === undefined ? SECTOR_COLOURS['none'] : COMMUNITY_COLOURS[community % COMMUNITY_COLOURS.length];
