/**
 * The tab a key moves to in a tab list (WAI-ARIA tabs pattern): the arrows step to the next or
 * previous tab and wrap around, Home and End go to the first and the last. Null for any other key.
 */
export function tabIndexAfterKey(key: string, index: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
