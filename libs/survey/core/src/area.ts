// Area of residence: turning a respondent's answer into one of the survey's areas. Results are
// published per area, so this assignment is what makes a survey a Sozialraum survey.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { type AnswerCause, type AnswerCauseCode, answerCause, answerCauseReason } from './answer-issue-codes';
import type { AreaQuestion, ChoiceList } from './model';

/** Area polygons by area key (= choice name of the area list), in WGS 84 longitude/latitude. */
export type AreaGeometries = ReadonlyMap<string, Polygon | MultiPolygon>;

export type AreaResolution =
  | { readonly ok: true; readonly area: string }
  | { readonly ok: false; readonly cause: AnswerCause; readonly reason: string };

function unresolved(code: AnswerCauseCode, params: Readonly<Record<string, string>> = {}): AreaResolution {
  const cause = answerCause(code, params);
  return { ok: false, cause, reason: answerCauseReason(cause) };
}

const POSTCODE = /^\d{5}$/;

/** Postcode → area keys, from the `postcode` column of the area list (space-separated per area). */
export function postcodeIndex(list: ChoiceList): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const choice of list.choices) {
    for (const code of (choice.properties['postcode'] ?? '').split(/[\s,;]+/).filter((c) => c !== '')) {
      const areas = index.get(code) ?? [];
      if (!areas.includes(choice.name)) areas.push(choice.name);
      index.set(code, areas);
    }
  }
  return index;
}

/** `lat lon [altitude [accuracy]]`, the ODK geopoint text; undefined when malformed or out of range. */
export function parseGeopoint(text: string): { latitude: number; longitude: number } | undefined {
  const parts = text.trim().split(/\s+/);
  if (parts.length < 2 || parts.length > 4 || !parts.every((p) => /^-?\d+(\.\d+)?$/.test(p)))
    return undefined;
  const [latitude, longitude] = parts.map(Number);
  if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) return undefined;
  return { latitude, longitude };
}

export function resolveArea(
  question: AreaQuestion,
  list: ChoiceList,
  answer: string,
  geometries?: AreaGeometries,
  postcodes?: ReadonlyMap<string, readonly string[]>,
): AreaResolution {
  const text = answer.trim();
  switch (question.method) {
    case 'choice':
      return list.choices.some((c) => c.name === text)
        ? { ok: true, area: text }
        : unresolved('area-unknown', { value: text, list: list.name });
    case 'postcode': {
      if (!POSTCODE.test(text)) return unresolved('postcode-invalid', { value: text });
      const areas = (postcodes ?? postcodeIndex(list)).get(text) ?? [];
      if (areas.length === 0) return unresolved('postcode-outside', { value: text });
      // A postcode cut by an area boundary cannot place the respondent; the form should then ask for the area.
      if (areas.length > 1) return unresolved('postcode-shared', { value: text, areas: areas.join(', ') });
      return { ok: true, area: areas[0] };
    }
    case 'point': {
      const point = parseGeopoint(text);
      if (!point) return unresolved('geopoint-invalid', { value: text });
      if (!geometries || geometries.size === 0) return unresolved('geometries-missing');
      // Boundaries belong to the first area in list order, so a point on a shared edge is placed once.
      for (const choice of list.choices) {
        const geometry = geometries.get(choice.name);
        if (geometry && booleanPointInPolygon([point.longitude, point.latitude], geometry))
          return { ok: true, area: choice.name };
      }
      return unresolved('point-outside');
    }
  }
}
