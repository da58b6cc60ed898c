import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { SERVICES } from '@quartier/contracts';
import { join } from 'node:path';
import { PLATFORM_SERVICES } from '@quartier/platform-services';
import { fullMatrix, summaryMatrix } from './permission-matrix';
import { admits, routePermissions } from './permission-rules';

const root = join(__dirname, '../..');
const README = join(root, 'README.md');
const FULL = join(root, 'docs/permissions.md');
const BEGIN = '<!-- permissions:begin -->';
const END = '<!-- permissions:end -->';
const write = process.env['QUARTIER_WRITE_DOCS'] === '1';

jest.setTimeout(120_000);

describe('permission rules (from the controllers’ metadata)', () => {
  const routes = routePermissions(PLATFORM_SERVICES);

  it('cover every service, and only the public form, health and metrics go without a token', () => {
    expect(PLATFORM_SERVICES.map((s) => s.name).sort()).toEqual([...SERVICES].sort());
    expect(new Set(routes.map((r) => r.service))).toEqual(new Set(PLATFORM_SERVICES.map((s) => s.name)));
    const open = routes.filter((r) => r.public).map((r) => r.path.replace(/^\/api\/[a-z]+/, ''));
    expect([...new Set(open)].sort()).toEqual([
      '/health',
      '/health/live',
      '/metrics',
      '/public/assets/form-runtime.js',
      '/public/f/{id}',
      '/public/f/{id}/qr.svg',
      '/public/surveys/{id}',
      '/public/surveys/{id}/waves/{waveId}/responses',
    ]);
  });

  it('let viewers change no data, and analysts manage indicator data (the statistics office’s work)', () => {
    const writes = routes.filter((r) => !r.public && r.method !== 'GET');
    // A report job is the one non-GET call open to viewers: it reads what the caller may read
    // (gathered with the caller's own token) and changes nothing but the caller's report list.
    expect(writes.filter((r) => admits(r, ['viewer'])).map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/reporting/reports',
      'DELETE /api/reporting/reports/{id}',
      'POST /api/reporting/reports/{id}/regenerate',
      'POST /api/reporting/reports/{id}/update',
    ]);
    const indicatorWrites = writes.filter((r) => r.service === 'indicator');
    expect(indicatorWrites.length).toBeGreaterThan(5);
    expect(indicatorWrites.filter((r) => !admits(r, ['analyst'])).map((r) => r.path)).toEqual([]);
    const analystWrites = writes.filter((r) => admits(r, ['analyst']));
    expect(analystWrites.some((r) => r.path.startsWith('/api/registry/role-assignments'))).toBe(false);
  });

  it('are what the README and docs/permissions.md say (QUARTIER_WRITE_DOCS=1 rewrites them)', async () => {
    // Both files are kept as prettier writes them, so the comparison is on formatted text.
    // (prettier's API loads plugins by dynamic import, which Jest's CommonJS runtime cannot do)
    const pretty = async (text: string, file: string) =>
      execFileSync(
        process.execPath,
        [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', file],
        {
          input: text,
          encoding: 'utf8',
        },
      );
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(BEGIN);
    const end = readme.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const expectedReadme = await pretty(
      `${readme.slice(0, start)}${BEGIN}\n\n${summaryMatrix(routes)}\n\n${END}${readme.slice(end + END.length)}`,
      README,
    );
    const expectedFull = await pretty(fullMatrix(routes), FULL);
    if (write) {
      writeFileSync(README, expectedReadme);
      writeFileSync(FULL, expectedFull);
      return;
    }
    expect(readme).toBe(expectedReadme);
    expect(readFileSync(FULL, 'utf8')).toBe(expectedFull);
  });
});
