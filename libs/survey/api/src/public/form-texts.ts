// Interface texts of the public form (the questions come from the form itself). German is the
// default; English covers every other form language, "Leichte Sprache" gets plain German.
import {
  ANSWER_ISSUE_CODES,
  type AnswerIssueCode,
  NETWORK_ISSUE_CODES,
  type NetworkIssueCode,
} from '@quartier/survey-core';

export interface FormTexts {
  readonly skip: string;
  readonly languages: string;
  readonly privacy: string;
  readonly required: string;
  readonly optional: string;
  readonly submit: string;
  readonly sending: string;
  readonly errorsTitle: string;
  readonly errorsCount: string;
  readonly thanksTitle: string;
  readonly thanks: string;
  readonly draftRestored: string;
  readonly discardDraft: string;
  readonly draftDiscarded: string;
  readonly addInstance: string;
  readonly removeInstance: string;
  /** Beside a repeat's add button once it holds the most instances the server accepts. */
  readonly repeatLimit: string;
  readonly rankPlaceholder: string;
  readonly selectPlaceholder: string;
  readonly invitationLabel: string;
  readonly invitationHint: string;
  readonly honeypot: string;
  readonly tooMany: string;
  readonly failed: string;
  readonly closed: string;
  readonly noScript: string;
  readonly postcodeHint: string;
  readonly geopointHint: string;
  readonly pointHint: string;
  readonly latitude: string;
  readonly longitude: string;
  readonly useLocation: string;
  readonly locating: string;
  readonly located: string;
  readonly locationFailed: string;
  readonly errPointOutside: string;
  readonly respondentLabel: string;
  readonly altersHint: string;
  readonly partner: string;
  readonly listedOrganisation: string;
  readonly otherOrganisation: string;
  readonly newName: string;
  readonly addPartner: string;
  readonly removePartner: string;
  readonly errNamedTwice: string;
  readonly errSelf: string;
  readonly errTooMany: string;
  readonly rankHint: string;
  readonly qrTitle: string;
  readonly errRequired: string;
  readonly errInteger: string;
  readonly errDecimal: string;
  readonly errDate: string;
  readonly errFormat: string;
  readonly errConstraint: string;
  readonly errChoice: string;
  readonly errArea: string;
  readonly errRank: string;
  /**
   * A page older than the questionnaire (changed while the respondent answered): the server
   * refuses an answer to a question it no longer has, one that takes no answer any more, or one
   * its conditions now skip. Reloading shows the current questions; the draft keeps the answers.
   */
  readonly errUnknownField: string;
  readonly errNotAnswerable: string;
  readonly errNotRelevant: string;
  /** A name generator answer the server refuses (see NETWORK_ISSUE_TEXT_KEYS). */
  readonly errActorUnknown: string;
  readonly errActorAmbiguous: string;
  readonly errActorName: string;
  readonly errListOnly: string;
  readonly errRange: string;
  /** A submission the server refuses as a whole (see REFUSAL_TEXT_KEYS). */
  readonly errInvitationInvalid: string;
  readonly errInvitationRequired: string;
  readonly waveNotOpen: string;
  readonly gone: string;
  /** The heading and sentence of the page of a form link that leads to no questionnaire. */
  readonly notFoundTitle: string;
  readonly notFound: string;
  readonly tooLarge: string;
  readonly errUnsafeText: string;
  readonly errUnreadable: string;
  readonly operatedBy: string;
  readonly imprint: string;
  readonly privacyNotice: string;
  readonly legal: string;
}

