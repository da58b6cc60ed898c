/** The part of a resource a page reads to decide what it shows (Angular's `Resource` has it). */
export interface LoadingResource<T> {
  readonly value: () => T;
  readonly error: () => unknown;
}

/** What a page shows of a resource: its content, or the failure, the wait or the emptiness instead. */
export type LoadState<T> =
  | { readonly state: 'content'; readonly value: NonNullable<T> }
  | { readonly state: 'failed' | 'empty'; readonly text: string }
  | { readonly state: 'loading' };

/**
 * A failure first (in the reader's words), then the wait while there is no value yet — a value
 * being read again stays shown until the new one is there —, then `empty` where the value is a
 * list (an array, or a page's `items`) with nothing in it, else the content.
 */
export function loadState<T>(
  resource: LoadingResource<T>,
  problem: (error: unknown) => string,
  empty: string | null,
): LoadState<T> {
  const error = resource.error();
  if (error) return { state: 'failed', text: problem(error) };
  const value = resource.value();
  if (value === undefined || value === null) return { state: 'loading' };
  if (empty !== null && isEmptyList(value)) return { state: 'empty', text: empty };
  return { state: 'content', value };
}

function isEmptyList(value: unknown): boolean {
  const list = Array.isArray(value) ? value : (value as { readonly items?: unknown }).items;
  return Array.isArray(list) && list.length === 0;
}
