// A streaming CSV record splitter (RFC 4180: quoted fields, doubled quotes, line breaks inside
// quotes, CRLF or LF). Indicator files have millions of short unquoted lines, so lines without
// a quote take a fast path (String.split); only quoted lines walk character by character.
// Each record carries the physical line it starts on — the number an error report must name.

import { neutraliseCsvCell } from '@quartier/contracts';

export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export type CsvDelimiter = ',' | ';' | '\t';

/** A text as a field of a CSV the platform writes: formula-safe, quoted only when it must be. */
export function csvField(raw: string): string {
  const text = neutraliseCsvCell(raw);
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Guesses the delimiter from the header line: the most frequent of `;`, tab and `,`. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const count = (ch: string) => headerLine.split(ch).length - 1;
  const candidates: CsvDelimiter[] = [';', '\t', ','];
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const candidate of candidates) {
    const n = count(candidate);
    if (n > bestCount) {
      best = candidate;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Feed text chunks with `push`, take complete records from its result, call `end` for the last
 * one. An unterminated quote at the end of input is reported by `end` as an error.
 */
export class CsvRecordSplitter {
  private buffer = '';
  private line = 0;
  private bomChecked = false;
  /** Fields and state of a record whose quoted field continues on the next line. */
  private pending: { fields: string[]; field: string; startLine: number } | null = null;
  delimiter: CsvDelimiter | null;

  constructor(delimiter?: CsvDelimiter) {
    this.delimiter = delimiter ?? null;
  }

  push(chunk: string): CsvRecord[] {
    if (!this.bomChecked && chunk.length > 0) {
      this.bomChecked = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const text = this.buffer + chunk;
    const records: CsvRecord[] = [];
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      this.buffer = text;
      return records;
    }
    this.buffer = text.slice(last + 1);
    // The complete lines in one split rather than an indexOf and a slice per line: this runs for
    // every line of a file, mostly unoptimised in a process's first import.
    const lines = text.slice(0, last).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      this.takeLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line, records);
    }
    return records;
  }

  /** The last record (a final line without line break), or an error for an open quote. */
  end(): { records: CsvRecord[]; error?: { line: number; message: string } } {
    const records: CsvRecord[] = [];
    if (this.buffer.length > 0 || this.pending) {
      const rest = this.buffer.endsWith('\r') ? this.buffer.slice(0, -1) : this.buffer;
      this.buffer = '';
      if (rest.length > 0 || this.pending) this.takeLine(rest, records);
    }
    if (this.pending) {
      const line = this.pending.startLine;
      this.pending = null;
      return { records, error: { line, message: 'a quoted field is not closed before the end of the file' } };
    }
    return { records };
  }

  private takeLine(text: string, out: CsvRecord[]): void {
    this.line++;
    if (this.delimiter === null) this.delimiter = detectDelimiter(text);
    if (this.pending === null && text.indexOf('"') < 0) {
      if (text.length === 0) return; // blank lines carry no record
      out.push({ line: this.line, fields: text.split(this.delimiter) });
      return;
    }
    this.parseQuoted(text, out);
  }

  private parseQuoted(text: string, out: CsvRecord[]): void {
    const delimiter = this.delimiter as string;
    let fields: string[];
    let field: string;
    let inQuotes: boolean;
    let startLine: number;
    if (this.pending) {
      ({ fields, field, startLine } = this.pending);
      // The line break inside the quotes belongs to the value (normalised to LF).
      field += '\n';
      inQuotes = true;
      this.pending = null;
    } else {
      fields = [];
      field = '';
      inQuotes = false;
      startLine = this.line;
    }
    let i = 0;
    while (i < text.length) {
      const ch = text[i];
      if (inQuotes) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          inQuotes = false;
        } else field += ch;
        i++;
      } else if (ch === '"' && field.length === 0) {
        inQuotes = true;
        i++;
      } else if (ch === delimiter) {
        fields.push(field);
        field = '';
        i++;
      } else {
        field += ch;
        i++;
      }
    }
    if (inQuotes) {
      this.pending = { fields, field, startLine };
      return;
    }
    fields.push(field);
    out.push({ line: startLine, fields });
  }
}