const DE: FormTexts = {
  skip: 'Zum Fragebogen springen',
  languages: 'Sprache',
  privacy:
    'Die Befragung ist anonym. Wir speichern keine IP-Adresse, keine Uhrzeit (nur das Datum) und setzen keine Cookies. Ein angefangener Fragebogen wird nur auf diesem Gerät zwischengespeichert.',
  required: 'Pflichtangabe',
  optional: 'freiwillig',
  submit: 'Antworten absenden',
  sending: 'Wird gesendet …',
  errorsTitle: 'Bitte prüfen Sie Ihre Angaben',
  errorsCount: '{n} Angabe(n) müssen korrigiert werden.',
  thanksTitle: 'Vielen Dank!',
  thanks: 'Ihre Antworten sind angekommen. Sie können dieses Fenster jetzt schließen.',
  draftRestored: 'Ihr angefangener Fragebogen wurde wiederhergestellt.',
  discardDraft: 'Neu beginnen',
  draftDiscarded: 'Der Entwurf wurde gelöscht.',
  addInstance: 'Weitere hinzufügen',
  removeInstance: 'Entfernen',
  repeatLimit: 'Mehr als {n} Einträge sind nicht möglich.',
  rankPlaceholder: 'Rang wählen',
  selectPlaceholder: 'Bitte auswählen',
  invitationLabel: 'Einladungscode',
  invitationHint: 'Den Code finden Sie in Ihrem Einladungsschreiben.',
  honeypot: 'Dieses Feld bitte leer lassen',
  tooMany:
    'Von diesem Anschluss kamen gerade sehr viele Antworten. Bitte versuchen Sie es in einigen Minuten noch einmal.',
  failed:
    'Das Absenden hat nicht geklappt. Ihre Antworten sind gespeichert; bitte versuchen Sie es noch einmal.',
  closed: 'Diese Befragung ist beendet. Vielen Dank für Ihr Interesse.',
  noScript:
    'Für diesen Fragebogen wird JavaScript benötigt. Bitte aktivieren Sie JavaScript oder nutzen Sie den Papierfragebogen.',
  postcodeHint: 'Fünfstellige Postleitzahl, zum Beispiel 10115.',
  geopointHint: 'Breite und Länge, zum Beispiel 52.52 13.40.',
  pointHint:
    'Geben Sie Breite und Länge Ihres Wohnorts an (zum Beispiel 52.52 und 13.40) oder lassen Sie Ihr Gerät den Standort ermitteln. Gespeichert wird nur das Gebiet, nicht der Ort.',
  latitude: 'Breite (Grad Nord)',
  longitude: 'Länge (Grad Ost)',
  useLocation: 'Meinen Standort verwenden',
  locating: 'Standort wird ermittelt …',
  located: 'Breite und Länge wurden aus Ihrem Standort eingetragen.',
  locationFailed: 'Der Standort konnte nicht ermittelt werden. Bitte tragen Sie Breite und Länge selbst ein.',
  errPointOutside: 'Dieser Ort liegt in keinem Gebiet dieser Befragung.',
  respondentLabel: 'Für welche Organisation antworten Sie?',
  altersHint:
    'Nennen Sie bis zu {n} Organisationen: aus der Liste oder mit neuem Namen. Zu jeder stellen wir kurze Fragen.',
  partner: 'Organisation',
  listedOrganisation: 'Organisation aus der Liste',
  otherOrganisation: 'Andere Organisation (nicht in der Liste)',
  newName: 'Name der Organisation',
  addPartner: 'Organisation hinzufügen',
  removePartner: 'Organisation {n} entfernen',
  errNamedTwice: 'Diese Organisation ist schon genannt.',
  errSelf: 'Ihre eigene Organisation nennen Sie bitte nicht.',
  errTooMany: 'Bitte nennen Sie höchstens {n} Organisationen.',
  rankHint: 'Geben Sie jeder Antwort einen anderen Rang (1 = am wichtigsten).',
  qrTitle: 'QR-Code zum Fragebogen',
  errRequired: 'Bitte beantworten Sie diese Frage.',
  errInteger: 'Bitte geben Sie eine ganze Zahl ein.',
  errDecimal: 'Bitte geben Sie eine Zahl ein.',
  errDate: 'Bitte geben Sie ein Datum ein.',
  errFormat: 'Diese Angabe hat nicht das erwartete Format.',
  errConstraint: 'Diese Angabe ist hier nicht möglich.',
  errChoice: 'Bitte wählen Sie eine der angebotenen Antworten.',
  errArea: 'Diese Angabe passt zu keinem Gebiet der Befragung.',
  errRank: 'Bitte vergeben Sie jeden Rang genau einmal.',
  errUnknownField:
    'Diese Frage gibt es im Fragebogen nicht mehr – er wurde wohl geändert, während Sie geantwortet haben. Bitte laden Sie die Seite neu. Ihre Antworten bleiben erhalten.',
  errNotAnswerable:
    'Auf diese Frage kann man nicht mehr antworten – der Fragebogen wurde wohl geändert, während Sie geantwortet haben. Bitte laden Sie die Seite neu. Ihre Antworten bleiben erhalten.',
  errNotRelevant:
    'Diese Frage passt nicht zu Ihren übrigen Antworten – der Fragebogen wurde wohl geändert, während Sie geantwortet haben. Bitte laden Sie die Seite neu. Ihre Antworten bleiben erhalten.',
  errActorUnknown:
    'Diese Organisation steht nicht mehr in der Liste – sie wurde wohl geändert, während Sie geantwortet haben. Bitte laden Sie die Seite neu und wählen Sie erneut.',
  errActorAmbiguous: 'Bitte wählen Sie eine Organisation aus der Liste oder geben Sie einen neuen Namen ein.',
  errActorName: 'Bitte geben Sie einen Namen mit höchstens 200 Zeichen ein.',
  errListOnly: 'Bei dieser Befragung können Sie nur Organisationen aus der Liste nennen.',
  errRange: 'Bitte geben Sie eine ganze Zahl aus dem angegebenen Bereich ein.',
  errInvitationInvalid:
    'Diesen Einladungscode kennen wir nicht, oder er wurde schon verwendet. Bitte prüfen Sie den Code in Ihrem Einladungsschreiben.',
  errInvitationRequired: 'Bitte geben Sie den Einladungscode aus Ihrem Einladungsschreiben ein.',
  waveNotOpen:
    'Diese Befragung nimmt zurzeit keine Antworten an: Der Zeitraum dafür ist vorbei oder hat noch nicht begonnen.',
  gone: 'Diesen Fragebogen gibt es nicht mehr.',
  notFoundTitle: 'Nicht gefunden',
  notFound: 'Diesen Fragebogen gibt es nicht (mehr).',
  tooLarge: 'Ihre Antworten sind zu lang, um sie zu senden. Bitte kürzen Sie lange Texte.',
  errUnsafeText:
    'Eine Antwort enthält Zeichen, die wir nicht speichern können (zum Beispiel unsichtbare Steuerzeichen). Bitte schreiben Sie den Text neu, statt ihn einzufügen.',
  errUnreadable:
    'Ihre Antworten konnten nicht gelesen werden. Bitte laden Sie die Seite neu. Ihre Antworten bleiben erhalten.',
  operatedBy: 'Diese Befragung führt durch: {name}',
  imprint: 'Impressum',
  privacyNotice: 'Datenschutzerklärung',
  legal: 'Rechtliche Hinweise',
};

