import { invalid } from '@mujun/core';
import type { Limits } from './context';
import { gatewayMessages } from './messages';

/** Relay arguments as Pothos hands them over. */
export interface ConnectionArgs {
  readonly first?: number | null | undefined;
  readonly after?: string | null | undefined;
  readonly last?: number | null | undefined;
  readonly before?: string | null | undefined;
}

/** A page request, checked against the gateway's limits: `first` (forward) or `last` (backward) rows between the cursors. */
export interface PageRequest {
  /** Rows from the start of the window (forward paging). */
  readonly first?: number;
  /** Rows from the end of the window (backward paging). */
  readonly last?: number;
  /** The key of the row the window starts after. */
  readonly after?: string;
  /** The key of the row the window ends before. */
  readonly before?: string;
}

export interface Connection<T> {
  readonly edges: { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
  /**
   * Rows matching the query's filters, whatever the page (`totalCount`); a
   * function when counting costs a query of its own, so it runs only when selected.
   */
  readonly totalCount: number | (() => Promise<number>);
}

const CURSOR_PREFIX = 'k:';

/** Cursors are opaque to clients: base64url of the row's key. */
export function encodeCursor(key: string): string {
  return Buffer.from(CURSOR_PREFIX + key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arg: 'after' | 'before' = 'after'): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX) || encodeCursor(text.slice(CURSOR_PREFIX.length)) !== cursor) {
    throw invalid(arg, 'cursor.format', gatewayMessages.badCursor(cursor));
  }
  return text.slice(CURSOR_PREFIX.length);
}

function pageSize(arg: 'first' | 'last', n: number, limits: Limits): number {
  if (n < 0) throw invalid(arg, 'page.negative', gatewayMessages.pageNegative(arg, n));
  if (n > limits.maxPageSize)
    throw invalid(arg, 'page.maxSize', gatewayMessages.pageTooLarge(arg, n, limits.maxPageSize));
  return n;
}

/**
 * Checks the Relay arguments: `first` or `last` (not both; `first` defaults
 * to the gateway's page size), within `maxPageSize` (an error naming the
 * argument, never a silent clamp), and cursors of this list.
 */
export function pageRequest(args: ConnectionArgs, limits: Limits): PageRequest {
  if (args.first != null && args.last != null) {
    throw invalid('last', 'page.firstAndLast', gatewayMessages.firstAndLast);
  }
  const cursors = {
    ...(args.after == null ? {} : { after: decodeCursor(args.after, 'after') }),
    ...(args.before == null ? {} : { before: decodeCursor(args.before, 'before') }),
  };
  if (args.last != null) return { last: pageSize('last', args.last, limits), ...cursors };
  return { first: pageSize('first', args.first ?? limits.defaultPageSize, limits), ...cursors };
}

/** The first index in `sorted` whose key is above `key` (binary search). */
function firstAbove<T>(sorted: readonly T[], key: (row: T) => string, bound: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(sorted[mid] as T) <= bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in `sorted` whose key is at or above `key`. */
function firstAtOrAbove<T>(sorted: readonly T[], key: (row: T) => string, bound: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(sorted[mid] as T) < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A page of a list already in memory and sorted by `key` (Relay's
 * algorithm): the rows after `after` and before `before`, then the first
 * `first` or the last `last` of them. `hasNextPage` says whether rows follow
 * the page in the list (so `first: 0` on a non-empty list says true, on an
 * empty one false); `hasPreviousPage` whether rows precede it.
 */
export function pageOf<T>(sorted: readonly T[], page: PageRequest, key: (row: T) => string): Connection<T> {
  const from = page.after === undefined ? 0 : firstAbove(sorted, key, page.after);
  const to = Math.max(from, page.before === undefined ? sorted.length : firstAtOrAbove(sorted, key, page.before));
  const start = page.last === undefined ? from : Math.max(from, to - page.last);
  const end = page.last === undefined ? Math.min(to, from + (page.first ?? 0)) : to;
  const edges = sorted.slice(start, end).map((node) => ({ cursor: encodeCursor(key(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: end < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: sorted.length,
  };
}

/**
 * A forward page read from storage with `first + 1` rows after the cursor
 * (the extra row only tells whether a next page exists), for lists too large
 * to hold in memory; `count` is asked only when `totalCount` is selected.
 */
export function connectionFromRows<T>(
  rows: readonly T[],
  page: PageRequest,
  key: (row: T) => string,
  count: () => Promise<number>,
): Connection<T> {
  const first = page.first ?? 0;
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor(key(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: page.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: count,
  };
}
