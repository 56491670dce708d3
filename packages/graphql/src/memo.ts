import { type CampaignLedger, emptyLedger } from '@mujun/core';
import { registryReferences } from '@mujun/core/campaign';
import type { MujunContext } from './context';
import { requireRegion } from './lookups';

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

/** The campaign ledger of a city (an empty one over its registry before any event). @throws ValidationError naming `field` */
export async function requireLedger(ctx: MujunContext, city: string, field = 'city'): Promise<CampaignLedger> {
  const region = await requireRegion(ctx, city, field);
  const ledger = await ctx.loaders.ledger.load(region.code);
  if (ledger) return ledger;
  const registry = await ctx.repository.loadRegistry(region.code);
  if (!registry) throw new Error(`[mujun] region ${region.code} has no registry`);
  return emptyLedger(registryReferences(registry));
}
