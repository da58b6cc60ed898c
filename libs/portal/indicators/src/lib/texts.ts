import { Injectable, inject } from '@angular/core';
import { problemFrom } from '@quartier/portal-data-access';
import { I18n, describeProblem, featureTexts, formatDecimal } from '@quartier/portal-ui';
import { ROW_ERROR_TEXTS_DE, ROW_ERROR_TEXTS_EN } from './import-wizard/row-errors';

const de = {
  heading: 'Indikatoren und Sozialmonitoring',
  intro:
    'Kennzahlen je Gebiet und Zeitraum: Karte, Zeitreihe, Rangfolge und Vergleich; der Index der sozialen Stadtentwicklung mit seinen Klassen; Katalog und Import.',
  tabExplorer: 'Explorer',
  tabIndex: 'Sozialindex',
  tabCatalogue: 'Katalog',
  tabImport: 'Import',
  loading: 'Lädt …',
  indicator: 'Indikator',
  period: 'Zeitraum',
  level: 'Ebene',
  noIndicators: 'Noch keine Indikatoren im Katalog.',
  noPeriods: 'Für diesen Indikator sind keine Werte gespeichert.',
  mapLabel: 'Karte: {indicator}, {period}, {level}',
  mapError: 'Die Karte konnte nicht (vollständig) geladen werden.',
  legend: 'Legende (Klassen mit gleich vielen Gebieten)',
  legendClass: 'Klasse {number}',
  suppressed: 'geheim gehalten (Fallzahl zu klein)',
  missing: 'kein Wert',
  invalid: 'nicht bewertet',
  approximate: 'Näherung (bevölkerungsgewichtetes Mittel)',
  missingIncomplete: 'kein Wert – nicht alle Teilgebiete haben einen Wert',
  missingZeroDenominator: 'kein Wert – Nenner 0',
  coverage: 'Näherung aus Teilgebieten mit {share} % der Einwohnerinnen und Einwohner',
  noValuesAtLevel:
    'Kein Gebiet der Ebene „{level}“ hat für {period} einen Wert. Werte übergeordneter Gebiete entstehen aus ihren Teilgebieten, wenn diese genug Einwohnerinnen und Einwohner abdecken.',
  unranked: 'Ohne Wert',
  ranking: 'Rangfolge',
  rank: 'Rang',
  area: 'Gebiet',
  value: 'Wert',
  numerator: 'Zähler',
  denominator: 'Nenner',
  worstFirst: 'Sortiert: ungünstigste Werte zuerst',
  rankingShown: '{shown} von {total} Gebieten',
  moreRows: 'Weitere {count} anzeigen',
  series: 'Zeitreihe',
  seriesFor: 'Zeitreihe {indicator} – {area}',
  selectArea: 'Wählen Sie ein Gebiet auf der Karte oder in der Rangfolge.',
  compare: 'Gebietsvergleich',
  addCompare: 'Zum Vergleich',
  removeCompare: 'Aus Vergleich entfernen',
  compareHint: 'Bis zu vier Gebiete über „Zum Vergleich“ hinzufügen.',
  runs: 'Berechnung',
  index: 'Index',
  compareRun: 'Bewegungen gegenüber',
  noRuns: 'Noch keine Indexberechnung gespeichert.',
  validAreas: '{valid} von {total} Gebieten bewertet',
  validAreasScope: 'In Ihrem Bereich {valid} von {total} Gebieten bewertet',
  validAreasCity: 'ganze Stadt: {valid} von {total}',
  countScope: 'Ihr Bereich',
  countCity: 'ganze Stadt',
  combinedIndex: 'Gesamtindex (Status × Dynamik)',
  classAreas: 'Gebiete der Klasse {cls}',
  showAreas: 'Gebiete zeigen',
  movers: 'Klassenwechsel',
  moversNone: 'Keine Klassenwechsel.',
  from: 'vorher',
  to: 'nachher',
  direction: 'Richtung',
  better: 'günstiger',
  worse: 'ungünstiger',
  'validity-changed': 'Bewertbarkeit geändert',
  code: 'Kürzel',
  name: 'Name',
  unit: 'Einheit',
  'unit.count': 'Anzahl',
  'unit.index': 'Indexwert',
  'unit.ratio': 'Verhältnis',
  'unit.years': 'Jahre',
  polarity: 'Polarität',
  'higher-is-better': 'höher ist günstiger',
  'higher-is-worse': 'höher ist ungünstiger',
  neutral: 'neutral',
  source: 'Quelle',
  version: 'Version',
  impactStep: 'Wirkungstreppe',
  confidentiality: 'Geheimhaltung',
  minNumerator: 'Zähler ≥ {n}',
  definition: 'Definition',
  download: 'Herunterladen',
  format: 'Format',
  file: 'Datei',
  startImport: 'Importieren',
  importHint:
    'CSV (lang: area, period, indicator, value[, numerator, denominator] oder breit: eine Spalte je Indikator oder Zeitraum), XLSX, SDMX-CSV, JSON-stat (2.0 und 1.x) oder DHIS2 dataValueSets. Alles oder nichts: eine fehlerhafte Zeile verhindert den Import der Datei.',
  importSource: 'Quelle (optional)',
  importSourceHint:
    'Zum Beispiel der Datenfluss oder die Tabelle des Statistikamts. Nach einem erfolgreichen Import wird die Zuordnung unter diesem Namen gespeichert und beim nächsten Mal vorgeschlagen.',
  importMapping: 'Zuordnung der Dimensionen',
  importMappingHint:
    'Dimension=area, Dimension=period, Dimension=indicator; jede weitere Dimension auf einen Wert festlegen (Dimension=Code), durch Kommas getrennt. Leer: REF_AREA, TIME_PERIOD und INDICATOR bzw. die Rollen geo, time und metric.',
  importRunning: 'Import läuft: {percent} % gelesen, {rows} Zeilen',
  importSucceeded: '{count} Werte importiert ({indicators}).',
  importInterrupted:
    'Der Import wurde unterbrochen, weil der Dienst neu gestartet wurde ({rows} Zeilen gelesen). Es wurde nichts übernommen.',
  importAgain: 'Erneut importieren',
  importCancelled: 'Der Import wurde abgebrochen. Es wurde nichts übernommen.',
  importRejected:
    'Nichts importiert: {count} fehlerhafte Zeile(n). Bitte korrigieren und die ganze Datei erneut hochladen.',
  errorCount: '{count} fehlerhafte Zeile(n), die ersten {shown} angezeigt',
  line: 'Zeile',
  column: 'Spalte',
  reason: 'Grund',
  noPermission: 'Import ist Mandanten-Administration und Analyse vorbehalten.',
  ...ROW_ERROR_TEXTS_DE,
};

