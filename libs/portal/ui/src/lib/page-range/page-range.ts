/** One page of a list: `from`–`to` of `total`, 1-based for people; none when it shows nothing. */
export function pageRange(offset: number, shown: number, total: number): { from: number; to: number } | null {
  if (shown === 0 || total === 0) return null;
  return { from: offset + 1, to: Math.min(total, offset + shown) };
}
