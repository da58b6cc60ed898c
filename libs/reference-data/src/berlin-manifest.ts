/**
 * The Berlin reference files: where their publishers offer them, under which licence, how to
 * credit them, and the SHA-256 of the version Quartier's tests and demo were checked against.
 * `quartier data fetch berlin` downloads what can be downloaded and refuses any other bytes.
 */
export interface ReferenceFile {
  /** Path inside the reference data folder. */
  readonly file: string;
  /** Direct download, or null where the publisher offers no file in this form. */
  readonly url: string | null;
  /** The publisher's page for the data set. */
  readonly page: string;
  readonly licence: string;
  readonly attribution: string;
  readonly sha256: string;
  /** What a person has to do where there is no direct download. */
  readonly note?: string;
}

const LOR_BASE =
  'https://raw.githubusercontent.com/open-data-product/open-data-product-berlin-lor-geodata/main/data/02-silver';
const LOR_PAGE = 'https://github.com/open-data-product/open-data-product-berlin-lor-geodata';
const LOR_LICENCE =
  'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2.0); republished under CC BY 4.0';
const LOR_ATTRIBUTION =
  'Geoportal Berlin / Lebensweltlich orientierte Räume (LOR), Stand bis 2020; aufbereitet vom Projekt open-data-product';

const lor = (file: string, published: string, sha256: string): ReferenceFile => ({
  file: `berlin/lor-until-2020/${file}`,
  url: `${LOR_BASE}/${published}/${published}.geojson`,
  page: LOR_PAGE,
  licence: LOR_LICENCE,
  attribution: LOR_ATTRIBUTION,
  sha256,
});

const MSS_PAGE = (edition: number) =>
  `https://www.berlin.de/sen/sbw/stadtdaten/stadtwissen/monitoring-soziale-stadtentwicklung/bericht-${edition}/tabellen/`;
const MSS_LICENCE = 'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2.0)';
const MSS_ATTRIBUTION =
  'Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin (SenSBW): Monitoring Soziale Stadtentwicklung';
const MSS_NOTE =
  'SenSBW publishes these tables as Excel workbooks on the report page; this CSV is the table as a plain ' +
  'file (see ../shared/data/berlin/README.md for its columns). There is no direct download of it: put the ' +
  'file into the reference folder yourself; `data fetch` then checks it.';

const mss = (file: string, sha256: string): ReferenceFile => ({
  file: `berlin/mss/${file}`,
  url: null,
  page: MSS_PAGE(Number(file.slice(4, 8))),
  licence: MSS_LICENCE,
  attribution: MSS_ATTRIBUTION,
  sha256,
  note: MSS_NOTE,
});

export const BERLIN_REFERENCE_FILES: readonly ReferenceFile[] = [
  lor(
    'districts.geojson',
    'berlin-lor-districts',
    '3e7116e5857c1eebe7cc271fb9f352e08b8081d42dcbacb89d557fb32a164702',
  ),
  lor(
    'forecast-areas.geojson',
    'berlin-lor-forecast-areas-until-2020',
    '09521d4b8a98e3f5d7c518ba3519bec61076c5c759fae81dcf3233223564b985',
  ),
  lor(
    'district-regions.geojson',
    'berlin-lor-district-regions-until-2020',
    'bf2f33b67e8ab037237607dcb027bdd2597240451fe0678353ebecb742f4f9b1',
  ),
  lor(
    'planning-areas.geojson',
    'berlin-lor-planning-areas-until-2020',
    'c4a3b652379feeeada68dae0e534d8219e6b325dc5b3a2dcd6ff821e132a62fe',
  ),
  mss('mss-2013-indicators.csv', '390b8a5e98eb05c3ba7f6c8c98fdf659d2c0c047323fe693b27c802124755fc9'),
  mss('mss-2013-classes.csv', '99bf08fce39da98d9e1e7356b8f7863d38d19fa1028920a0c00cf7bab15be931'),
  mss('mss-2015-indicators.csv', 'fd9cf22ff32af94f10258e55d485b9727f2504b1be61f08f5887506ca9724f07'),
  mss('mss-2015-classes.csv', 'dce5c440f4042fa6db98cb99d00d9428905bf26ca24f5127c6fe4da9631b8a23'),
  mss('mss-2017-indicators.csv', 'aff2f5f9c25ecd0656595ba83ddd51e7dc627e66a20b80743b063f2f5d1d6e44'),
  mss('mss-2017-classes.csv', '1fac1cdc3cdc4a6e7fe9ffdcd46eaf2f296faf66881f4afb895df7d9c2f3a5e1'),
  mss('mss-2019-indicators.csv', '909959fa774f5475e752a9ade15cc5514309725cb44ea855306de5deb8b9e5cd'),
  mss('mss-2019-classes.csv', 'ff061e399e799b47d7c3381e21d25867fc3ed15fdc67cd125e208b80755e0e8c'),
  mss('mss-2021-indicators.csv', '78f96ceb594fc5414cfe88a16717ec2ad057a7ba6c03eb1971c8dc0b2666badd'),
  mss('mss-2021-classes.csv', 'ca9c5afd59698aebc13a7f9cf8387966646a209f3b2105e33ddffb427ea122e1'),
  mss(
    'mss-2021-official-table3-zvalues.csv',
    'f353eed8b87f58de0d6799cf8ba6a291bdd3eb040e8e8e02bd09250f20fe9cfa',
  ),
  mss('mss-2021-context-indicators.csv', '5ecd5548e3a1eb068aeac4e581db94a920a32aee5d6ce5fe0c4b05dce3e6f7e2'),
];

/** What the Berlin demo reads: the four LOR levels and the MSS editions 2013–2019. */
export const BERLIN_DEMO_FILES: readonly string[] = [
  ...BERLIN_REFERENCE_FILES.filter((f) => f.file.startsWith('berlin/lor-until-2020/')).map((f) => f.file),
  ...[2013, 2015, 2017, 2019].map((edition) => `berlin/mss/mss-${edition}-indicators.csv`),
];

/** How to add Berlin, for logs and the About page. */
export const ADD_BERLIN_HINT =
  'npm run -s quartier -- data fetch berlin (downloads the LOR geometries and names the publisher page of each MSS table, ' +
  'published only as Excel, to be saved as CSV into the folder; or set QUARTIER_REFERENCE_DATA to a folder with ' +
  'berlin/lor-until-2020 and berlin/mss), then restart';
