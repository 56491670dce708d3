import { invalid, type ValidationError } from '../errors';
import type { WriteContext } from './repository';

/* The region and actor checks of every write (see invariants.ts); a leaf module. */

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