const EN: FormTexts = {
  skip: 'Skip to the questionnaire',
  languages: 'Language',
  privacy:
    'This survey is anonymous. We store no IP address and no time of day (only the date), and set no cookies. A questionnaire you have started is kept only on this device.',
  required: 'required',
  optional: 'optional',
  submit: 'Submit answers',
  sending: 'Sending …',
  errorsTitle: 'Please check your answers',
  errorsCount: '{n} answer(s) need to be corrected.',
  thanksTitle: 'Thank you!',
  thanks: 'Your answers have been received. You can close this window now.',
  draftRestored: 'The questionnaire you started has been restored.',
  discardDraft: 'Start again',
  draftDiscarded: 'The draft was deleted.',
  addInstance: 'Add another',
  removeInstance: 'Remove',
  repeatLimit: 'No more than {n} entries are possible.',
  rankPlaceholder: 'Choose a rank',
  selectPlaceholder: 'Please choose',
  invitationLabel: 'Invitation code',
  invitationHint: 'You will find the code in your invitation letter.',
  honeypot: 'Please leave this field empty',
  tooMany: 'Very many answers came from this connection just now. Please try again in a few minutes.',
  failed: 'Sending did not work. Your answers are saved; please try again.',
  closed: 'This survey has ended. Thank you for your interest.',
  noScript: 'This questionnaire needs JavaScript. Please enable JavaScript or use the paper questionnaire.',
  postcodeHint: 'Five-digit postcode, e.g. 10115.',
  geopointHint: 'Latitude and longitude, e.g. 52.52 13.40.',
  pointHint:
    'Give the latitude and longitude of your home (e.g. 52.52 and 13.40) or let your device find your location. Only the area is stored, not the place.',
  latitude: 'Latitude (degrees north)',
  longitude: 'Longitude (degrees east)',
  useLocation: 'Use my location',
  locating: 'Finding your location …',
  located: 'Latitude and longitude were filled in from your location.',
  locationFailed: 'Your location could not be found. Please enter latitude and longitude yourself.',
  errPointOutside: 'This place lies in none of the survey areas.',
  respondentLabel: 'Which organisation are you answering for?',
  altersHint:
    'Name up to {n} organisations: from the list or by a new name. We ask a few short questions about each.',
  partner: 'Organisation',
  listedOrganisation: 'Organisation from the list',
  otherOrganisation: 'Another organisation (not in the list)',
  newName: 'Name of the organisation',
  addPartner: 'Add an organisation',
  removePartner: 'Remove organisation {n}',
  errNamedTwice: 'This organisation has already been named.',
  errSelf: 'Please do not name your own organisation.',
  errTooMany: 'Please name at most {n} organisations.',
  rankHint: 'Give each answer a different rank (1 = most important).',
  qrTitle: 'QR code of the questionnaire',
  errRequired: 'Please answer this question.',
  errInteger: 'Please enter a whole number.',
  errDecimal: 'Please enter a number.',
  errDate: 'Please enter a date.',
  errFormat: 'This answer is not in the expected format.',
  errConstraint: 'This answer is not possible here.',
  errChoice: 'Please choose one of the answers offered.',
  errArea: 'This answer matches none of the survey areas.',
  errRank: 'Please give each rank exactly once.',
  errUnknownField:
    'This question is no longer in the questionnaire – it was probably changed while you were answering. Please reload the page. Your answers are kept.',
  errNotAnswerable:
    'This question can no longer be answered – the questionnaire was probably changed while you were answering. Please reload the page. Your answers are kept.',
  errNotRelevant:
    'This question does not fit your other answers – the questionnaire was probably changed while you were answering. Please reload the page. Your answers are kept.',
  errActorUnknown:
    'This organisation is no longer in the list – it was probably changed while you were answering. Please reload the page and choose again.',
  errActorAmbiguous: 'Please choose an organisation from the list or enter a new name.',
  errActorName: 'Please enter a name of at most 200 characters.',
  errListOnly: 'In this survey you can only name organisations from the list.',
  errRange: 'Please enter a whole number in the range given.',
  errInvitationInvalid:
    'We do not know this invitation code, or it has already been used. Please check the code in your invitation letter.',
  errInvitationRequired: 'Please enter the invitation code from your invitation letter.',
  waveNotOpen: 'This survey is not taking answers at the moment: its period is over or has not begun yet.',
  gone: 'This questionnaire no longer exists.',
  notFoundTitle: 'Not found',
  notFound: 'This questionnaire does not exist (any more).',
  tooLarge: 'Your answers are too long to send. Please shorten long texts.',
  errUnsafeText:
    'An answer contains characters we cannot store (such as invisible control characters). Please type the text again instead of pasting it.',
  errUnreadable: 'Your answers could not be read. Please reload the page. Your answers are kept.',
  operatedBy: 'This survey is run by {name}',
  imprint: 'Legal notice (Impressum)',
  privacyNotice: 'Privacy notice',
  legal: 'Legal information',
};

