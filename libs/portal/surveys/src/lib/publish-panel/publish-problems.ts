// Why a survey cannot open yet, as the publish panel says it: a translated sentence chosen by the
// problem's `code` (the survey service's `details.issues`, beside its English `problems`), filled
// with the values it names. A code the portal does not know, or an answer without codes, gets the
// general sentence; the English message is never shown.
import { codedTextKey, type TranslationParams } from '@quartier/portal-ui/texts';

/** One reason as the survey service reports it in a 409 NotPublishable's `details.issues`. */
export interface PublishIssue {
  readonly code?: unknown;
  readonly params?: unknown;
}

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
  'publishProblem.UncollectedQuestion':
    'The question {question} ({type}) asks for a file; responses are anonymous and carry no photos, recordings or files. Remove the question or make it a note.',
  'publishProblem.other': 'The survey does not yet meet a condition for publishing.',
};

function scalarParams(params: unknown): Record<string, string | number> {
  if (typeof params !== 'object' || params === null) return {};
  return Object.fromEntries(
    Object.entries(params).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
  ) as Record<string, string | number>;
}

/**
 * The sentences for a refused publication's details: one per issue by its code (the general one
 * for an unknown code or a missing value); without issues, one general sentence.
 */
export function publishProblemTexts(
  details: unknown,
): { key: PublishProblemTextKey; params: TranslationParams }[] {
  const issues =
    typeof details === 'object' && details !== null ? (details as { issues?: unknown }).issues : undefined;
  if (!Array.isArray(issues) || issues.length === 0) return [{ key: 'publishProblem.other', params: {} }];
  return issues.map((issue: PublishIssue) => {
    const code = typeof issue?.code === 'string' ? issue.code : '';
    const params = scalarParams(issue?.params);
    const key = codedTextKey(
      PUBLISH_PROBLEM_TEXTS_DE,
      `publishProblem.${code}`,
      params,
      'publishProblem.other',
    );
    return { key, params };
  });
}
