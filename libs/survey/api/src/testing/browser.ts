// The real browser of the suites that answer the public form: Debian's Chromium, as Playwright's
// own browser download is unreachable on these machines (apps/portal-e2e launches the same one).
// Where it is missing, the browser cases are skipped rather than failed.
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContextOptions, type Page, chromium } from 'playwright-core';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Whether this machine has the browser the browser cases need. */
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** Headless Chromium; the caller closes it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
}

/**
 * The survey's public form (`baseUrl` the service's) in a fresh context — no draft of another
 * case, German unless `context` says otherwise — with the script errors the page throws.
 */
export async function openPublicForm(
  browser: Browser,
  baseUrl: string,
  surveyId: string,
  context: BrowserContextOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ locale: 'de-DE', ...context })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${baseUrl}/api/survey/public/f/${surveyId}`);
  return { page, errors };
}
