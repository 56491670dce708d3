import type { CampaignLedger } from '../campaign/ledger';
import { parseRegistry, type Registry, type RegistryInput } from '../model/registry';
import { type AppendEventsResult, type AppendOptions, replayOver } from './ledger-repository';
import type { WriteContext } from './repository';
import { checkWriteContext } from './write-checks';

/*
 * The rules every repository keeps, written once: the memory repository and
 * the SQL store (@mujun/store) call these, so the two cannot drift apart
 * again. Each is checked before anything is written, so a refused write
 * changes nothing.
 */

export { checkWriteContext, regionExists, requireRegion, unknownRegion } from './write-checks';

/**
 * Optimistic concurrency of appendEvents: the conflict answer when the caller
 * expected another version than the ledger's, else undefined (go on).
 */
export function versionConflict(options: AppendOptions, actualVersion: number): AppendEventsResult | undefined {
  if (options.expectedVersion === undefined || options.expectedVersion === actualVersion) return undefined;
  return { ok: false, reason: 'conflict', expectedVersion: options.expectedVersion, actualVersion };
}

/**
 * What importRegion checks before it writes anything: who writes, and the
 * whole region validated by the core (registry cross-checks, then every
 * ledger invariant by replaying the events).
 */
export function checkedImport(
  input: RegistryInput,
  events: readonly unknown[],
  ctx: WriteContext,
): { registry: Registry; ledger: CampaignLedger } {
  checkWriteContext(ctx);
  const registry = parseRegistry(input);
  return { registry, ledger: replayOver(registry, events) };
}
