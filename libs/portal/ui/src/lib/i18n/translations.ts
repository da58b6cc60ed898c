// The portal's texts in German (the default: the users are German city administrations) and
// English. German is the source of truth: its keys define `TranslationKey`, and the English
// dictionary must name every one of them, so a missing translation is a compile error rather
// than a blank label.

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'de';

const de = {
  'app.name': 'Quartier',
  'app.tagline': 'Sozialraumorientierte Planung und Monitoring',
  'app.skipToContent': 'Zum Inhalt springen',
  'app.mainNavigation': 'Hauptnavigation',
  'app.language': 'Sprache',
  'app.languageSwitch': 'English',
  'app.languageSwitchLabel': 'Switch to English',
  'app.loading': 'Wird geladen …',
  'app.configError': 'Die Portal-Konfiguration konnte nicht geladen werden.',
  'app.footer': 'Quartier – Planung, Monitoring und Evaluation für soziale Stadtentwicklung',

  'nav.areas': 'Gebiete',
  'nav.indicators': 'Indikatoren',
  'nav.surveys': 'Befragungen',
  'nav.networks': 'Netzwerke',
  'nav.programmes': 'Programme',
  'nav.evaluation': 'Evaluation',
  'nav.reports': 'Berichte',
  'reports.create': 'Bericht erstellen',
  'reports.createHint': 'Erstellt einen PDF-Bericht und zeigt ihn auf der Berichtsseite.',
  'nav.admin': 'Verwaltung',
  'nav.adminImport': 'Gebietsimport',
  'nav.adminRoles': 'Rollenzuweisungen',
  'nav.about': 'Über Quartier',

  'auth.login': 'Anmelden',
  'auth.logout': 'Abmelden',
  'auth.signedInAs': 'Angemeldet als {name}',
  'auth.tenant': 'Mandant: {tenant}',
  'auth.completing': 'Anmeldung wird abgeschlossen …',
  'auth.failed': 'Die Anmeldung ist fehlgeschlagen. Bitte versuchen Sie es noch einmal.',
  'auth.retry': 'Erneut anmelden',
  'auth.redirecting': 'Weiterleitung zur Anmeldung …',

  'page.comingSoon.title': '{feature}: in Vorbereitung',
  'page.comingSoon.body':
    'Dieser Bereich wird gerade entwickelt. Es werden hier noch keine Daten angezeigt; sobald der zugehörige Dienst bereitsteht, erscheint er an dieser Stelle.',
  'page.forbidden.title': 'Kein Zugriff',
  'page.forbidden.body':
    'Für diese Seite fehlt Ihnen die erforderliche Rolle. Wenden Sie sich an die Administration Ihres Mandanten.',
  'page.notFound.title': 'Seite nicht gefunden',
  'page.notFound.body': 'Die aufgerufene Adresse gibt es nicht.',
  'page.notFound.home': 'Zur Startseite',

  'about.title': 'Über Quartier',
  'about.body':
    'Quartier unterstützt Stadtverwaltungen bei der sozialraumorientierten Planung: Gebiete, Indikatoren, Befragungen, Akteursnetzwerke, Programme und ihre Evaluation.',
  'about.dataTitle': 'Datenquellen und Lizenzen',
  'about.lorGeometries':
    'Geometrien der Lebensweltlich orientierten Räume (LOR) Berlin: Geoportal Berlin, Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2.0).',
  'about.mss':
    'Einwohnerzahlen (Stand 31.12.2018) und Sozialindikatoren der Demo: Monitoring Soziale Stadtentwicklung (MSS), Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin (SenSBW).',
  'about.iati':
    'IATI-Aktivitätsschema 2.03, dem der IATI-Export der Programme folgt: IATI Standard (iatistandard.org), © Development Initiatives im Auftrag des IATI-Sekretariats, Creative Commons Namensnennung 4.0 (CC BY 4.0).',
  'about.iatiSource': 'Quelle des Schemas: IATI/IATI-Schemas, Version 2.03',
  'about.licenceText': 'Lizenztext',
  'about.mapNote':
    'Die Karten zeigen ausschließlich die Gebietsgeometrien; es werden keine externen Kartenkacheln geladen.',
  'about.version': 'Version {version}',
  'about.demoTitle': 'Die Demo-Städte',
  'about.musterstadt':
    'Musterstadt (Demo) ist eine erfundene Stadt, die Quartier selbst erzeugt: Gebiete auf vier Ebenen, Indikatoren 2017–2024, ein Sozialindex, eine Befragung und ein Akteursnetzwerk mit je zwei Wellen. Anmeldung als musterstadt-admin.',
  'about.addBerlin':
    'Berlin (Demo) nutzt echte Daten Dritter (LOR, MSS), die nicht Teil von Quartier sind. Hat Berlin keine Gebiete, fehlen diese Daten: „npm run -s quartier -- data fetch berlin“ lädt die LOR-Geometrien und prüft jede Datei; die MSS-Tabellen gibt die Senatsverwaltung nur als Excel-Arbeitsmappen heraus – der Befehl nennt je Tabelle die Seite, als CSV gespeichert kommen sie in den Ordner (oder QUARTIER_REFERENCE_DATA auf einen Ordner mit berlin/lor-until-2020 und berlin/mss setzen). Danach Quartier neu starten.',
  'about.berlinMissing':
    'Berlin (Demo) fehlt: Quartier hat die Berliner Referenzdaten (LOR, MSS) beim Start nicht gefunden und nur Musterstadt angelegt.',
  'about.berlinPresent':
    'Berlin (Demo) nutzt echte Daten Dritter (LOR, MSS) aus dem Referenzdatenordner; sie sind nicht Teil von Quartier.',
  'about.addBerlinSteps':
    'So kommt Berlin hinzu: „npm run -s quartier -- data fetch berlin“ lädt die LOR-Geometrien und prüft jede Datei; die MSS-Tabellen gibt die Senatsverwaltung nur als Excel-Arbeitsmappen heraus – der Befehl nennt je Tabelle die Seite, als CSV gespeichert kommen sie in den Ordner. Oder QUARTIER_REFERENCE_DATA auf einen Ordner mit berlin/lor-until-2020 und berlin/mss setzen. Danach Quartier neu starten.',

  'areas.title': 'Gebiete',
  'areas.intro':
    'Die Gebietshierarchie Ihres Mandanten als Baum und als Karte. Wählen Sie ein Gebiet, um Details zu sehen.',
  'areas.tree': 'Gebietshierarchie',
  'areas.expand': 'Untergebiete von {name} anzeigen',
  'areas.collapse': 'Untergebiete von {name} ausblenden',
  'areas.editableMark': 'bearbeitbar',
  'areas.noChildren': 'Keine Untergebiete',
  'areas.map': 'Karte',
  'areas.mapLabel': 'Karte der Gebiete auf Ebene {level}, eingefärbt nach Einwohnerzahl',
  'areas.mapHint': 'Alle Gebiete der Karte sind auch über die Gebietshierarchie per Tastatur erreichbar.',
  'areas.level': 'Ebene',
  'areas.legend': 'Einwohnerinnen und Einwohner',
  'areas.legendNoData': 'keine Angabe',
  'areas.mapFeatures': '{count} Gebiete auf der Karte',
  'areas.mapError': 'Die Karte konnte nicht (vollständig) geladen werden.',
  'areas.mapFile': 'karte-gebiete',
  'areas.indicatorsFile': 'kennzahlen',
  'areas.search': 'Gebiet suchen',
  'areas.detail': 'Gebietsdetails',
  'areas.noSelection': 'Kein Gebiet ausgewählt. Wählen Sie ein Gebiet im Baum oder auf der Karte.',
  'areas.code': 'Schlüssel',
  'areas.population': 'Einwohnerzahl',
  'areas.populationUnknown': 'nicht erfasst',
  'areas.areaSize': 'Fläche',
  'areas.validFrom': 'Gültig ab',
  'areas.ancestors': 'Übergeordnete Gebiete',
  'areas.children': 'Untergeordnete Gebiete',
  'areas.profileIndicators': 'Kennzahlen',
  'areas.profileIndicatorsNone': 'Für dieses Gebiet liegen keine Kennzahlen vor.',
  'areas.profileIndicator': 'Indikator',
  'areas.profileValue': 'Wert',
  'areas.profileChange': 'Veränderung',
  'areas.profilePeriod': 'Zeitraum',
  'areas.profileTrendHeading': 'Entwicklung',
  'areas.profileSince': 'seit {period}',
  'areas.profileTrend.better': 'günstiger',
  'areas.profileTrend.worse': 'ungünstiger',
  'areas.profileTrend.up': 'gestiegen',
  'areas.profileTrend.down': 'gesunken',
  'areas.profileTrend.unchanged': 'unverändert',
  'areas.profileApproximate': 'Näherung aus den Teilgebieten',
  'areas.profileIndex': 'Sozialindex ({run})',
  'areas.profileNotRated': 'nicht bewertet (zu wenige Einwohnerinnen und Einwohner oder ausgeschlossen)',
  'areas.profileSurveys': 'Befragungen',
  'areas.profileSurveysNone': 'Keine Befragung umfasst dieses Gebiet.',
  'areas.profileSurveyStatus.draft': 'Entwurf',
  'areas.profileSurveyStatus.open': 'offen',
  'areas.profileSurveyStatus.closed': 'abgeschlossen',
  'areas.profileActors': 'Akteure mit Angeboten',
  'areas.profileActorsNone': 'Keine Akteure mit Angeboten in diesem Gebiet.',
  'areas.profileActorsMore': '… und {count} weitere',
  'areas.profileYears': 'Jahre',
  'areas.breadcrumb': 'Lage in der Hierarchie',
  'areas.edit': 'Bearbeiten',
  'areas.editTitle': '{name} bearbeiten',
  'areas.notEditable':
    'Dieses Gebiet liegt außerhalb Ihres Zuständigkeitsbereichs und kann nicht bearbeitet werden.',
  'areas.outsideScope':
    'Dieses Gebiet liegt außerhalb Ihres Zuständigkeitsbereichs: Details und Bearbeitung sind Ihnen hier nicht freigegeben.',
  'areas.name': 'Name',
  'areas.save': 'Speichern',
  'areas.cancel': 'Abbrechen',
  'areas.saved': 'Änderungen an {name} gespeichert.',
  'areas.nameRequired': 'Bitte einen Namen angeben.',
  'areas.populationInvalid': 'Bitte eine ganze Zahl ab 0 angeben oder das Feld leer lassen.',
  'areas.loadError': 'Gebiete konnten nicht geladen werden: {reason}',
  'areas.saveError': 'Speichern fehlgeschlagen: {reason}',

  'import.title': 'Gebietsimport',
  'import.intro':
    'Importieren Sie Gebiete einer Ebene aus einer GeoJSON-Datei (FeatureCollection). Der Import ist vollständig oder gar nicht: enthält ein Feature einen Fehler, wird nichts übernommen.',
  'import.file': 'GeoJSON-Datei',
  'import.fileHint': 'FeatureCollection, höchstens 100 MB',
  'import.fileSelected': '{name} ({size})',
  'import.level': 'Ebene',
  'import.codeProperty': 'Eigenschaft mit dem Gebietsschlüssel',
  'import.nameProperty': 'Eigenschaft mit dem Namen',
  'import.parentFrom': 'Übergeordnetes Gebiet ermitteln aus',
  'import.parentFromCodePrefix': 'Präfix des Gebietsschlüssels',
  'import.parentFromProperty': 'einer Eigenschaft',
  'import.parentFromNone': 'keinem (oberste Ebene)',
  'import.parentProperty': 'Eigenschaft mit dem Schlüssel des übergeordneten Gebiets',
  'import.populationProperty': 'Eigenschaft mit der Einwohnerzahl (optional)',
  'import.validFrom': 'Gültig ab',
  'import.start': 'Import starten',
  'import.status': 'Status: {status}',
  'import.status.queued': 'in der Warteschlange',
  'import.status.running': 'läuft',
  'import.status.succeeded': 'erfolgreich abgeschlossen',
  'import.status.failed': 'fehlgeschlagen',
  'import.status.cancelled': 'abgebrochen',
  'import.status.interrupted': 'unterbrochen',
  'import.interrupted':
    'Der Import wurde unterbrochen, weil der Dienst neu gestartet wurde ({processed} Features gelesen). Es wurde nichts übernommen.',
  'import.again': 'Erneut importieren',
  'import.progress': '{processed} von {total} Features verarbeitet',
  'import.processed': '{processed} Features verarbeitet',
  'import.result': '{created} Gebiete angelegt, {updated} aktualisiert.',
  'import.errors': 'Fehler in der Datei ({count})',
  'import.errorFeature': 'Feature {number} (Index {index})',
  'import.errorsTruncated': 'Es werden die ersten {shown} von {count} Fehlern angezeigt.',
  'import.fileRequired': 'Bitte eine Datei auswählen.',
  'import.fieldRequired': 'Pflichtfeld',
  'import.requestError': 'Der Import konnte nicht gestartet werden: {reason}',

  'roles.title': 'Rollenzuweisungen',
  'roles.intro':
    'Eine Rollenzuweisung hat zwei Teile: die Rolle vergibt der Identitätsanbieter (der Anmeldedienst), hier legen Sie fest, wo sie gilt – für ein Gebiet mit allen Untergebieten oder, ohne Gebiet, für den ganzen Mandanten. Mandanten- und Plattformverwaltung vergibt allein der Identitätsanbieter.',
  'roles.filter': 'Nach Benutzerkennung filtern',
  'roles.subject': 'Benutzerkennung',
  'roles.role': 'Rolle',
  'roles.area': 'Gebiet',
  'roles.areaNone': 'gesamter Mandant',
  'roles.programme': 'Programm',
  'roles.created': 'Angelegt',
  'roles.actions': 'Aktionen',
  'roles.remove': 'Entfernen',
  'roles.removeLabel': 'Rolle {role} von {subject} entfernen',
  'roles.removeConfirm': 'Rolle {role} von {subject} wirklich entfernen?',
  'roles.removed': 'Rollenzuweisung entfernt.',
  'roles.add': 'Rolle zuweisen',
  'roles.addTitle': 'Neue Rollenzuweisung',
  'roles.added': 'Zugewiesen: {subject} – Rolle {role} beim Identitätsanbieter, Bereich hier: {scope}.',
  'roles.provider': 'Beim Identitätsanbieter',
  'roles.providerEffective': 'Rolle vorhanden – wirkt',
  'roles.providerMissing': 'Rolle fehlt – wirkt erst, wenn der Identitätsanbieter sie vergibt',
  'roles.providerUnknown': 'noch nicht angemeldet',
  'roles.notHeldExplain':
    '{subject} hatte bei der letzten Anmeldung die Rolle {role} beim Identitätsanbieter nicht. Die Zuweisung wirkt erst, wenn der Identitätsanbieter sie vergibt.',
  'roles.acknowledge':
    'Ich habe {subject} die Rolle {role} beim Identitätsanbieter vergeben (oder tue es jetzt).',
  'roles.addAnyway': 'Bereich trotzdem zuweisen',
  'roles.empty': 'Keine Rollenzuweisungen gefunden.',
  'roles.total': '{count} Zuweisungen',
  'roles.areaPicker': 'Gebiet (optional)',
  'roles.areaPickerHint': 'Namen oder Schlüssel eintippen',
  'roles.areaClear': 'Gebietsauswahl aufheben',
  'roles.error': 'Aktion fehlgeschlagen: {reason}',
  'roles.previous': 'Vorherige Seite',
  'roles.next': 'Nächste Seite',
  'roles.page': 'Einträge {from}–{to} von {total}',

  'role.platform-admin': 'Plattform-Administration',
  'role.tenant-admin': 'Mandanten-Administration',
  'role.programme-manager': 'Programmverantwortung',
  'role.planner': 'Planung',
  'role.analyst': 'Analyse',
  'role.evaluator': 'Evaluation',
  'role.viewer': 'Lesezugriff',

  'error.network': 'Der Server ist nicht erreichbar.',
  'error.unknown': 'Unbekannter Fehler (HTTP {status}).',
} as const satisfies Record<string, string>;

