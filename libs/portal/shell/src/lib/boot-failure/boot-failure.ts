// What a person sees when the portal cannot start: its configuration could not be loaded, the
// stored sign-in could not be restored, or Angular itself did not start. The translation service
// is part of the app that failed, so this page has its own two languages: the language the
// person chose before (the portal keeps it in localStorage), else the browser's first of German
// and English, else German. The technical reason is English; it goes to the console only.

export type BootStage = 'config' | 'session' | 'start';
export type BootLanguage = 'de' | 'en';

/** Where the start failed, carried from the failing step to the page that says so. */
export class BootFailure extends Error {
  // Fields assigned in the body: the portal's unit tests run this file with Node's type
  // stripping, which has no parameter properties.
  readonly stage: BootStage;
  readonly reason: unknown;

  constructor(stage: BootStage, reason: unknown) {
    super(`${stage}: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.name = 'BootFailure';
    this.stage = stage;
    this.reason = reason;
  }
}

export const BOOT_FAILURE_TEXTS = {
  de: {
    config: 'Das Portal konnte seine Konfiguration nicht laden.',
    session: 'Das Portal konnte Ihre Anmeldung nicht wiederherstellen.',
    start: 'Das Portal konnte nicht gestartet werden.',
    advice:
      'Bitte laden Sie die Seite neu. Besteht das Problem weiter, wenden Sie sich an die Administration Ihres Portals.',
    reload: 'Seite neu laden',
  },
  en: {
    config: 'The portal could not load its configuration.',
    session: 'The portal could not restore your sign-in.',
    start: 'The portal could not be started.',
    advice: 'Please reload the page. If the problem persists, contact the administrators of your portal.',
    reload: 'Reload page',
  },
} as const satisfies Record<BootLanguage, Record<BootStage | 'advice' | 'reload', string>>;

/**
 * The language of the failure page: the one chosen in the portal before (`stored`, what the
 * I18n service would start with), else the browser's first German or English preference
 * (`de-AT`, `en-GB` count), else German.
 */
export function bootLanguage(stored: string | null, browser: readonly string[]): BootLanguage {
  if (stored === 'de' || stored === 'en') return stored;
  for (const tag of browser) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'de' || primary === 'en') return primary;
  }
  return 'de';
}

/** The step that failed: a BootFailure's own, else the start as a whole. */
export function bootStage(error: unknown): BootStage {
  return error instanceof BootFailure ? error.stage : 'start';
}

/** The page's sentences for a failure in a language. */
export function bootFailureText(
  error: unknown,
  language: BootLanguage,
): { heading: string; advice: string; reload: string } {
  const texts = BOOT_FAILURE_TEXTS[language];
  return { heading: texts[bootStage(error)], advice: texts.advice, reload: texts.reload };
}

/**
 * Replaces the portal's root with the failure page (an alert with what failed, what to do and a
 * reload button) in the reader's language; the technical reason is logged, never shown.
 */
export function showBootFailure(document: Document, error: unknown): void {
  let stored: string | null = null;
  try {
    stored = document.defaultView?.localStorage.getItem('quartier.language') ?? null;
  } catch {
    // Storage disabled by policy: the browser's languages decide.
  }
  const language = bootLanguage(stored, document.defaultView?.navigator.languages ?? []);
  const text = bootFailureText(error, language);
  document.documentElement.lang = language;
  const alert = document.createElement('div');
  alert.setAttribute('role', 'alert');
  alert.className = 'boot-error';
  const heading = document.createElement('h1');
  heading.textContent = text.heading;
  const advice = document.createElement('p');
  advice.textContent = text.advice;
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = text.reload;
  reload.addEventListener('click', () => document.defaultView?.location.reload());
  alert.append(heading, advice, reload);
  (document.querySelector('q-root') ?? document.body).replaceChildren(alert);
  console.error(error instanceof BootFailure ? error.reason : error);
}
