import { restoreCsvCell } from '@quartier/contracts';
import { csvDelimiter } from '@quartier/service-kit';
import { parse } from 'csv-parse/sync';
import { ImportIssues, parseBoolean, type RawEdge, type RawNode } from '@quartier/network-core';

interface CsvRow {
  record: string[];
  info: { lines: number };
}

function readCsv(
  text: string,
  file: string,
  required: readonly string[],
  issues: ImportIssues,
): { rows: CsvRow[]; header: string[] } | null {
  let rows: CsvRow[];
  try {
    // With `info: true` csv-parse yields { record, info } per row; its typings only model plain rows.
    rows = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
      delimiter: csvDelimiter(text),
    }) as unknown as CsvRow[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    issues.add(file, line, 'NotCsv', `not readable as CSV: ${(error as Error).message}`);
    return null;
  }
  // Our own exports guard formula cells with an apostrophe; they import back unchanged.
  for (const row of rows) row.record = row.record.map(restoreCsvCell);
  if (rows.length === 0) {
    issues.add(file, null, 'EmptyFile', `empty file (expected a header with ${required.join(', ')})`, {
      columns: required.join(', '),
    });
    return null;
  }
  const header = rows[0].record.map((name) => name.trim().toLowerCase());
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    issues.add(
      file,
      rows[0].info.lines,
      'MissingColumns',
      `missing column(s) ${missing.join(', ')} (header: ${rows[0].record.join(',')})`,
      { columns: missing.join(', ') },
    );
    return null;
  }
  return { rows: rows.slice(1), header };
}

function attributesOf(header: string[], record: string[], skip: readonly string[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  header.forEach((name, i) => {
    if (!skip.includes(name) && record[i] !== undefined && record[i] !== '') attributes[name] = record[i];
  });
  return attributes;
}

/** Actors file: header `id` plus any of name, kind, sector, field, area, address, lon, lat, offerings, contact_*, pseudonymised. */
export function parseCsvNodes(text: string, file: string, issues: ImportIssues): RawNode[] {
  const table = readCsv(text, file, ['id'], issues);
  if (!table) return [];
  const id = table.header.indexOf('id');
  const nodes: RawNode[] = [];
  for (const { record, info } of table.rows) {
    if (issues.full) break;
    if (!record[id]) {
      issues.add(file, info.lines, 'NodeWithoutId', 'empty id');
      continue;
    }
    nodes.push({
      file,
      line: info.lines,
      id: record[id],
      attributes: attributesOf(table.header, record, ['id']),
    });
  }
  return nodes;
}

/** Ties file: header `source,target` plus any of type, weight, directed. */
export function parseCsvEdges(text: string, file: string, issues: ImportIssues): RawEdge[] {
  const table = readCsv(text, file, ['source', 'target'], issues);
  if (!table) return [];
  const source = table.header.indexOf('source');
  const target = table.header.indexOf('target');
  const directedColumn = table.header.indexOf('directed');
  const edges: RawEdge[] = [];
  for (const { record, info } of table.rows) {
    if (issues.full) break;
    if (!record[source] || !record[target]) {
      issues.add(file, info.lines, 'EdgeWithoutEnds', 'empty source or target');
      continue;
    }
    let directed: boolean | null = null;
    if (directedColumn >= 0 && record[directedColumn] !== '') {
      const value = parseBoolean(record[directedColumn]);
      if (value === undefined) {
        issues.add(file, info.lines, 'NotBoolean', `directed "${record[directedColumn]}" is not true/false`, {
          column: 'directed',
          value: record[directedColumn],
        });
        continue;
      }
      directed = value;
    }
    edges.push({
      file,
      line: info.lines,
      source: record[source],
      target: record[target],
      directed,
      attributes: attributesOf(table.header, record, ['source', 'target', 'directed']),
    });
  }
  return edges;
}
