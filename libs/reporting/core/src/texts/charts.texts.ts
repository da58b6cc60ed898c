// Texts inside charts and maps and their generated alternative texts. Part of the one texts table.
export const CHART_TEXTS = {
  'chart.band': { de: '{name}: 95-%-Konfidenzintervall', en: '{name}: 95 % confidence interval' },
  'chart.timeSeries.summary': {
    de: 'Liniendiagramm von {from} bis {to}. {series}',
    en: 'Line chart from {from} to {to}. {series}',
  },
  'chart.timeSeries.series': {
    de: '{name}: {first} ({from}) bis {last} ({to})',
    en: '{name}: {first} ({from}) to {last} ({to})',
  },
  'chart.timeSeries.bandNote': {
    de: 'Mit 95-%-Konfidenzintervall.',
    en: 'With 95 % confidence interval.',
  },
  'chart.bar.summary': { de: 'Balkendiagramm. {values}', en: 'Bar chart. {values}' },
  'chart.bar.more': { de: 'und {count} weitere', en: 'and {count} more' },
  'chart.eventStudy.summary': {
    de: 'Ereignisstudie: geschätzter Effekt je Periode relativ zum Beginn (Periode 0) mit 95-%-Konfidenzintervall, Referenzperiode {reference}. {values}',
    en: 'Event study: estimated effect per period relative to the start (period 0) with 95 % confidence interval, reference period {reference}. {values}',
  },
  'chart.eventStudy.value': {
    de: 'Periode {period}: {estimate} ({lower} bis {upper})',
    en: 'period {period}: {estimate} ({lower} to {upper})',
  },
  'chart.eventStudy.axis': { de: 'Perioden relativ zum Beginn', en: 'Periods relative to start' },
  'chart.eventStudy.start': { de: 'Beginn', en: 'Start' },
  'chart.eventStudy.reference': { de: 'Referenz', en: 'Reference' },
  'chart.noValue': { de: 'kein Wert', en: 'no value' },
  'map.choropleth.summary': {
    de: 'Karte von {count} Gebieten nach Klassen. {classes}',
    en: 'Map of {count} areas by class. {classes}',
  },
  'map.choropleth.class': { de: '{label}: {count}', en: '{label}: {count}' },
  'map.noClass': { de: 'ohne Klasse', en: 'no class' },
  'map.area.summary': {
    de: 'Karte des Gebiets {name} mit {count} Teilgebieten: {children}.',
    en: 'Map of the area {name} with {count} sub-areas: {children}.',
  },
  'map.area.summaryNoChildren': { de: 'Karte des Gebiets {name}.', en: 'Map of the area {name}.' },
  'map.locator.summary': {
    de: 'Übersichtskarte: Lage von {name} in {parent}.',
    en: 'Locator map: position of {name} within {parent}.',
  },
} as const;
