// MapLibre's worker, as the portal serves it (/vendor/maplibre-gl-csp-worker.js), with one fix of
// MapLibre 5 applied. A tile reloaded twice while its first parse still runs (setData followed by
// a data-driven style change, or a selection filter, on a busy machine) got its raw data with the
// first reload only: the worker's `consumeParsing` deleted the parse state it handed out, so the
// second reload answered without `rawTileData`. The map then drew the tile but could not query
// it — no tooltips or clicks on those areas, and a drawing that said it showed no features (the
// Musterstadt browser test that timed out under load). MapLibre fixed this in 6.x ("only remove
// parse state once parsing is done", maplibre-gl-js#7765): the state stays until the parse that
// set it ends, which is what this does. Remove this file with the upgrade to MapLibre 6.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const PATCHED_WORKER = join(root, 'node_modules/.quartier-vendor/maplibre-gl-csp-worker.js');

/** The minified method as MapLibre 5 ships it: `consumeParsing(t){const e=this.parsing[t];if(e)return delete this.parsing[t],e}`. */
const RACY_CONSUME =
  /consumeParsing\((\w+)\)\{const (\w+)=this\.parsing\[\1\];if\(\2\)return delete this\.parsing\[\1\],\2\}/g;

/** The worker source with the parse state kept until its parse ends; `fixed` says whether it applied. */
export function keepParseState(source) {
  let fixed = 0;
  const patched = source.replace(RACY_CONSUME, (_, uid) => {
    fixed++;
    return `consumeParsing(${uid}){return this.parsing[${uid}]}`;
  });
  return { source: patched, fixed };
}

/** Writes the worker the portal build copies to /vendor; throws when a MapLibre 5 lacks the known code. */
export function writePatchedWorker(target = PATCHED_WORKER) {
  const require = createRequire(join(root, 'package.json'));
  const { version } = require('maplibre-gl/package.json');
  const original = readFileSync(require.resolve('maplibre-gl/dist/maplibre-gl-csp-worker.js'), 'utf8');
  const { source, fixed } = keepParseState(original);
  if (fixed !== 1 && version.startsWith('5.'))
    throw new Error(
      `maplibre-gl ${version}: the worker's consumeParsing was found ${fixed} times, expected once (tools/vendor/maplibre-worker.mjs)`,
    );
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, source);
  return { version, fixed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writePatchedWorker();
