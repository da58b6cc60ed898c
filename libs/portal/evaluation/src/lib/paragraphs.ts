// Questions, findings and recommendations are lists of paragraphs in the API; the forms edit
// them as one text in which a blank line separates two paragraphs.

/** Paragraphs of a text: blocks separated by blank lines, trimmed, empty ones dropped. */
export function toParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '');
}

/** The text a form shows for a list of paragraphs. */
export function fromParagraphs(paragraphs: readonly string[]): string {
  return paragraphs.join('\n\n');
}
