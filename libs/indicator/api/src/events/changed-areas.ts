/**
 * Beyond this many areas `indicator.values.changed` says "any area of these periods" (an empty
 * list) instead of naming them: 50,000 ids would make a 1.9 MB event, over Kafka's default 1 MB
 * message limit, for consumers that re-read the periods' values anyway.
 */
export const MAX_LISTED_AREAS = 5000;

/** The changed areas as the event lists them: all of them, or none when there are too many. */
export function listedAreas(areas: ReadonlySet<string>): string[] {
  return areas.size > MAX_LISTED_AREAS ? [] : [...areas];
}