const PLAIN_DE: FormTexts = {
  ...DE,
  privacy: 'Wir wissen nicht, wer Sie sind. Wir speichern nur das Datum. Wir setzen keine Cookies.',
  errorsTitle: 'Bitte prüfen Sie diese Antworten',
  thanks: 'Wir haben Ihre Antworten bekommen. Sie können jetzt das Fenster schließen.',
  errUnknownField:
    'Diese Frage gibt es nicht mehr. Der Fragebogen wurde geändert. Bitte laden Sie die Seite neu. Ihre Antworten bleiben da.',
  errNotAnswerable:
    'Auf diese Frage können Sie nicht mehr antworten. Der Fragebogen wurde geändert. Bitte laden Sie die Seite neu. Ihre Antworten bleiben da.',
  errNotRelevant:
    'Diese Frage passt nicht zu Ihren anderen Antworten. Der Fragebogen wurde geändert. Bitte laden Sie die Seite neu. Ihre Antworten bleiben da.',
  errActorUnknown:
    'Diese Organisation ist nicht mehr in der Liste. Die Liste wurde geändert. Bitte laden Sie die Seite neu. Wählen Sie dann noch einmal.',
  errListOnly: 'Sie können nur Organisationen aus der Liste nennen.',
  errInvitationInvalid:
    'Dieser Code stimmt nicht. Oder er wurde schon benutzt. Bitte sehen Sie in Ihrem Brief nach.',
  errInvitationRequired: 'Bitte schreiben Sie den Code aus Ihrem Brief hier hin.',
  waveNotOpen:
    'Sie können jetzt nicht antworten. Die Befragung ist vorbei. Oder sie hat noch nicht angefangen.',
  tooLarge: 'Ihre Antworten sind zu lang. Bitte schreiben Sie kürzer.',
  notFound: 'Diesen Fragebogen gibt es nicht. Oder es gibt ihn nicht mehr.',
  errUnsafeText:
    'In einer Antwort sind Zeichen, die wir nicht speichern können. Bitte schreiben Sie den Text neu.',
  errUnreadable:
    'Wir konnten Ihre Antworten nicht lesen. Bitte laden Sie die Seite neu. Ihre Antworten bleiben da.',
};

