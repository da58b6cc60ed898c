// Lengths every writer of the platform agrees on, without zod: the DTOs (text-safety.ts) and the
// portal's forms (through @quartier/contracts/browser) take them from here.

/** The longest name or title of any aggregate (areas, tenants, networks, actors, surveys, waves). */
export const NAME_MAX_LENGTH = 200;
/** The longest code of an area (the import, the API and the database agree on it). */
export const AREA_CODE_MAX_LENGTH = 64;

/**
 * The text of an area search (the registry's `GET /areas?q=`, the portal's area picker): a name
 * part or a code prefix. One character is enough: the name match (ILIKE '%q%') reads every area of
 * the version whatever the length, and the answer is a page, so a short text costs no more.
 */
export const AREA_SEARCH_LENGTH = { min: 1, max: 100 } as const;
