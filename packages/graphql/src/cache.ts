import type { CampaignLedger, Repository } from '@mujun/core';
import type { Changed } from '@mujun/core/cycle';
import type { Loaders } from './context';

/*
 * The gateway's caches and their one write hook (缓存与失效). What is kept:
 *
 * - per request: the loaders (`context.ts`), reads of a region batched and
 *   kept for the request;
 * - across requests, keyed by immutable values, so never stale: registry
 *   snapshots by ledger references (`snapshot.ts`), results computed from a
 *   ledger value (`memoOnLedger` below), evaluations by snapshot;
 * - across requests, keyed by region: the shared in-flight (with
 *   `singleWriter`: kept) ledger read (`snapshot.ts`);
 * - the response cache (`gateway.ts`), keyed by the repository's data revision.
 *
 * Every write a request makes goes through `observeWrites`: after the
 * repository accepts it, `written(changed)` drops what this request and later
 * requests would otherwise read stale about the region written. No resolver
 * invalidates anything by hand. docs/architecture.md, "When a read is fresh".
 */

/**
 * The write hook: after a write to `changed.regionCode`, this request's
 * loaders forget the region and later requests read its ledger afresh.
 */
export function written(loaders: Loaders, changed: Changed): void {
  loaders.forgetRegion(changed.regionCode);
}

/** The region code a repository write names, by method (undefined: no region-scoped read cache to drop). */
const WRITES: { readonly [M in keyof Repository]?: (args: readonly unknown[], result: unknown) => string | undefined } =
  {
    saveRegion: (_args, result) => (result as { code?: string } | undefined)?.code,
    saveRecords: (args) => args[0] as string,
    appendEvents: (args) => args[0] as string,
    importRegion: (args) => (args[0] as { region?: { code?: string } } | undefined)?.region?.code,
    saveTargets: (args) => args[0] as string,
    createRun: (args) => (args[0] as { run: { regionCode: string } }).run.regionCode,
    updateRun: (args) => (args[0] as { run: { regionCode: string } }).run.regionCode,
  };

/**
 * The repository a request writes through: each write method, once it
 * resolves, reports the region it changed to `onWrite` — the one place
 * caches learn of writes. Reads pass through untouched.
 */
export function observeWrites(repository: Repository, onWrite: (changed: Changed) => void): Repository {
  return new Proxy(repository, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      const regionOf = WRITES[key as keyof Repository];
      if (regionOf === undefined || typeof value !== 'function') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: unknown[]) => {
        const result = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        const regionCode = regionOf(args, result);
        if (regionCode !== undefined) onWrite({ regionCode });
        return result;
      };
    },
  });
}

/*
 * A ledger value is immutable, and the repositories hand out the same ledger
 * object until an event or a registry change makes a new one (the store's
 * ledger cache is keyed by version and registry revision). So whatever is
 * computed from a ledger alone — yearly statistics, a ranking — can be kept
 * with that object and shared by every request that sees it; it goes with the
 * ledger when the ledger is garbage-collected.
 */
const byLedger = new WeakMap<CampaignLedger, Map<string, unknown>>();

/** `compute()` once per ledger value and key. */
export function memoOnLedger<T>(ledger: CampaignLedger, key: string, compute: () => T): T {
  let slot = byLedger.get(ledger);
  if (!slot) {
    slot = new Map();
    byLedger.set(ledger, slot);
  }
  if (slot.has(key)) return slot.get(key) as T;
  const value = compute();
  slot.set(key, value);
  return value;
}
