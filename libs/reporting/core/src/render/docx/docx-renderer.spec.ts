import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleDocument } from '../../testing/sample-document';
import { renderDocxBuffer } from './docx-renderer';

const dir = mkdtempSync(join(tmpdir(), 'reporting-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function part(bytes: Buffer, name: string): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.docx`);
  writeFileSync(file, bytes);
  return execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function listing(bytes: Buffer): string {
  const file = join(dir, 'listing.docx');
  writeFileSync(file, bytes);
  return execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
}

describe('renderDocx', () => {
  let bytes: Buffer;
  let xml: string;
  beforeAll(async () => {
    bytes = await renderDocxBuffer(sampleDocument());
    xml = part(bytes, 'word/document.xml');
  });

  it('writes real heading styles with the numbered section titles', () => {
    const headings = [...xml.matchAll(/<w:pStyle w:val="(Heading\d)"\/>.*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
    expect(headings).toEqual(
      expect.arrayContaining([
        'Heading1:1 Überblick',
        'Heading2:1.1 Lage',
        'Heading1:2 Kernindikatoren',
        'Heading2:A.1 Methoden',
      ]),
    );
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
  });

  it('writes tables with a repeating header row, units in the header and formatted cells', () => {
    expect(xml).toContain('<w:tblHeader/>');
    for (const text of [
      'Wert (%)',
      'Budget (€)',
      '1.234.567,89',
      '7,3',
      '-0,4',
      '•',
      '–',
      'Tabelle 1: Kernindikatoren im Vergleich',
    ])
      expect(xml).toContain(`>${text}<`);
    expect(xml).toContain('• Wert gesperrt (Geheimhaltung kleiner Fallzahlen); – keine Daten');
  });

  it('includes the table of contents field, page numbers in the footer and the document language', () => {
    expect(xml).toMatch(/TOC \\h \\o &quot;1-2&quot;|TOC \\o &quot;1-2&quot; \\h/);
    const footer = part(bytes, 'word/footer1.xml');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
    expect(footer).toContain('>Seite <');
    expect(part(bytes, 'word/styles.xml')).toContain('w:val="de-DE"');
    expect(part(bytes, 'docProps/core.xml')).toContain('<dc:title>Sozialraumprofil Müggelheim</dc:title>');
  });

  it('embeds figures as SVG with a PNG fallback and the alternative text', () => {
    expect(listing(bytes)).toMatch(/word\/media\/.*\.svg/);
    expect(listing(bytes)).toMatch(/word\/media\/.*\.png/);
    expect(xml).toContain('descr="Karte des Gebiets Müggelheim mit seinen vier Planungsräumen"');
    expect(xml).toContain('Abbildung 1: Das Gebiet und seine Planungsräume');
  });

  it('uses a caller-supplied rasteriser for the fallback picture', async () => {
    const calls: [number, number][] = [];
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP49OkTAAWwAtccUw7xAAAAAElFTkSuQmCC',
      'base64',
    );
    await renderDocxBuffer(sampleDocument(), {
      rasterise: async (_svg, width, height) => {
        calls.push([width, height]);
        return png;
      },
    });
    expect(calls).toEqual([[200, 100]]);
  });

  it('writes the English edition', async () => {
    const english = sampleDocument();
    english.metadata = { ...english.metadata, language: 'en' };
    const englishBytes = await renderDocxBuffer(english);
    const englishXml = part(englishBytes, 'word/document.xml');
    expect(englishXml).toContain('>1,234,567.89<');
    expect(englishXml).toContain('3 Notes');
    expect(part(englishBytes, 'word/footer1.xml')).toContain('>Page <');
  });
});
