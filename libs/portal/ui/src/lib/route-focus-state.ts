export const KEEP_FOCUS_KEY = 'keepFocus';

/**
 * Router state for navigations that change content *within* a page (e.g. choosing an area):
 * the shell's route-focus handler then leaves the focus where the user is, instead of moving it
 * to the page heading as it does for real page changes.
 */
export const KEEP_FOCUS_STATE: Readonly<Record<string, boolean>> = { [KEEP_FOCUS_KEY]: true };