/**
 * The sentence a respondent reads for each kind of refused answer where the page has none finer
 * (a number's kind, a ranking, the form's own message). Every code has one: the core's message
 * is technical English, and an answer the server refuses reaches every language's page.
 */
const ISSUE_TEXT_KEYS = {
  unknown_field: 'errUnknownField',
  not_answerable: 'errNotAnswerable',
  not_relevant: 'errNotRelevant',
  required: 'errRequired',
  invalid_type: 'errFormat',
  constraint: 'errConstraint',
  invalid_choice: 'errChoice',
  filtered_choice: 'errChoice',
  unresolved_area: 'errArea',
  invalid_repeat: 'errFormat',
} as const satisfies { readonly [C in AnswerIssueCode]: keyof FormTexts };

export type IssueTexts = Readonly<Record<AnswerIssueCode, string>>;

/** Each code's sentence in the language of `texts`: the text its key in `keys` names. */
function sentencesOf<C extends string>(
  codes: readonly C[],
  keys: { readonly [K in C]: keyof FormTexts },
  texts: FormTexts,
): Readonly<Record<C, string>> {
  return Object.fromEntries(codes.map((code) => [code, texts[keys[code]]])) as Record<C, string>;
}

/** Each answer issue code's sentence in the language of `texts`. */
export function issueTexts(texts: FormTexts): IssueTexts {
  return sentencesOf(ANSWER_ISSUE_CODES, ISSUE_TEXT_KEYS, texts);
}

/**
 * The sentence for each refused name generator answer (the server's issue code in its cause).
 * `{n}` stands for the most partners the survey takes.
 */
const NETWORK_ISSUE_TEXT_KEYS = {
  'respondent-unknown': 'errActorUnknown',
  'too-many-alters': 'errTooMany',
  'alter-ambiguous': 'errActorAmbiguous',
  'actor-unknown': 'errActorUnknown',
  'actor-name-invalid': 'errActorName',
  'new-actor-refused': 'errListOnly',
  'self-named': 'errSelf',
  'named-twice': 'errNamedTwice',
  'answer-required': 'errRequired',
  'answer-not-option': 'errChoice',
  'answer-out-of-range': 'errRange',
  'question-unknown': 'errUnknownField',
} as const satisfies { readonly [C in NetworkIssueCode]: keyof FormTexts };

export type NetworkIssueTexts = Readonly<Record<NetworkIssueCode, string>>;

/** Each name generator issue code's sentence in the language of `texts`. */
export function networkIssueTexts(texts: FormTexts): NetworkIssueTexts {
  return sentencesOf(NETWORK_ISSUE_CODES, NETWORK_ISSUE_TEXT_KEYS, texts);
}

/**
 * The error codes the submission endpoint refuses a whole submission with (its answers refused
 * one by one, InvalidAnswers, are worded by their issue codes) and the sentence for each: the
 * service's messages are English, and the page shows a refusal by its code.
 */
const REFUSAL_TEXT_KEYS = {
  InvitationInvalid: 'errInvitationInvalid',
  InvitationRequired: 'errInvitationRequired',
  SurveyNotOpen: 'closed',
  WaveNotOpen: 'waveNotOpen',
  SurveyNotFound: 'gone',
  WaveNotFound: 'gone',
  TooManySubmissions: 'tooMany',
  PayloadTooLarge: 'tooLarge',
  UnsafeText: 'errUnsafeText',
  ValidationFailed: 'errUnreadable',
  MalformedBody: 'errUnreadable',
  InternalError: 'failed',
} as const satisfies Readonly<Record<string, keyof FormTexts>>;

export type RefusalCode = keyof typeof REFUSAL_TEXT_KEYS;
export const REFUSAL_CODES = Object.keys(REFUSAL_TEXT_KEYS) as RefusalCode[];
export type RefusalTexts = Readonly<Record<RefusalCode, string>>;

/** Each refusal code's sentence in the language of `texts`. */
export function refusalTexts(texts: FormTexts): RefusalTexts {
  return sentencesOf(REFUSAL_CODES, REFUSAL_TEXT_KEYS, texts);
}

export function formTexts(language: string): FormTexts {
  if (language === 'de-x-easy') return PLAIN_DE;
  return language.split('-')[0] === 'de' ? DE : EN;
}

/** How a language is named in the language switcher (in that language). */
export function languageName(tag: string): string {
  if (tag === 'de-x-easy') return 'Leichte Sprache';
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name ? name.charAt(0).toLocaleUpperCase(tag) + name.slice(1) : tag;
  } catch {
    return tag;
  }
}
