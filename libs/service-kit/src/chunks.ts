/**
 * `items` in consecutive runs of `size`, the last one shorter; none for no items. Statements,
 * event parts and upstream requests each take a bounded number of rows.
 */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
