import { type BidiProblem, type TextProblem, describeTextProblem } from '@quartier/contracts';

// Why a feature of an area import is refused, as a stable code with the values it names. The
// English sentence (the job's `reason`, for logs and API clients) is written from them here; the
// portal words the same code and values from its own German and English tables, so a planner
// never reads the service's English.

export type FeatureProblemParams = Readonly<Record<string, string | number>>;

const text = (p: FeatureProblemParams, key: string): string => String(p[key] ?? '');

/** `polygon 2 ` before a ring of a MultiPolygon's part; nothing for a Polygon's own rings. */
const part = (p: FeatureProblemParams): string =>
  p['polygon'] === undefined ? '' : `polygon ${text(p, 'polygon')} `;

const textProblemSentence = (p: FeatureProblemParams): string =>
  describeTextProblem(text(p, 'problem') as TextProblem | BidiProblem);

const REASONS = {
  NotAFeature: () => 'not a GeoJSON Feature',
  UnstorableFeature: () =>
    'a property contains a NUL character or an unpaired surrogate, which cannot be stored',
  CodeMissing: (p) => `property "${text(p, 'property')}" (code) is missing or empty`,
  CodeUnstorable: (p) => `property "${text(p, 'property')}" (code) ${textProblemSentence(p)}`,
  CodeTooLong: (p) => `code "${text(p, 'code')}…" is longer than ${text(p, 'max')} characters`,
  DuplicateCode: (p) => `code "${text(p, 'code')}" was already used by feature ${text(p, 'first')}`,
  NameMissing: (p) => `property "${text(p, 'property')}" (name) is missing or empty`,
  NameTooLong: (p) => `property "${text(p, 'property')}" (name) is longer than ${text(p, 'max')} characters`,
  NameUnstorable: (p) => `property "${text(p, 'property')}" (name) ${textProblemSentence(p)}`,
  NameMisleading: (p) => `property "${text(p, 'property')}" (name) ${textProblemSentence(p)}`,
  InvalidPopulation: (p) =>
    `property "${text(p, 'property')}" (population) must be a non-negative whole number, got ${text(p, 'value')}`,
  ParentRequired: () => 'the level has a parent level, so parentFrom cannot be none',
  ParentCodeMissing: (p) => `property "${text(p, 'property')}" (parent code) is missing`,
  UnknownParent: (p) => `parent area "${text(p, 'parent')}" does not exist on the level above`,
  NoParentByPrefix: (p) => `no area on the level above has a code that is a prefix of "${text(p, 'code')}"`,
  GeometryMissing: () => 'geometry is missing',
  GeometryType: (p) => `geometry type ${text(p, 'type')} is not Polygon or MultiPolygon`,
  NoCoordinates: () => 'geometry has no coordinates',
  PolygonWithoutRings: (p) => `polygon ${text(p, 'polygon')} has no rings`,
  RingNotList: (p) => `${part(p)}ring ${text(p, 'ring')}: not a list of positions`,
  RingTooShort: (p) =>
    `${part(p)}ring ${text(p, 'ring')}: has ${text(p, 'positions')} positions, a closed ring needs at least 4`,
  PositionInvalid: (p) =>
    `${part(p)}ring ${text(p, 'ring')}: position ${text(p, 'position')} is not [longitude, latitude]`,
  PositionOutOfBounds: (p) =>
    `${part(p)}ring ${text(p, 'ring')}: position ${text(p, 'position')} (${text(p, 'lon')}, ${text(p, 'lat')}) is outside WGS84 bounds`,
  RingNotClosed: (p) => `${part(p)}ring ${text(p, 'ring')}: is not closed (first and last position differ)`,
  RingSelfIntersection: (p) =>
    `${part(p)}ring ${text(p, 'ring')} intersects itself (edges ${text(p, 'edge')} and ${text(p, 'otherEdge')})`,
  RingsCross: (p) =>
    `${part(p)}rings ${text(p, 'ring')} and ${text(p, 'otherRing')} cross (edges ${text(p, 'edge')} and ${text(p, 'otherEdge')})`,
  HoleOutside: (p) => `${part(p)}hole ${text(p, 'hole')} lies outside the outer ring`,
} as const satisfies Record<string, (p: FeatureProblemParams) => string>;

export type FeatureProblemCode = keyof typeof REASONS;
export const FEATURE_PROBLEM_CODES = Object.keys(REASONS) as FeatureProblemCode[];

/** One reason a feature is refused: the code, the values it names and the English of both. */
export interface FeatureProblem {
  readonly code: FeatureProblemCode;
  readonly params: FeatureProblemParams;
  readonly reason: string;
}

export function featureProblem(code: FeatureProblemCode, params: FeatureProblemParams = {}): FeatureProblem {
  return { code, params, reason: REASONS[code](params) };
}