const en: Record<keyof typeof de, string> = {
  heading: 'Indicators and social monitoring',
  intro:
    'Measures per area and period: map, time series, ranking and comparison; the social monitoring index with its classes; catalogue and import.',
  tabExplorer: 'Explorer',
  tabIndex: 'Social index',
  tabCatalogue: 'Catalogue',
  tabImport: 'Import',
  loading: 'Loading …',
  indicator: 'Indicator',
  period: 'Period',
  level: 'Level',
  noIndicators: 'No indicators in the catalogue yet.',
  noPeriods: 'No values stored for this indicator.',
  mapLabel: 'Map: {indicator}, {period}, {level}',
  mapError: 'The map could not be loaded (completely).',
  legend: 'Legend (classes with equally many areas)',
  legendClass: 'Class {number}',
  suppressed: 'suppressed (count too small)',
  missing: 'no value',
  invalid: 'not rated',
  approximate: 'approximation (population-weighted mean)',
  missingIncomplete: 'no value – not every sub-area has a value',
  missingZeroDenominator: 'no value – denominator 0',
  coverage: 'approximation from sub-areas with {share} % of the inhabitants',
  noValuesAtLevel:
    'No area of the level “{level}” has a value for {period}. Values of larger areas come from their sub-areas when these cover enough of the inhabitants.',
  unranked: 'Without a value',
  ranking: 'Ranking',
  rank: 'Rank',
  area: 'Area',
  value: 'Value',
  numerator: 'Numerator',
  denominator: 'Denominator',
  worstFirst: 'Sorted: least favourable first',
  rankingShown: '{shown} of {total} areas',
  moreRows: 'Show {count} more',
  series: 'Time series',
  seriesFor: 'Time series {indicator} – {area}',
  selectArea: 'Choose an area on the map or in the ranking.',
  compare: 'Area comparison',
  addCompare: 'Compare',
  removeCompare: 'Remove from comparison',
  compareHint: 'Add up to four areas with “Compare”.',
  runs: 'Run',
  index: 'Index',
  compareRun: 'Movements since',
  noRuns: 'No index run stored yet.',
  validAreas: '{valid} of {total} areas rated',
  validAreasScope: 'In your area {valid} of {total} areas rated',
  validAreasCity: 'whole city: {valid} of {total}',
  countScope: 'Your area',
  countCity: 'Whole city',
  combinedIndex: 'Overall index (status × dynamics)',
  classAreas: 'Areas of class {cls}',
  showAreas: 'Show areas',
  movers: 'Class changes',
  moversNone: 'No class changes.',
  from: 'before',
  to: 'after',
  direction: 'Direction',
  better: 'more favourable',
  worse: 'less favourable',
  'validity-changed': 'rating changed',
  code: 'Code',
  name: 'Name',
  unit: 'Unit',
  'unit.count': 'count',
  'unit.index': 'index value',
  'unit.ratio': 'ratio',
  'unit.years': 'years',
  polarity: 'Polarity',
  'higher-is-better': 'higher is better',
  'higher-is-worse': 'higher is worse',
  neutral: 'neutral',
  source: 'Source',
  version: 'Version',
  impactStep: 'Impact step',
  confidentiality: 'Confidentiality',
  minNumerator: 'numerator ≥ {n}',
  definition: 'Definition',
  download: 'Download',
  format: 'Format',
  file: 'File',
  startImport: 'Import',
  importSource: 'Source (optional)',
  importSourceHint:
    "For example the statistics office's dataflow or table. After a successful import the mapping is saved under this name and offered next time.",
  importMapping: 'Dimension mapping',
  importMappingHint:
    'dimension=area, dimension=period, dimension=indicator; fix every other dimension to one value (dimension=code), separated by commas. Empty: REF_AREA, TIME_PERIOD and INDICATOR or the roles geo, time and metric.',
  importHint:
    'CSV (long: area, period, indicator, value[, numerator, denominator] or wide: one column per indicator or period), XLSX, SDMX-CSV, JSON-stat (2.0 and 1.x) or DHIS2 dataValueSets. All or nothing: one bad row stops the whole file.',
  importRunning: 'Importing: {percent} % read, {rows} rows',
  importSucceeded: '{count} values imported ({indicators}).',
  importInterrupted:
    'The import was interrupted because the service restarted ({rows} rows read). Nothing was kept.',
  importAgain: 'Import again',
  importCancelled: 'The import was cancelled. Nothing was kept.',
  importRejected:
    'Nothing imported: {count} bad row(s). Please correct them and upload the whole file again.',
  errorCount: '{count} bad row(s), the first {shown} shown',
  line: 'Line',
  column: 'Column',
  reason: 'Reason',
  noPermission: 'Imports are reserved to tenant administrators and analysts.',
  ...ROW_ERROR_TEXTS_EN,
};

export type IndicatorTextKey = keyof typeof de;

/** This feature's texts in German (default) and English, following the shell's language. */
@Injectable({ providedIn: 'root' })
export class IndicatorTexts {
  private readonly i18n = inject(I18n);
  readonly t = featureTexts<IndicatorTextKey>(de, en);

  /** A catalogue name (`{ de, en }`) in the reader's language. */
  readonly name = this.i18n.pick;

  /** A label of the tenant's definition in the reader's language, where it has one. */
  readonly label = this.i18n.tenantLabel;

  /** A unit as readers say it: "%" stays, `count` is "Anzahl" (the catalogue stores the code). */
  readonly unit = (unit: string): string => {
    const key = `unit.${unit}`;
    return key in de ? this.t(key as IndicatorTextKey) : unit;
  };

  readonly number = (value: number | null | undefined, digits = 2): string =>
    formatDecimal(value, this.i18n.locale(), digits);

  /** A failed call as one translated sentence, chosen by the service's error code. */
  readonly problem = (error: unknown): string => describeProblem(problemFrom(error), this.i18n.t);
}
