import { bootstrapApplication } from '@angular/platform-browser';
import { parsePortalConfig } from '@quartier/portal-data-access';
import { BootFailure, showBootFailure } from '@quartier/portal-shell';
import { App } from './app/app';
import { appConfig } from './app/app.config';

/**
 * The OIDC issuer and API origin differ per deployment (embedded, compose, k8s), so they are
 * fetched at start instead of being baked into the build.
 */
async function loadConfig() {
  try {
    const response = await fetch('/portal-config.json', { cache: 'no-cache' });
    if (!response.ok) throw new Error(`GET /portal-config.json: HTTP ${response.status}`);
    return parsePortalConfig(await response.json());
  } catch (error) {
    throw new BootFailure('config', error);
  }
}

async function start(): Promise<void> {
  await bootstrapApplication(App, appConfig(await loadConfig()));
}

// Angular never started, so there is no translation service: the page says it on its own, in
// the reader's language.
start().catch((error: unknown) => showBootFailure(document, error));
