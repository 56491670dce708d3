import type { CampaignLedger } from '../campaign/ledger';
import { invalid, type ValidationError } from '../errors';
import { parseRegistry, type Registry, type RegistryInput } from '../model/registry';
import { type AppendEventsResult, type AppendOptions, replayOver } from './ledger-repository';
import type { WriteContext } from './repository';

/*
 * The rules every repository keeps, written once: the memory repository and
 * the SQL store (@mujun/store) call these, so the two cannot drift apart
 * again. Each is checked before anything is written, so a refused write
 * changes nothing.
 */

/**
 * Every write names who makes it: the audit trail records the actor. A
 * missing or blank actor (a JavaScript caller, a cast) is a ValidationError
 * naming `actor`, before anything is read or written.
 */
export function checkWriteContext(ctx: WriteContext): void {
  const actor = (ctx as Partial<WriteContext> | null | undefined)?.actor;
  if (typeof actor !== 'string' || actor.trim() === '') {
    throw invalid('actor', 'repository.actor', 'every write names its actor, e.g. { actor: "operator:石门" }');
  }
}

/** The write names a region the repository does not hold. */
export function unknownRegion(code: string): ValidationError {
  return invalid('regionCode', 'reference.region', `region ${code} does not exist`);
}

/** `value` when the region exists (was found), else the `reference.region` error. */
export function requireRegion<T>(value: T | undefined | null, code: string): T {
  if (value === undefined || value === null) throw unknownRegion(code);
  return value;
}

/** importRegion loads a region only into an empty slot. */
export function regionExists(code: string): ValidationError {
  return invalid(
    'regionCode',
    'import.regionExists',
    `${code} already holds data; add to it with saveRecords and appendEvents`,
  );
}

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
