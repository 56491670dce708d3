import { MujunError, ValidationError } from '@mujun/core';

/**
 * Typed domain errors. Resolvers throw these; a field that lists them in its
 * `errors.types` answers with the error as a member of its result union
 * (`... on ValidationError { fieldErrors { field rule message } }`); anywhere
 * else they surface as GraphQL errors with their message kept (unexpected
 * errors are masked by the gateway).
 */
export { ValidationError };

/** The token may not do this (read anonymously, write, or write this town). */
export class NotAuthorisedError extends MujunError {
  /** The role that would be needed, e.g. `townOperator` or `cityAdmin`. */
  readonly requiredRole: string | null;
  /** The town or city that was refused, when it is one. */
  readonly division: string | null;
  constructor(message: string, options: { requiredRole?: string; division?: string } = {}) {
    super('not-authorised', message);
    this.name = 'NotAuthorisedError';
    this.requiredRole = options.requiredRole ?? null;
    this.division = options.division ?? null;
  }
}

/**
 * A write was based on an older version of the ledger than the current one
 * (optimistic concurrency, 版本冲突): read again and retry. Used by
 * `recordCampaignEvents` once the campaign ledger lands.
 */
export class VersionConflictError extends MujunError {
  readonly expectedVersion: number;
  readonly actualVersion: number;
  constructor(expectedVersion: number, actualVersion: number) {
    super(
      'version-conflict',
      `version conflict: the write expected version ${expectedVersion} but the ledger is at ${actualVersion}`,
    );
    this.name = 'VersionConflictError';
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}
