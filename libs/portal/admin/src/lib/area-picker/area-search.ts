import { AREA_SEARCH_LENGTH } from '@quartier/contracts/browser';

/**
 * The text the area picker searches for, or null when there is nothing the registry would take
 * (its `q` rule, one constant for both): a single letter or code digit already narrows the list.
 */
export function areaSearchText(typed: string): string | null {
  const text = typed.trim();
  return text.length >= AREA_SEARCH_LENGTH.min && text.length <= AREA_SEARCH_LENGTH.max ? text : null;
}
