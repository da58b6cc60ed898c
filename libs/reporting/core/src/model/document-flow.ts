import { text } from '../texts';
import type { ReportBlock, ReportDocument, ReportSection, ReportTable, TextRun } from './report-document';

// Every renderer walks a document the same way: numbered headings, blocks in order, then the
// notes and the annex under headings of their own. Deriving that once keeps PDF, DOCX and the
// table of contents in agreement about what "2.3" is.

export type HeadingLevel = 1 | 2 | 3;

export interface FlowHeading {
  kind: 'heading';
  level: HeadingLevel;
  /** "2.3" for the third subsection of section 2; "A.1" in the annex. */
  number: string;
  title: string;
  /** The section id, used as PDF destination and DOCX bookmark. */
  id: string;
}

export interface FlowBlock {
  kind: 'block';
  block: ReportBlock;
}

export type FlowItem = FlowHeading | FlowBlock;

/** The printed heading text: "2.3 Kernindikatoren". */
export function headingText(heading: FlowHeading): string {
  return heading.number ? `${heading.number} ${heading.title}` : heading.title;
}

function sectionFlow(sections: ReportSection[], prefix: string, level: number, items: FlowItem[]): void {
  sections.forEach((section, i) => {
    const number = prefix ? `${prefix}.${i + 1}` : `${i + 1}`;
    items.push({
      kind: 'heading',
      level: level as HeadingLevel,
      number,
      title: section.title,
      id: section.id,
    });
    for (const block of section.blocks) items.push({ kind: 'block', block });
    sectionFlow(section.sections ?? [], number, level + 1, items);
  });
}

function notesBlocks(notes: TextRun[][]): FlowBlock[] {
  return notes.map((runs) => ({ kind: 'block', block: { kind: 'paragraph', runs } }));
}

/** The document as one sequence of headings and blocks, in reading order. */
export function documentFlow(document: ReportDocument): FlowItem[] {
  const language = document.metadata.language;
  const items: FlowItem[] = [];
  sectionFlow(document.sections, '', 1, items);
  if (document.notes?.length) {
    const number = `${document.sections.length + 1}`;
    items.push({ kind: 'heading', level: 1, number, title: text(language, 'notes.title'), id: 'notes' });
    items.push(...notesBlocks(document.notes));
  }
  if (document.annex?.length) {
    items.push({ kind: 'heading', level: 1, number: 'A', title: text(language, 'annex.title'), id: 'annex' });
    sectionFlow(document.annex, 'A', 2, items);
  }
  return items;
}

/** The headings a table of contents lists (levels 1 and 2; level 3 would crowd a profile's TOC). */
export function tocHeadings(flow: FlowItem[]): FlowHeading[] {
  return flow.filter((item): item is FlowHeading => item.kind === 'heading' && item.level <= 2);
}

/**
 * Every table of the document in reading order, including the numbers behind figures — what
 * XLSX gets one sheet each for and CSV one file each.
 */
export function documentTables(document: ReportDocument): ReportTable[] {
  const tables: ReportTable[] = [];
  for (const item of documentFlow(document)) {
    if (item.kind !== 'block') continue;
    if (item.block.kind === 'table') tables.push(item.block.table);
    if (item.block.kind === 'figure' && item.block.figure.data) tables.push(item.block.figure.data);
  }
  return tables;
}

/** Plain text of runs, for places that cannot show emphasis (alt texts, CSV, sheet cells). */
export function plainText(runs: TextRun[]): string {
  return runs.map((run) => run.text).join('');
}
