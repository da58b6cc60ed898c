// What the area import says about a refused feature: a German or English sentence chosen by the
// error's `code` (the registry's stable code) and filled with the values it names (property,
// code, ring, position, …). The registry's `reason` is English for API clients and logs; it is
// never shown.
import { codedTextKey, fillPlaceholders } from '@quartier/portal-ui/texts';

/** One refused feature as the registry reports it (`AreaImportJob.errors`). */
export interface FeatureErrorView {
  readonly feature: number;
  readonly code?: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly reason: string;
}

export const FEATURE_ERROR_TEXTS_DE = {
  NotAFeature: 'Das ist kein GeoJSON-Feature.',
  UnstorableFeature:
    'Eine Eigenschaft enthält Zeichen, die nicht gespeichert werden können (NUL oder ungültiges Unicode).',
  CodeMissing: 'Die Eigenschaft „{property}“ (Gebietsschlüssel) fehlt oder ist leer.',
  CodeUnstorable:
    'Die Eigenschaft „{property}“ (Gebietsschlüssel) enthält Zeichen, die nicht gespeichert werden können.',
  CodeTooLong: 'Der Gebietsschlüssel „{code}…“ ist länger als {max} Zeichen.',
  DuplicateCode: 'Den Gebietsschlüssel „{code}“ hat schon Feature {firstNumber} (Index {first}).',
  NameMissing: 'Die Eigenschaft „{property}“ (Name) fehlt oder ist leer.',
  NameTooLong: 'Der Name in „{property}“ ist länger als {max} Zeichen.',
  NameUnstorable: 'Der Name in „{property}“ enthält Zeichen, die nicht gespeichert werden können.',
  NameMisleading:
    'Der Name in „{property}“ enthält Steuerzeichen der Schreibrichtung, die ihn irreführend anzeigen würden.',
  InvalidPopulation: 'Die Einwohnerzahl in „{property}“ muss eine ganze Zahl ab 0 sein, nicht {value}.',
  ParentRequired:
    'Die Ebene hat eine übergeordnete Ebene: Wählen Sie, woraus sich das übergeordnete Gebiet ergibt.',
  ParentCodeMissing: 'Die Eigenschaft „{property}“ (übergeordnetes Gebiet) fehlt.',
  UnknownParent: 'Das übergeordnete Gebiet „{parent}“ gibt es auf der Ebene darüber nicht.',
  NoParentByPrefix: 'Kein Gebiet der Ebene darüber hat einen Schlüssel, mit dem „{code}“ beginnt.',
  GeometryMissing: 'Die Geometrie fehlt.',
  GeometryType: 'Die Geometrie ist vom Typ {type}, nicht Polygon oder MultiPolygon.',
  NoCoordinates: 'Die Geometrie hat keine Koordinaten.',
  PolygonWithoutRings: 'Polygon {polygon} hat keine Ringe.',
  RingNotList: 'Ring {ring} ist keine Liste von Positionen.',
  RingTooShort: 'Ring {ring} hat {positions} Positionen; ein geschlossener Ring braucht mindestens 4.',
  PositionInvalid: 'Ring {ring}: Position {position} ist nicht [Länge, Breite].',
  PositionOutOfBounds:
    'Ring {ring}: Position {position} ({lon}, {lat}) liegt außerhalb des WGS84-Wertebereichs.',
  RingNotClosed: 'Ring {ring} ist nicht geschlossen (erste und letzte Position unterscheiden sich).',
  RingSelfIntersection: 'Ring {ring} schneidet sich selbst (Kanten {edge} und {otherEdge}).',
  RingsCross: 'Die Ringe {ring} und {otherRing} kreuzen sich (Kanten {edge} und {otherEdge}).',
  HoleOutside: 'Loch {hole} liegt außerhalb des äußeren Rings.',
  inPolygon: 'Polygon {polygon}: {sentence}',
  other: 'Dieses Feature enthält einen Fehler.',
} as const;

export type FeatureErrorTextKey = keyof typeof FEATURE_ERROR_TEXTS_DE;
export type FeatureErrorTexts = Readonly<Record<FeatureErrorTextKey, string>>;

