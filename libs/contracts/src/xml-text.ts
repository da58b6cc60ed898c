/**
 * Text for XML content and attribute values (map SVGs, the impact-model figure, IATI, GEXF and
 * GraphML): the five special characters escaped, and control characters replaced by a space. XML
 * 1.0 forbids those below U+0020 except tab, line feed and carriage return (and discourages
 * U+007F–U+009F): one form feed pasted into an actor's name or a description would otherwise make
 * the whole document unreadable for Gephi, a browser or an IATI validator.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\p{Cc}\ufffe\uffff]/gu, (c) => (c === '\t' || c === '\n' || c === '\r' ? c : ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