export type TranslationKey = keyof typeof de;
export type Dictionary = Readonly<Record<TranslationKey, string>>;

const en: Dictionary = {
  'app.name': 'Quartier',
  'app.tagline': 'Social-space planning and monitoring',
  'app.skipToContent': 'Skip to content',
  'app.mainNavigation': 'Main navigation',
  'app.language': 'Language',
  'app.languageSwitch': 'Deutsch',
  'app.languageSwitchLabel': 'Auf Deutsch umschalten',
  'app.loading': 'Loading …',
  'app.configError': 'The portal configuration could not be loaded.',
  'app.footer': 'Quartier – planning, monitoring and evaluation for social urban development',

  'nav.areas': 'Areas',
  'nav.indicators': 'Indicators',
  'nav.surveys': 'Surveys',
  'nav.networks': 'Networks',
  'nav.programmes': 'Programmes',
  'nav.evaluation': 'Evaluation',
  'nav.reports': 'Reports',
  'reports.create': 'Create report',
  'reports.createHint': 'Makes a PDF report and shows it on the reports page.',
  'nav.admin': 'Administration',
  'nav.adminImport': 'Area import',
  'nav.adminRoles': 'Role assignments',
  'nav.about': 'About Quartier',

  'auth.login': 'Sign in',
  'auth.logout': 'Sign out',
  'auth.signedInAs': 'Signed in as {name}',
  'auth.tenant': 'Tenant: {tenant}',
  'auth.completing': 'Completing sign-in …',
  'auth.failed': 'Sign-in failed. Please try again.',
  'auth.retry': 'Sign in again',
  'auth.redirecting': 'Redirecting to sign-in …',

  'page.comingSoon.title': '{feature}: in preparation',
  'page.comingSoon.body':
    'This section is being developed. No data is shown here yet; it will appear once the corresponding service is available.',
  'page.forbidden.title': 'Access denied',
  'page.forbidden.body': 'You lack the role this page requires. Please contact your tenant’s administration.',
  'page.notFound.title': 'Page not found',
  'page.notFound.body': 'The requested address does not exist.',
  'page.notFound.home': 'Go to the start page',

  'about.title': 'About Quartier',
  'about.body':
    'Quartier supports city administrations in social-space-oriented planning: areas, indicators, surveys, actor networks, programmes and their evaluation.',
  'about.dataTitle': 'Data sources and licences',
  'about.lorGeometries':
    'Geometries of Berlin’s “Lebensweltlich orientierte Räume” (LOR): Geoportal Berlin, Data licence Germany – attribution – version 2.0 (dl-de/by-2.0).',
  'about.mss':
    'Population figures (as of 31 Dec 2018) and social indicators of the demo: Monitoring Soziale Stadtentwicklung (MSS), Berlin Senate Department for Urban Development, Building and Housing (SenSBW).',
  'about.iati':
    'IATI activity schema 2.03, which the programmes’ IATI export follows: IATI Standard (iatistandard.org), © Development Initiatives on behalf of the IATI Secretariat, Creative Commons Attribution 4.0 (CC BY 4.0).',
  'about.iatiSource': 'source of the schema: IATI/IATI-Schemas, version 2.03',
  'about.licenceText': 'licence text',
  'about.mapNote': 'Maps show the area geometries only; no external map tiles are loaded.',
  'about.version': 'Version {version}',
  'about.demoTitle': 'The demo cities',
  'about.musterstadt':
    'Musterstadt (Demo) is a fictional city Quartier generates itself: areas on four levels, indicators 2017–2024, a social index, a survey and an actor network with two waves each. Sign in as musterstadt-admin.',
  'about.addBerlin':
    'Berlin (Demo) uses real third-party data (LOR, MSS) that is not part of Quartier. If Berlin has no areas, that data is missing: “npm run -s quartier -- data fetch berlin” downloads the LOR geometries and checks every file; the Senate Department publishes the MSS tables only as Excel workbooks — the command names each table’s page, and saved as CSV they go into the folder (or set QUARTIER_REFERENCE_DATA to a folder with berlin/lor-until-2020 and berlin/mss). Then restart Quartier.',
  'about.berlinMissing':
    'Berlin (Demo) is missing: Quartier did not find the Berlin reference data (LOR, MSS) when it started and set up Musterstadt only.',
  'about.berlinPresent':
    'Berlin (Demo) uses real third-party data (LOR, MSS) from the reference data folder; it is not part of Quartier.',
  'about.addBerlinSteps':
    'To add Berlin: “npm run -s quartier -- data fetch berlin” downloads the LOR geometries and checks every file; the Senate Department publishes the MSS tables only as Excel workbooks — the command names each table’s page, and saved as CSV they go into the folder. Or set QUARTIER_REFERENCE_DATA to a folder with berlin/lor-until-2020 and berlin/mss. Then restart Quartier.',

  'areas.title': 'Areas',
  'areas.intro': 'Your tenant’s area hierarchy as a tree and as a map. Choose an area to see its details.',
  'areas.tree': 'Area hierarchy',
  'areas.expand': 'Show sub-areas of {name}',
  'areas.collapse': 'Hide sub-areas of {name}',
  'areas.editableMark': 'editable',
  'areas.noChildren': 'No sub-areas',
  'areas.map': 'Map',
  'areas.mapLabel': 'Map of the areas at level {level}, coloured by population',
  'areas.mapHint': 'Every area on the map can also be reached with the keyboard through the area hierarchy.',
  'areas.level': 'Level',
  'areas.legend': 'Population',
  'areas.legendNoData': 'no data',
  'areas.mapFeatures': '{count} areas on the map',
  'areas.mapError': 'The map could not be loaded (completely).',
  'areas.mapFile': 'areas-map',
  'areas.indicatorsFile': 'indicators',
  'areas.search': 'Search areas',
  'areas.detail': 'Area details',
  'areas.noSelection': 'No area selected. Choose an area in the tree or on the map.',
  'areas.code': 'Code',
  'areas.population': 'Population',
  'areas.populationUnknown': 'not recorded',
  'areas.areaSize': 'Area',
  'areas.validFrom': 'Valid from',
  'areas.ancestors': 'Parent areas',
  'areas.children': 'Sub-areas',
  'areas.profileIndicators': 'Key indicators',
  'areas.profileIndicatorsNone': 'There are no indicator values for this area.',
  'areas.profileIndicator': 'Indicator',
  'areas.profileValue': 'Value',
  'areas.profileChange': 'Change',
  'areas.profilePeriod': 'Period',
  'areas.profileTrendHeading': 'Trend',
  'areas.profileSince': 'since {period}',
  'areas.profileTrend.better': 'better',
  'areas.profileTrend.worse': 'worse',
  'areas.profileTrend.up': 'up',
  'areas.profileTrend.down': 'down',
  'areas.profileTrend.unchanged': 'unchanged',
  'areas.profileApproximate': 'approximation from the sub-areas',
  'areas.profileIndex': 'Social index ({run})',
  'areas.profileNotRated': 'not rated (too few inhabitants or excluded)',
  'areas.profileSurveys': 'Surveys',
  'areas.profileSurveysNone': 'No survey covers this area.',
  'areas.profileSurveyStatus.draft': 'draft',
  'areas.profileSurveyStatus.open': 'open',
  'areas.profileSurveyStatus.closed': 'closed',
  'areas.profileActors': 'Actors with offerings',
  'areas.profileActorsNone': 'No actors with offerings in this area.',
  'areas.profileActorsMore': '… and {count} more',
  'areas.profileYears': 'years',
  'areas.breadcrumb': 'Position in the hierarchy',
  'areas.edit': 'Edit',
  'areas.editTitle': 'Edit {name}',
  'areas.notEditable': 'This area lies outside your area of responsibility and cannot be edited.',
  'areas.outsideScope':
    'This area lies outside your area of responsibility: its details and editing are not available to you.',
  'areas.name': 'Name',
  'areas.save': 'Save',
  'areas.cancel': 'Cancel',
  'areas.saved': 'Changes to {name} saved.',
  'areas.nameRequired': 'Please enter a name.',
  'areas.populationInvalid': 'Please enter a whole number from 0, or leave the field empty.',
  'areas.loadError': 'Areas could not be loaded: {reason}',
  'areas.saveError': 'Saving failed: {reason}',

  'import.title': 'Area import',
  'import.intro':
    'Import the areas of one level from a GeoJSON file (FeatureCollection). The import is all-or-nothing: if any feature has an error, nothing is applied.',
  'import.file': 'GeoJSON file',
  'import.fileHint': 'FeatureCollection, at most 100 MB',
  'import.fileSelected': '{name} ({size})',
  'import.level': 'Level',
  'import.codeProperty': 'Property holding the area code',
  'import.nameProperty': 'Property holding the name',
  'import.parentFrom': 'Determine the parent area from',
  'import.parentFromCodePrefix': 'the prefix of the area code',
  'import.parentFromProperty': 'a property',
  'import.parentFromNone': 'nothing (top level)',
  'import.parentProperty': 'Property holding the parent area’s code',
  'import.populationProperty': 'Property holding the population (optional)',
  'import.validFrom': 'Valid from',
  'import.start': 'Start import',
  'import.status': 'Status: {status}',
  'import.status.queued': 'queued',
  'import.status.running': 'running',
  'import.status.succeeded': 'completed successfully',
  'import.status.failed': 'failed',
  'import.status.cancelled': 'cancelled',
  'import.status.interrupted': 'interrupted',
  'import.interrupted':
    'The import was interrupted because the service restarted ({processed} features read). Nothing was kept.',
  'import.again': 'Import again',
  'import.progress': '{processed} of {total} features processed',
  'import.processed': '{processed} features processed',
  'import.result': '{created} areas created, {updated} updated.',
  'import.errors': 'Errors in the file ({count})',
  'import.errorFeature': 'Feature {number} (Index {index})',
  'import.errorsTruncated': 'Showing the first {shown} of {count} errors.',
  'import.fileRequired': 'Please choose a file.',
  'import.fieldRequired': 'Required',
  'import.requestError': 'The import could not be started: {reason}',

  'roles.title': 'Role assignments',
  'roles.intro':
    'A role assignment has two parts: the identity provider (the sign-in service) grants the role, here you set where it applies – an area with all its sub-areas or, without an area, the whole tenant. Tenant and platform administration are granted at the identity provider only.',
  'roles.filter': 'Filter by user id',
  'roles.subject': 'User id',
  'roles.role': 'Role',
  'roles.area': 'Area',
  'roles.areaNone': 'whole tenant',
  'roles.programme': 'Programme',
  'roles.created': 'Created',
  'roles.actions': 'Actions',
  'roles.remove': 'Remove',
  'roles.removeLabel': 'Remove role {role} from {subject}',
  'roles.removeConfirm': 'Really remove role {role} from {subject}?',
  'roles.removed': 'Role assignment removed.',
  'roles.add': 'Assign role',
  'roles.addTitle': 'New role assignment',
  'roles.added': 'Assigned: {subject} – role {role} at the identity provider, scope here: {scope}.',
  'roles.provider': 'At the identity provider',
  'roles.providerEffective': 'role held – applies',
  'roles.providerMissing': 'role missing – applies once the identity provider grants it',
  'roles.providerUnknown': 'not signed in yet',
  'roles.notHeldExplain':
    '{subject} did not hold the role {role} at the identity provider when last signing in. The assignment applies once the identity provider grants it.',
  'roles.acknowledge':
    'I have granted {subject} the role {role} at the identity provider (or am doing so now).',
  'roles.addAnyway': 'Assign the scope anyway',
  'roles.empty': 'No role assignments found.',
  'roles.total': '{count} assignments',
  'roles.areaPicker': 'Area (optional)',
  'roles.areaPickerHint': 'Type a name or code',
  'roles.areaClear': 'Clear area selection',
  'roles.error': 'Action failed: {reason}',
  'roles.previous': 'Previous page',
  'roles.next': 'Next page',
  'roles.page': 'Entries {from}–{to} of {total}',

  'role.platform-admin': 'Platform administration',
  'role.tenant-admin': 'Tenant administration',
  'role.programme-manager': 'Programme management',
  'role.planner': 'Planning',
  'role.analyst': 'Analysis',
  'role.evaluator': 'Evaluation',
  'role.viewer': 'Read access',

  'error.network': 'The server cannot be reached.',
  'error.unknown': 'Unknown error (HTTP {status}).',
};

export const DICTIONARIES: Readonly<Record<Language, Dictionary>> = { de, en };

export type TranslationParams = Readonly<Record<string, string | number>>;

/**
 * Looks a key up and fills `{placeholders}`. A placeholder without a value stays visible as
 * `{name}` so a forgotten parameter shows up in review instead of silently vanishing.
 */
export function translate(dictionary: Dictionary, key: TranslationKey, params?: TranslationParams): string {
  const text = dictionary[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : placeholder,
  );
}

/**
 * Fills a feature text's `{placeholders}` (the feature libraries' own dictionaries); one without
 * a value stays visible as `{name}`, as in `translate`.
 */
export function fillPlaceholders(text: string, params: TranslationParams = {}): string {
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? `{${name}}`));
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** BCP 47 locale for number and date formatting in each language. */
export const LOCALES: Readonly<Record<Language, string>> = { de: 'de-DE', en: 'en-GB' };

/**
 * Chooses the start language: an explicit earlier choice wins; otherwise German, because the
 * portal's audience is German administrations even when their browsers report English.
 */
export function initialLanguage(stored: string | null): Language {
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}
