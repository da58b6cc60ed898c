// Why a survey cannot open yet, as the publish panel says it: a translated sentence chosen by the
// problem's `code` (the survey service's `details.issues`, beside its English `problems`), filled
// with the values it names. A code the portal does not know, or an answer without codes, gets the
// general sentence; the English message is never shown.
import { type CodedReason, codedReason, detailsList } from '../coded-reasons';

export const PUBLISH_PROBLEM_TEXTS_DE = {
  'publishProblem.NoForm': 'Die Befragung hat noch keinen Fragebogen.',
  'publishProblem.NoWave': 'Die Befragung hat noch keine Welle.',
  'publishProblem.NoNetworkSetup':
    'Eine Netzwerkbefragung braucht ihren Namensgenerator und ihre Akteursliste.',
  'publishProblem.NoAreaQuestion':
    'Eine Bewohnerbefragung braucht eine Frage nach dem Wohngebiet (Fragetyp „area“).',
  'publishProblem.TargetAreaBoundariesMissing':
    'Die Gebietsfrage {question} lässt einen Punkt auf der Karte setzen; dafür fehlen die Grenzen der Zielgebiete {areas}.',
  'publishProblem.NoTargetAreas': 'Die Befragung hat noch keine Zielgebiete.',
  'publishProblem.UnknownAreaChoices':
    'Die Auswahlliste {list} nennt Gebiete, die keine Zielgebiete sind: {codes}.',
  'publishProblem.InvalidIndicatorItem':
    'Ein Indikator der Befragung passt nicht zu den Fragen des Fragebogens.',
  'publishProblem.InvalidWeighting':
    'Die Gewichtung passt nicht mehr zu den Zielgebieten oder zum Fragebogen (ein Gebiet ist kein Zielgebiet mehr oder eine Antwort der Gewichtungsfrage fehlt). Speichern Sie die Gewichtung angepasst neu.',
  'publishProblem.UncollectedQuestion':
    'Die Frage {question} ({type}) fragt nach einer Datei; Antworten sind anonym und enthalten keine Fotos, Aufnahmen oder Dateien. Entfernen Sie die Frage oder machen Sie sie zu einem Hinweis.',
  'publishProblem.other': 'Die Befragung erfüllt eine Voraussetzung für die Veröffentlichung noch nicht.',
} as const;

export type PublishProblemTextKey = keyof typeof PUBLISH_PROBLEM_TEXTS_DE;

export const PUBLISH_PROBLEM_TEXTS_EN: Readonly<Record<PublishProblemTextKey, string>> = {
  'publishProblem.NoForm': 'The survey has no questionnaire yet.',
  'publishProblem.NoWave': 'The survey has no wave yet.',
  'publishProblem.NoNetworkSetup': 'A network survey needs its name generator and actor list.',
  'publishProblem.NoAreaQuestion': 'A residents’ survey needs an area-of-residence question (type “area”).',
  'publishProblem.TargetAreaBoundariesMissing':
    'The area question {question} places a point on the map; the boundaries of the target areas {areas} are missing for it.',
  'publishProblem.NoTargetAreas': 'The survey has no target areas yet.',
  'publishProblem.UnknownAreaChoices':
    'The choice list {list} names areas that are not target areas: {codes}.',
  'publishProblem.InvalidIndicatorItem':
    'An indicator of the survey does not fit the questionnaire’s questions.',
  'publishProblem.InvalidWeighting':
    'The weighting no longer fits the target areas or the questionnaire (an area is no longer a target area, or an answer of the weighting question is gone). Save the weighting again, corrected.',
  'publishProblem.UncollectedQuestion':
    'The question {question} ({type}) asks for a file; responses are anonymous and carry no photos, recordings or files. Remove the question or make it a note.',
  'publishProblem.other': 'The survey does not yet meet a condition for publishing.',
};

/**
 * The sentences for a refused publication's details: one per issue by its code (the general one
 * for an unknown code or a missing value); without issues, one general sentence.
 */
export function publishProblemTexts(details: unknown): CodedReason<PublishProblemTextKey>[] {
  const issues = detailsList(details, 'issues');
  if (!issues) return [{ key: 'publishProblem.other', params: {} }];
  return issues.map((issue) =>
    codedReason(issue, PUBLISH_PROBLEM_TEXTS_DE, 'publishProblem', 'publishProblem.other'),
  );
}
