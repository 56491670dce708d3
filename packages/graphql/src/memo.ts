import { type CampaignLedger, emptyLedger } from '@mujun/core';
import { registryReferences } from '@mujun/core/campaign';
import type { MujunContext } from './context';
import { requireRegion } from './lookups';

/** Results computed from a ledger value are kept by the gateway's cache module. */
export { memoOnLedger } from './cache';

/** The campaign ledger of a city (an empty one over its registry before any event). @throws ValidationError naming `field` */
export async function requireLedger(ctx: MujunContext, city: string, field = 'city'): Promise<CampaignLedger> {
  const region = await requireRegion(ctx, city, field);
  const ledger = await ctx.loaders.ledger.load(region.code);
  if (ledger) return ledger;
  const registry = await ctx.repository.loadRegistry(region.code);
  if (!registry) throw new Error(`[mujun] region ${region.code} has no registry`);
  return emptyLedger(registryReferences(registry));
}
