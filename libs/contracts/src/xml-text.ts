/**
 * Text for XML content and attribute values (the portal's map SVGs, the network service's GEXF
 * and GraphML): the five characters XML gives a meaning escaped, everything else as it was.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
