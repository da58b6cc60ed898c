import {
  BERLIN_REFERENCE_FILES,
  fetchReferenceFiles,
  referenceDataDir,
  requireReferenceData,
  sha256Of,
  verifiedDownload,
} from '@quartier/reference-data';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { Writable } from 'node:stream';
import { CliError } from '../cli-error';
import { dataFetchCommand } from './data';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A local HTTP server: files from `root`, plus /cut (breaks off mid-body) and 404s. */
async function serve(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? '/');
    if (path === '/cut') {
      res.writeHead(200, { 'content-length': '100000' });
      res.write('only the beginning');
      setTimeout(() => res.destroy(), 20);
      return;
    }
    const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function sink(): Writable & { text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return Object.assign(stream, { text: () => text });
}

describe('verified download', () => {
  let work: string;
  let mirror: { url: string; server: Server };
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'quartier-fetch-'));
    mkdirSync(join(work, 'mirror'));
    writeFileSync(join(work, 'mirror', 'areas.geojson'), '{"type":"FeatureCollection","features":[]}');
    mirror = await serve(join(work, 'mirror'));
  });
  afterAll(async () => {
    await new Promise((resolve) => mirror.server.close(resolve));
    rmSync(work, { recursive: true, force: true });
  });
  const left = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

  it('writes the file when its SHA-256 is the expected one', async () => {
    const target = join(work, 'ok', 'areas.geojson');
    await verifiedDownload(
      `${mirror.url}/areas.geojson`,
      target,
      sha('{"type":"FeatureCollection","features":[]}'),
    );
    expect(readFileSync(target, 'utf8')).toBe('{"type":"FeatureCollection","features":[]}');
    expect(left(join(work, 'ok'))).toEqual(['areas.geojson']);
  });

  it('refuses other bytes and leaves nothing behind', async () => {
    const target = join(work, 'mismatch', 'areas.geojson');
    await expect(
      verifiedDownload(`${mirror.url}/areas.geojson`, target, sha('something else')),
    ).rejects.toThrow(/is not the expected file \(SHA-256 [0-9a-f]{64}, expected/);
    expect(left(join(work, 'mismatch'))).toEqual([]);
  });

  it('removes the partial file when the download breaks off', async () => {
    const target = join(work, 'cut', 'areas.geojson');
    await expect(verifiedDownload(`${mirror.url}/cut`, target, sha('x'))).rejects.toThrow(/broke off/);
    expect(left(join(work, 'cut'))).toEqual([]);
  });

  it('names the status of a refused request and the file it was for', async () => {
    await expect(
      verifiedDownload(`${mirror.url}/missing.csv`, join(work, 'x', 'missing.csv'), sha('x'), 'berlin/x.csv'),
    ).rejects.toThrow(/^berlin\/x\.csv: .*answered 404/);
  });

  it('reports files without a direct download with the publisher’s page, and keeps verified files', async () => {
    const dir = join(work, 'folder');
    mkdirSync(join(dir, 'a'), { recursive: true });
    writeFileSync(join(dir, 'a', 'kept.csv'), 'id\n1\n');
    const outcomes = await fetchReferenceFiles(
      [
        {
          file: 'a/kept.csv',
          url: `${mirror.url}/never-asked`,
          page: 'p',
          licence: 'l',
          attribution: 'a',
          sha256: sha('id\n1\n'),
        },
        {
          file: 'a/table.csv',
          url: null,
          page: 'https://publisher.example/tables',
          licence: 'l',
          attribution: 'a',
          sha256: sha('y'),
          note: 'Excel only.',
        },
      ],
      { dir },
    );
    expect(outcomes).toEqual([
      { file: 'a/kept.csv', status: 'present', sha256: sha('id\n1\n') },
      {
        file: 'a/table.csv',
        status: 'manual',
        page: 'https://publisher.example/tables',
        note: 'Excel only.',
      },
    ]);
  });

  it('rejects an unknown data set', async () => {
    await expect(dataFetchCommand('hamburg', {}, sink())).rejects.toEqual(
      new CliError('unknown data set "hamburg" (known: berlin)'),
    );
  });
});

// The real Berlin files, served by a local mirror of the reference folder: third-party data,
// reported as not run without it.
const berlin = requireReferenceData(
  BERLIN_REFERENCE_FILES.map((f) => f.file),
  3,
);
(berlin ? describe : describe.skip)(
  'quartier data fetch berlin (from a local mirror of the reference folder)',
  () => {
    let work: string;
    let mirror: { url: string; server: Server };
    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'quartier-fetch-berlin-'));
      mirror = await serve(referenceDataDir());
    });
    afterAll(async () => {
      await new Promise((resolve) => mirror.server.close(resolve));
      rmSync(work, { recursive: true, force: true });
    });
    /** A folder of its own holding the verified Berlin files, as a finished fetch leaves it. */
    const copyOfReference = (name: string) => {
      const dir = join(work, name);
      for (const entry of BERLIN_REFERENCE_FILES) {
        mkdirSync(dirname(join(dir, entry.file)), { recursive: true });
        copyFileSync(join(referenceDataDir(), entry.file), join(dir, entry.file));
      }
      return dir;
    };

    it('downloads and verifies every Berlin file, and names the attribution', async () => {
      const out = sink();
      await dataFetchCommand('berlin', { from: mirror.url, dir: join(work, 'data') }, out);
      for (const entry of BERLIN_REFERENCE_FILES)
        expect(await sha256Of(join(work, 'data', entry.file))).toBe(entry.sha256);
      expect(out.text()).toContain(
        `downloaded  berlin/lor-until-2020/planning-areas.geojson (SHA-256 verified)`,
      );
      expect(out.text()).toContain('Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin');
    });

    it('keeps verified files and replaces a damaged one', async () => {
      const dir = copyOfReference('kept');
      const damaged = join(dir, 'berlin/mss/mss-2019-classes.csv');
      writeFileSync(damaged, 'id,status_index\n');
      const out = sink();
      await dataFetchCommand('berlin', { from: mirror.url, dir }, out);
      expect(out.text().match(/^ok /gm)).toHaveLength(BERLIN_REFERENCE_FILES.length - 1);
      expect(out.text()).toContain('downloaded  berlin/mss/mss-2019-classes.csv');
      expect(await sha256Of(damaged)).toBe(
        BERLIN_REFERENCE_FILES.find((f) => f.file.endsWith('mss-2019-classes.csv'))!.sha256,
      );
    });

    it('fails with exit code 1 when the mirror serves a different file, and writes nothing for it', async () => {
      const changed = copyOfReference('changed');
      writeFileSync(join(changed, 'berlin/mss/mss-2021-classes.csv'), 'PLR_ID,SI_N\n01100101,9\n');
      const other = await serve(changed);
      try {
        const out = sink();
        const error = await dataFetchCommand(
          'berlin',
          { from: other.url, dir: join(work, 'fresh') },
          out,
        ).catch((e) => e);
        expect(error).toEqual(
          new CliError(
            `1 of ${BERLIN_REFERENCE_FILES.length} Berlin files are not in ${join(work, 'fresh')}; see above`,
            1,
          ),
        );
        expect(out.text()).toMatch(
          /failed {6}berlin\/mss\/mss-2021-classes\.csv: the download from .* is not the expected file/,
        );
        expect(readdirSync(join(work, 'fresh', 'berlin/mss')).sort()).not.toContain('mss-2021-classes.csv');
        expect(readdirSync(join(work, 'fresh', 'berlin/mss')).some((f) => f.includes('.part-'))).toBe(false);
      } finally {
        await new Promise((resolve) => other.server.close(resolve));
      }
    });
  },
);
