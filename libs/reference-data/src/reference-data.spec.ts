import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { referenceDataDir, referenceDataPath, referenceDataWith } from './reference-data';
import { howToGet, referenceDataNotFound, requireReferenceData } from './testing';

// The resolver decides where every test, the demo seed and the benchmarks look for third-party
// data; a wrong precedence would silently run against the wrong folder (or none). Checked on
// throw-away folders laid out like a checkout next to `../shared/data`.

describe('reference data folder', () => {
  let base: string;
  let checkout: string;
  let shared: string;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'quartier-reference-'));
    checkout = join(base, 'main');
    shared = join(base, 'shared', 'data');
    mkdirSync(checkout, { recursive: true });
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('takes QUARTIER_REFERENCE_DATA first, resolved to an absolute path, even when ../shared/data exists', () => {
    mkdirSync(shared, { recursive: true });
    expect(referenceDataDir({ QUARTIER_REFERENCE_DATA: join(base, 'chosen'), HOME: base }, checkout)).toBe(
      join(base, 'chosen'),
    );
    expect(referenceDataDir({ QUARTIER_REFERENCE_DATA: 'relative/chosen' }, checkout)).toBe(
      resolve('relative/chosen'),
    );
  });

  it('takes ../shared/data next to the checkout when it exists', () => {
    mkdirSync(shared, { recursive: true });
    expect(referenceDataDir({ HOME: base, XDG_CACHE_HOME: join(base, 'cache') }, checkout)).toBe(shared);
  });

  it('falls back to $XDG_CACHE_HOME/quartier/data, else ~/.cache/quartier/data', () => {
    expect(referenceDataDir({ HOME: base, XDG_CACHE_HOME: join(base, 'cache') }, checkout)).toBe(
      join(base, 'cache', 'quartier', 'data'),
    );
    expect(referenceDataDir({ HOME: base }, checkout)).toBe(join(base, '.cache', 'quartier', 'data'));
  });

  it('names a file only when it is there, and the folder only when every file asked for is', () => {
    mkdirSync(join(shared, 'berlin', 'mss'), { recursive: true });
    writeFileSync(join(shared, 'berlin', 'mss', 'a.csv'), 'id\n');
    const env = { QUARTIER_REFERENCE_DATA: shared };
    expect(referenceDataPath('berlin/mss/a.csv', env)).toBe(join(shared, 'berlin', 'mss', 'a.csv'));
    expect(referenceDataPath('berlin/mss/b.csv', env)).toBeUndefined();
    expect(referenceDataWith(['berlin/mss/a.csv'], shared)).toBe(shared);
    expect(referenceDataWith(['berlin/mss/a.csv', 'berlin/mss/b.csv'], shared)).toBeUndefined();
  });

  describe('requireReferenceData (conformance tests)', () => {
    let stderr: jest.SpyInstance;
    beforeEach(() => {
      stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    });
    afterEach(() => stderr.mockRestore());

    it('gives the paths when every file is there, and says nothing', () => {
      mkdirSync(join(shared, 'external'), { recursive: true });
      writeFileSync(join(shared, 'external', 'x.gexf'), '<gexf/>');
      expect(requireReferenceData(['external/x.gexf'], 3, { QUARTIER_REFERENCE_DATA: shared })).toEqual([
        join(shared, 'external', 'x.gexf'),
      ]);
      expect(stderr).not.toHaveBeenCalled();
    });

    it('reports the folder, the missing files and how many tests did not run, loudly, when files are missing', () => {
      const empty = join(base, 'empty');
      mkdirSync(empty);
      expect(
        requireReferenceData(['external/x.gexf'], 3, { QUARTIER_REFERENCE_DATA: empty }),
      ).toBeUndefined();
      const message = stderr.mock.calls.map(([text]) => String(text)).join('');
      expect(message).toContain(`reference data not found at ${empty} (missing external/x.gexf)`);
      expect(message).toContain('3 conformance tests not run');
    });

    it('names `data fetch berlin` for Berlin files only, and the notes of the folder for files nothing downloads', () => {
      const empty = join(base, 'empty');
      mkdirSync(empty);
      const env = { QUARTIER_REFERENCE_DATA: empty };
      expect(referenceDataNotFound(['berlin/mss/mss-2019-indicators.csv'], '2 browser tests', env)).toBe(
        `reference data not found at ${empty} (missing berlin/mss/mss-2019-indicators.csv): ` +
          '2 browser tests not run; `npm run quartier -- data fetch berlin`',
      );
      const others = referenceDataNotFound(
        ['external/networks/les_miserables.gexf', 'external/networks/rio.gexf', 'iati-2.03/xml.xsd'],
        '20 conformance tests',
        env,
      );
      expect(others).not.toContain('data fetch');
      expect(others).toMatch(
        /not run; external\/networks\/ has no download command: its SOURCES\.md names each file's source; iati-2\.03\/ has no download command: its README\.md names the source$/,
      );
      expect(howToGet(['berlin/lor-until-2020/districts.geojson', 'external/xlsform/a.xlsx'])).toBe(
        "`npm run quartier -- data fetch berlin`; external/xlsform/ has no download command: its SOURCES.md names each file's source",
      );
    });

    it('fails instead under CI=true, so CI never passes without the data by accident', () => {
      const empty = join(base, 'empty');
      mkdirSync(empty);
      expect(() =>
        requireReferenceData(['external/x.gexf'], 3, { QUARTIER_REFERENCE_DATA: empty, CI: 'true' }),
      ).toThrow(/reference data not found at .*: 3 conformance tests not run/);
      expect(stderr).not.toHaveBeenCalled();
    });
  });
});
