/**
 * The delimiter of an uploaded CSV file: `;` when its header line holds more semicolons than
 * commas (what spreadsheet software writes in German locales), `,` otherwise.
 */
export function csvDelimiter(text: string): ';' | ',' {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = text.indexOf('\n', start);
  const header = text.slice(start, end < 0 ? undefined : end);
  const count = (delimiter: string) => header.split(delimiter).length - 1;
  return count(';') > count(',') ? ';' : ',';
}
