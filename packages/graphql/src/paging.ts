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

/** A forward page request, checked against the gateway's limits. */
export interface PageRequest {
  readonly first: number;
  /** The key of the last row already read. */
  readonly after?: string;
}

export interface Connection<T> {
  readonly edges: { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
}

const CURSOR_PREFIX = 'k:';

/** Cursors are opaque to clients: base64url of the row's key. */
export function encodeCursor(key: string): string {
  return Buffer.from(CURSOR_PREFIX + key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX) || encodeCursor(text.slice(CURSOR_PREFIX.length)) !== cursor) {
    throw invalid('after', 'cursor.format', gatewayMessages.badCursor(cursor));
  }
  return text.slice(CURSOR_PREFIX.length);
}

/**
 * Checks the Relay arguments: forward paging only, `first` within the
 * gateway's `maxPageSize` (an error naming the field, never a silent clamp).
 */
export function pageRequest(args: ConnectionArgs, limits: Limits): PageRequest {
  if ((args.last ?? null) !== null || (args.before ?? null) !== null) {
    throw invalid(args.last != null ? 'last' : 'before', 'page.backward', gatewayMessages.backwardPaging);
  }
  const first = args.first ?? limits.defaultPageSize;
  if (first < 0) throw invalid('first', 'page.negative', gatewayMessages.pageNegative(first));
  if (first > limits.maxPageSize) {
    throw invalid('first', 'page.maxSize', gatewayMessages.pageTooLarge(first, limits.maxPageSize));
  }
  return args.after == null ? { first } : { first, after: decodeCursor(args.after) };
}

/**
 * A connection from rows read with `first + 1` (the extra row only tells
 * whether there is a next page).
 */
export function connectionFromRows<T>(rows: readonly T[], page: PageRequest, key: (row: T) => string): Connection<T> {
  const shown = rows.slice(0, page.first);
  const edges = shown.map((node) => ({ cursor: encodeCursor(key(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      hasPreviousPage: page.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A page of a list already in memory and sorted by `key`. */
export function pageOf<T>(sorted: readonly T[], page: PageRequest, key: (row: T) => string): Connection<T> {
  const after = page.after;
  const start = after === undefined ? 0 : sorted.findIndex((r) => key(r) > after);
  const rows = start < 0 ? [] : sorted.slice(start, start + page.first + 1);
  return connectionFromRows(rows, page, key);
}
