import type { WriteContext } from '../repository/repository';
import type { CanonicalInput } from './canonical';

/**
 * What a cycle step changed (变更): the region written and the keys of the
 * records it wrote. Callers drive caches, audit views and responses from it;
 * a step that changed nothing returns no `Changed` at all.
 */
export interface Changed {
  /** The 6-digit code of the region (city) written. */
  readonly regionCode: string;
  /** USCCs of enterprises added or replaced. */
  readonly enterprises?: readonly string[];
  /** Ids of parcels added or replaced. */
  readonly parcels?: readonly string[];
  /** Ids of parks added or replaced. */
  readonly parks?: readonly string[];
  /** `uscc|year` of annual data added or replaced. */
  readonly annualData?: readonly string[];
  /** Ids of campaign events newly recorded. */
  readonly events?: readonly string[];
}

/** What a write step returns: its value and what it changed. */
export interface StepResult<V> {
  readonly value: V;
  readonly changed: Changed;
}

/**
 * How a caller runs a write step: who writes (audit), and an optional
 * authorisation check that sees the input only in canonical form, after it
 * was parsed and before anything is read or written for it. It refuses by
 * throwing.
 */
export interface WriteOptions<T> {
  readonly context: WriteContext;
  readonly authorise?: (input: CanonicalInput<T>) => unknown;
  /** The path the caller's input has in error messages (`input`). */
  readonly root?: string;
}
