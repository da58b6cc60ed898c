import { bootstrapApplication } from '@angular/platform-browser';
import { parsePortalConfig } from '@quartier/portal-data-access';
import { App } from './app/app';
import { appConfig } from './app/app.config';

/**
 * The OIDC issuer and API origin differ per deployment (embedded, compose, k8s), so they are
 * fetched at start instead of being baked into the build.
 */
async function start(): Promise<void> {
  const response = await fetch('/portal-config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`GET /portal-config.json: HTTP ${response.status}`);
  const config = parsePortalConfig(await response.json());
  await bootstrapApplication(App, appConfig(config));
}

start().catch((error: unknown) => {
  // Angular never started, so there is no translation service: say it in both languages.
  const root = document.querySelector('q-root');
  if (root) {
    const alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    alert.className = 'boot-error';
    const de = document.createElement('p');
    de.textContent = 'Die Portal-Konfiguration konnte nicht geladen werden.';
    const en = document.createElement('p');
    en.lang = 'en';
    en.textContent = 'The portal configuration could not be loaded.';
    const detail = document.createElement('pre');
    detail.textContent = error instanceof Error ? error.message : String(error);
    alert.append(de, en, detail);
    root.replaceChildren(alert);
  }
  console.error(error);
});
