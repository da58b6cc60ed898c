import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's chromium: Playwright's own browser download is unreachable on these machines. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // WebGL (MapLibre) without a GPU: Chromium no longer falls back to SwiftShader on its own.
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
    ],
  });
}

/**
 * Runs axe-core in the page and returns the violations of impact serious or critical.
 * The script is evaluated through the DevTools protocol, so the page's CSP stays untouched.
 */
export async function seriousA11yViolations(page) {
  // A single-page app keeps its document between routes: axe (0.5 MB) is compiled once per page.
  if (!(await page.evaluate(() => typeof globalThis.axe?.run === 'function')))
    await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      // Only violations are read: axe then skips describing every passing node (the indicator
      // page's check took 2.3 instead of 2.8 s, 3.8 instead of 5.3 s, same violations).
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(violations) {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.join(', ')}`).join('\n');
}
