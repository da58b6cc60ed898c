import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentFlow, documentTables, plainText } from '../model/document-flow';
import type { ReportBlock, ReportDocument } from '../model/report-document';
import { renderDocxBuffer } from '../render/docx/docx-renderer';
import { renderPdfBuffer } from '../render/pdf/pdf-renderer';
import { areaProfileFixture } from '../testing/area-profile-fixture';
import { dejaVuFonts } from '../testing/fonts';
import { buildAreaProfile } from './area-profile';

const root = join(__dirname, '../../../../..');
const fonts = dejaVuFonts((p) => readFileSync(p), root);
const dir = mkdtempSync(join(tmpdir(), 'reporting-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function blocksOf(document: ReportDocument, sectionId: string): ReportBlock[] {
  return document.sections.find((s) => s.id === sectionId)!.blocks;
}

function allText(document: ReportDocument): string {
  return JSON.stringify(document);
}

describe('buildAreaProfile', () => {
  it('builds every section in order with the area in the title', () => {
    const profile = buildAreaProfile(areaProfileFixture(), 'de');
    expect(profile.metadata.title).toBe('Sozialraumprofil Köpenick-Süd');
    expect(profile.metadata.subtitle).toBe('Bezirksregion in Treptow-Köpenick');
    expect(profile.sections.map((s) => s.title)).toEqual([
      'Überblick',
      'Kernindikatoren',
      'Sozialindex',
      'Befragung',
      'Netzwerk der Akteure',
      'Maßnahmen im Gebiet',
      'Wirkung',
    ]);
    expect(profile.tableOfContents).toBe(true);
  });

  it('shows latest value, change over the chosen periods, rank and the city value, keeping suppression', () => {
    const profile = buildAreaProfile(areaProfileFixture(), 'de');
    const table = documentTables(profile).find((t) => t.id === 'kernindikatoren')!;
    expect(table.columns.map((c) => c.header)).toEqual([
      'Indikator',
      'Einheit',
      'Wert 2024',
      'Veränderung seit 2020',
      'Rang',
      'Berlin',
    ]);
    const [s1, s4, ew65] = table.rows.map((r) => r.cells);
    expect(s1[2]).toBe(5.71);
    expect(s1[3]).toBeCloseTo(5.71 - 6.84, 10);
    expect(s1[4]).toBe('4 von 17');
    expect(s1[5]).toBe(6.85);
    expect(s4[3]).toBeCloseTo(15.95 - 18.2, 10);
    expect(ew65[4]).toBe('–');
    const trend = blocksOf(profile, 'indikatoren').filter((b) => b.kind === 'figure');
    expect(trend).toHaveLength(2);
  });

  it('never names a pseudonymised actor', () => {
    const profile = buildAreaProfile(areaProfileFixture(), 'de');
    const list = blocksOf(profile, 'netzwerk').find((b) => b.kind === 'list');
    const items = list?.kind === 'list' ? list.items.map(plainText) : [];
    expect(items).toEqual([
      'Stadtteilzentrum Köpenick (Soziale Träger, Koordinator)',
      'ein Akteur (pseudonymisiert) (Zivilgesellschaft, Gatekeeper)',
    ]);
  });

  it('keeps suppressed survey cells suppressed, not zero', () => {
    const profile = buildAreaProfile(areaProfileFixture(), 'de');
    const survey = documentTables(profile).find((t) => t.id === 'befragungsergebnisse')!;
    expect(survey.rows[1].cells.slice(1, 4)).toEqual([
      { status: 'suppressed' },
      { status: 'suppressed' },
      { status: 'suppressed' },
    ]);
    expect(survey.rows[2].cells[4]).toEqual({ status: 'missing' });
  });

  it('says so when a section has no data instead of dropping it', () => {
    const data = {
      ...areaProfileFixture(),
      indicators: [],
      socialIndex: null,
      survey: null,
      network: null,
      measures: [],
      impact: null,
    };
    const profile = buildAreaProfile(data, 'en');
    const notes = profile.sections
      .slice(1)
      .map((s) => (s.blocks[0].kind === 'note' ? plainText(s.blocks[0].runs) : s.blocks[0].kind));
    expect(notes).toEqual([
      'There are no indicator values for this area.',
      'This area has no social index classification.',
      'There are no published survey results for this area.',
      'There is no network survey for this area.',
      'No measures are recorded in this area.',
      'No funding programme with an impact model covers this area.',
    ]);
  });

  it('rejects an indicator whose values do not match its periods, naming it', () => {
    const data = areaProfileFixture();
    data.indicators![1].values = [1, 2];
    expect(() => buildAreaProfile(data, 'de')).toThrow('indicator "S4": has 2 values for 5 periods');
  });

  it('is written entirely in the chosen language', () => {
    const english = allText(buildAreaProfile(areaProfileFixture(), 'en'));
    for (const word of [
      'Key indicators',
      'Rank',
      'Change since 2020',
      'an actor (pseudonymised)',
      'Area profile Köpenick-Süd',
    ])
      expect(english).toContain(word);
    for (const word of ['Kernindikatoren', 'Rang ', 'pseudonymisiert', 'Überblick'])
      expect(english).not.toContain(word);
  });

  it('renders as a multi-page tagged PDF whose text carries the numbers', async () => {
    const profile = buildAreaProfile(areaProfileFixture(), 'de');
    const file = join(dir, 'profil.pdf');
    writeFileSync(file, await renderPdfBuffer(profile, fonts));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(3);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      'Köpenick-Süd',
      '48.213',
      '34,7 km²',
      '5,7',
      '-1,1',
      '4 von 17',
      'Familienzentrum am Wasser',
      '185.000',
      '92.501',
      'ein Akteur (pseudonymisiert)',
      '0,090',
      'Gesperrte Werte',
    ])
      expect(text).toContain(expected);
    expect(documentFlow(profile).filter((i) => i.kind === 'heading').length).toBeGreaterThan(7);
  });

  it('renders as DOCX with the same headings', async () => {
    const bytes = await renderDocxBuffer(buildAreaProfile(areaProfileFixture(), 'de'));
    const file = join(dir, 'profil.docx');
    writeFileSync(file, bytes);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    expect(xml).toContain('>2 Kernindikatoren<');
    expect(xml).toContain('>4 von 17<');
  });
});
