import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

// Third-party data never enters the repository (it is read from the reference data folder, see
// libs/reference-data). Data files in git are only those the repository's own scripts write, and
// a few configuration files; every other file with a data extension fails this test.

const ROOT = join(__dirname, '..');

const DATA_EXTENSIONS =
  /\.(geojson|topojson|json|jsonl|ndjson|csv|tsv|txt\.gz|gz|zip|xlsx|xls|ods|gexf|graphml|gml|net|xsd|xml|kml|gpkg|shp|shx|dbf|prj|parquet|sqlite|db|sav|dta|rds)$/i;

/** Configuration, not data: the workspace's own settings files. */
const CONFIGURATION = [
  /(^|\/)(package|package-lock|project|nx)\.json$/,
  /(^|\/)tsconfig[^/]*\.json$/,
  /^apps\/portal\/proxy\.conf\.json$/,
  /^infra\/keycloak\/quartier-realm\.json$/,
];

/** Data files the repository writes itself, each with the script (or author) that makes it. */
const OWN_DATA: { pattern: RegExp; madeBy: string }[] = [
  { pattern: /^libs\/network\/core\/fixtures\/[a-z-]+\.json$/, madeBy: 'tools/network-fixtures/generate.py' },
  {
    pattern: /^libs\/survey\/core\/fixtures\/[a-z-]+\.(xlsx|csv)$/,
    madeBy: 'libs/survey/core/fixtures/generate-fixtures.mjs',
  },
  // An index definition written for this repository (the MSS method as configuration).
  {
    pattern: /^libs\/indicator\/core\/fixtures\/berlin-mss-2021\.definition\.json$/,
    madeBy: 'libs/indicator/core/README.md',
  },
  // Demo content written by hand for this repository (a fictional programme with its measures),
  // named by the seeder that loads it; it refers to areas by code and carries no geometry.
  {
    pattern: /^libs\/programme\/api\/fixtures\/quartiersmanagement-demo\.json$/,
    madeBy: 'libs/programme/api/src/demo/programme-demo-seeder.ts',
  },
  // The same for the network (60 fictional actors of Mitte) and the survey (the neighbourhood
  // questionnaire's XLSForm sheets): no geometry, areas by LOR code or from the registry.
  {
    pattern: /^libs\/network\/api\/fixtures\/mitte-network-demo\.json$/,
    madeBy: 'libs/network/api/src/demo/mitte-demo-network.ts',
  },
  {
    pattern: /^libs\/survey\/api\/fixtures\/nachbarschaft-mitte-demo\.json$/,
    madeBy: 'libs/survey/api/src/demo/nachbarschaft-mitte.ts',
  },
  // Golden files: a synthetic evaluation snapshot (schema version 1) and the numbers the build
  // before 74e3f98e computed from it, kept so that frozen version-1 snapshots provably keep them.
  {
    pattern: /^libs\/evaluation\/core\/src\/testing\/fixtures\/snapshot-v1-[a-z-]+(\.numbers)?\.json$/,
    madeBy: 'libs/evaluation/core/src/testing/mixed-kinds-fixture.ts',
  },
];

function unexpectedDataFiles(files: readonly string[]): string[] {
  return files.filter(
    (file) =>
      DATA_EXTENSIONS.test(file) &&
      !CONFIGURATION.some((pattern) => pattern.test(file)) &&
      !OWN_DATA.some(({ pattern }) => pattern.test(file)),
  );
}

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

describe('data files in the repository', () => {
  it('holds no data file except configuration and fixtures its own scripts write', () => {
    expect(unexpectedDataFiles(trackedFiles())).toEqual([]);
  });

  it('would catch a third-party file added anywhere, fixtures folders included', () => {
    expect(
      unexpectedDataFiles([
        'infra/data/berlin/lor-until-2020/districts.geojson',
        'libs/indicator/core/fixtures/berlin-mss/mss-2019-indicators.csv',
        'libs/network/core/fixtures/les_miserables.gexf',
        'libs/survey/core/fixtures/pyxform-or_other.xlsx',
        'libs/programme/core/fixtures/iati-activities-schema.xsd',
        'apps/cli/src/commands/table.CSV',
        'libs/network/core/fixtures/karate.json',
        'package.json',
      ]),
    ).toEqual([
      'infra/data/berlin/lor-until-2020/districts.geojson',
      'libs/indicator/core/fixtures/berlin-mss/mss-2019-indicators.csv',
      'libs/network/core/fixtures/les_miserables.gexf',
      'libs/survey/core/fixtures/pyxform-or_other.xlsx',
      'libs/programme/core/fixtures/iati-activities-schema.xsd',
      'apps/cli/src/commands/table.CSV',
    ]);
  });

  it('names a generator that exists and writes into the fixtures folder', () => {
    for (const { madeBy } of OWN_DATA) expect(existsSync(join(ROOT, madeBy))).toBe(true);
    expect(readFileSync(join(ROOT, 'tools/network-fixtures/generate.py'), 'utf8')).toContain(
      "'libs', 'network', 'core', 'fixtures'",
    );
    const survey = readFileSync(join(ROOT, 'libs/survey/core/fixtures/generate-fixtures.mjs'), 'utf8');
    for (const file of trackedFiles().filter(
      (f) => f.startsWith('libs/survey/core/fixtures/') && /\.(xlsx|csv)$/.test(f),
    ))
      expect(survey).toContain(basename(file));
  });

  it('holds no byte-for-byte copy of a file in the reference data folder, where there is one', () => {
    const shared = join(ROOT, '../shared/data');
    if (!existsSync(shared)) return;
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : name.endsWith('.md') ? [] : [path];
      });
    const theirs = new Set(
      execFileSync('git', ['hash-object', ...walk(shared)], { cwd: ROOT, encoding: 'utf8' })
        .split('\n')
        .filter(Boolean),
    );
    const ours = execFileSync('git', ['ls-files', '-s'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((line) => ({ hash: line.split(/\s+/)[1], file: line.split('\t')[1] }));
    expect(ours.filter((f) => theirs.has(f.hash)).map((f) => f.file)).toEqual([]);
  });
});
