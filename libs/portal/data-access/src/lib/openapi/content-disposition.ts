/**
 * The file name of a `Content-Disposition` header (RFC 6266): the UTF-8 `filename*` (RFC 5987)
 * when present — it carries umlauts and ß of German report names — else the plain `filename`,
 * which servers send as an ASCII fallback. Null when the header names no file. Path
 * separators are replaced: a name from a server never picks a folder.
 */
export function fileNameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    const charset = extended[1].trim().toLowerCase();
    const value = extended[2].trim();
    try {
      const decoded =
        charset === 'utf-8' || charset === ''
          ? decodeURIComponent(value)
          : // ISO-8859-1 is the only other charset RFC 5987 requires: one byte per character.
            value.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      if (decoded.trim()) return safeName(decoded);
    } catch {
      // A malformed escape: fall back to the plain name below.
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return quoted[1].trim() ? safeName(quoted[1].replace(/\\(.)/g, '$1')) : null;
  const token = /filename\s*=\s*([^;\s]+)/i.exec(header);
  return token ? safeName(token[1]) : null;
}

function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').trim();
}