export const FEATURE_ERROR_TEXTS_EN: FeatureErrorTexts = {
  NotAFeature: 'This is not a GeoJSON feature.',
  UnstorableFeature: 'A property contains characters that cannot be stored (NUL or invalid Unicode).',
  CodeMissing: 'Property “{property}” (area code) is missing or empty.',
  CodeUnstorable: 'Property “{property}” (area code) contains characters that cannot be stored.',
  CodeTooLong: 'Area code “{code}…” is longer than {max} characters.',
  DuplicateCode: 'Feature {firstNumber} (index {first}) already has area code “{code}”.',
  NameMissing: 'Property “{property}” (name) is missing or empty.',
  NameTooLong: 'The name in “{property}” is longer than {max} characters.',
  NameUnstorable: 'The name in “{property}” contains characters that cannot be stored.',
  NameMisleading:
    'The name in “{property}” contains text direction controls that would display it misleadingly.',
  InvalidPopulation: 'The population in “{property}” must be a whole number from 0, not {value}.',
  ParentRequired: 'The level has a level above it: choose where the parent area comes from.',
  ParentCodeMissing: 'Property “{property}” (parent area) is missing.',
  UnknownParent: 'The level above has no parent area “{parent}”.',
  NoParentByPrefix: 'No area of the level above has a code that “{code}” starts with.',
  GeometryMissing: 'The geometry is missing.',
  GeometryType: 'The geometry is a {type}, not a Polygon or MultiPolygon.',
  NoCoordinates: 'The geometry has no coordinates.',
  PolygonWithoutRings: 'Polygon {polygon} has no rings.',
  RingNotList: 'Ring {ring} is not a list of positions.',
  RingTooShort: 'Ring {ring} has {positions} positions; a closed ring needs at least 4.',
  PositionInvalid: 'Ring {ring}: position {position} is not [longitude, latitude].',
  PositionOutOfBounds: 'Ring {ring}: position {position} ({lon}, {lat}) is outside the WGS84 range.',
  RingNotClosed: 'Ring {ring} is not closed (its first and last positions differ).',
  RingSelfIntersection: 'Ring {ring} intersects itself (edges {edge} and {otherEdge}).',
  RingsCross: 'Rings {ring} and {otherRing} cross (edges {edge} and {otherEdge}).',
  HoleOutside: 'Hole {hole} lies outside the outer ring.',
  inPolygon: 'Polygon {polygon}: {sentence}',
  other: 'This feature contains an error.',
};

/**
 * The sentence for one refused feature in the language of `texts`: by its code when the portal
 * knows it and the error names every value the sentence needs (else the general sentence, so a
 * new code or a missing value never shows a raw key or `{name}`); a ring of a MultiPolygon's part
 * is prefixed with its polygon.
 */
export function featureErrorSentence(error: FeatureErrorView, texts: FeatureErrorTexts): string {
  const params: Record<string, string | number> = { ...error.params };
  if (typeof params['first'] === 'number') params['firstNumber'] = params['first'] + 1;
  const code = error.code ?? 'other';
  const key: FeatureErrorTextKey =
    code === 'inPolygon' ? 'other' : codedTextKey<FeatureErrorTextKey>(texts, code, params, 'other');
  const sentence = fillPlaceholders(texts[key], params);
  // A problem of a whole part (PolygonWithoutRings) names its polygon in the sentence itself.
  return params['polygon'] === undefined || key === 'PolygonWithoutRings' || key === 'other'
    ? sentence
    : fillPlaceholders(texts.inPolygon, { polygon: params['polygon'], sentence });
}

/** Why the file as a whole was refused (`AreaImportJob.fileProblem`), by the registry's code. */
export const FILE_PROBLEM_TEXTS_DE = {
  NotJson:
    'Die Datei ist kein lesbares JSON; erwartet wird eine GeoJSON-FeatureCollection. Es wurde nichts importiert.',
  NotFeatureCollection:
    'Die Datei ist keine GeoJSON-FeatureCollection (es fehlt die Liste „features“). Es wurde nichts importiert.',
  NoFeatures: 'Die FeatureCollection enthält keine Features: Es gibt nichts zu importieren.',
  other: 'Die Datei konnte nicht importiert werden; es wurde nichts importiert.',
} as const;

export type FileProblemTexts = Readonly<Record<keyof typeof FILE_PROBLEM_TEXTS_DE, string>>;

export const FILE_PROBLEM_TEXTS_EN: FileProblemTexts = {
  NotJson: 'The file is not readable JSON; a GeoJSON FeatureCollection is expected. Nothing was imported.',
  NotFeatureCollection:
    'The file is not a GeoJSON FeatureCollection (the “features” list is missing). Nothing was imported.',
  NoFeatures: 'The FeatureCollection has no features: there is nothing to import.',
  other: 'The file could not be imported; nothing was imported.',
};

/** The sentence for a problem of the whole file; a code the portal does not know yet gets the general one. */
export function fileProblemSentence(problem: string, texts: FileProblemTexts): string {
  return texts[codedTextKey<keyof FileProblemTexts>(texts, problem, {}, 'other')];
}
