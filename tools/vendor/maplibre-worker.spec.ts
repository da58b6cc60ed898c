import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepParseState, writePatchedWorker } from './maplibre-worker.mjs';

describe('the MapLibre worker the portal serves', () => {
  const installed = readFileSync(require.resolve('maplibre-gl/dist/maplibre-gl-csp-worker.js'), 'utf8');

  it('keeps a tile’s parse state for every reload until the parse ends', () => {
    const { source, fixed } = keepParseState(installed);
    expect(fixed).toBe(1);
    expect(source).toMatch(/consumeParsing\((\w+)\)\{return this\.parsing\[\1\]\}/);
    expect(source).not.toMatch(/return delete this\.parsing\[/);
    // Nothing else changes: the loads that set and clear the state are MapLibre's own.
    expect(source.replace(/consumeParsing\(\w+\)\{[^}]*\}/, '')).toBe(
      installed.replace(/consumeParsing\(\w+\)\{[^}]*\}/, ''),
    );
  });

  it('leaves a worker without the racy method alone', () => {
    const fixedUpstream =
      'class S{consumeParsing(t){return this.parsing[t]}clearParsing(t){delete this.parsing[t]}}';
    expect(keepParseState(fixedUpstream)).toEqual({ source: fixedUpstream, fixed: 0 });
  });

  it('writes the fixed worker where the portal build copies it from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maplibre-worker-'));
    try {
      const target = join(dir, 'worker.js');
      expect(writePatchedWorker(target).fixed).toBe(1);
      expect(readFileSync(target, 'utf8')).toBe(keepParseState(installed).source);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
