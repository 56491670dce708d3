import type { CampaignEvent } from '../campaign/events';
import { type BatchOptions, type CampaignLedger, type EventError, replayLedger } from '../campaign/ledger';
import { registryReferences } from '../campaign/references';
import type { FieldIssue } from '../errors';
import { ValidationError } from '../errors';
import type { Registry, RegistryInput } from '../model/registry';
import type { GeometryRepository } from './geometry-repository';
import type { GrantsRepository } from './grants-repository';
import type { RegistryRepository, WriteContext } from './repository';
import type { EvaluationRunRepository } from './runs-repository';
import type { TargetRepository } from './targets-repository';

/** Optimistic concurrency: the ledger version the caller read before writing. */
export interface AppendOptions {
  /** If given and the ledger has moved on, nothing is written and a conflict is returned. */
  readonly expectedVersion?: number;
  /** Days after today (in China) an event may be dated (default `FUTURE_EVENT_MARGIN_DAYS`, 1); see `applyBatch`. */
  readonly futureMarginDays?: number;
  /** What time it is (default: the system clock). */
  readonly clock?: () => Date;
}

/** The date rules of `applyBatch` that `options` asks for. */
export function batchOptionsOf(options: AppendOptions): BatchOptions {
  return {
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.futureMarginDays === undefined ? {} : { futureMarginDays: options.futureMarginDays }),
  };
}

/** What recording a batch of campaign events (台账录入) came to. */
export type AppendEventsResult =
  | {
      readonly ok: true;
      /** The ledger version after the batch (events applied so far). */
      readonly version: number;
      readonly applied: readonly CampaignEvent[];
      /** Ids already recorded with the same content: replays, no-ops. */
      readonly skipped: readonly string[];
    }
  | { readonly ok: false; readonly reason: 'invalid'; readonly errors: readonly EventError[] }
  | {
      readonly ok: false;
      readonly reason: 'conflict';
      readonly expectedVersion: number;
      readonly actualVersion: number;
    };

/**
 * The campaign ledger of each region, persisted. A batch is validated by the
 * core ledger against the region's registry and earlier events, then stored
 * whole or not at all.
 */
export interface LedgerRepository {
  /** The current ledger version of a region (0 before any event). */
  ledgerVersion(regionCode: string): Promise<number>;
  /** The region's ledger: its events replayed over its registry. */
  loadLedger(regionCode: string): Promise<CampaignLedger | undefined>;
  appendEvents(
    regionCode: string,
    events: readonly unknown[],
    options: AppendOptions,
    ctx: WriteContext,
  ): Promise<AppendEventsResult>;
}

/** Progress of `importRegion`: rows written so far out of `total`. */
export interface ImportProgress {
  readonly phase: 'registry' | 'events';
  readonly rows: number;
  readonly total: number;
}

/** What `importRegion` reports. */
export interface ImportResult {
  readonly regionCode: string;
  /** The ledger version after the import (events recorded). */
  readonly version: number;
  /** Rows written: region, towns, parks, parcels, enterprises, annual data and events. */
  readonly rows: number;
}

/** The rows an import of `registry` and `ledger` writes (the `total` of its progress). */
export function importRowCount(registry: Registry, ledger: CampaignLedger): number {
  return (
    1 +
    registry.region.towns.length +
    registry.parks.size +
    registry.parcels.size +
    registry.enterprises.size +
    registry.annualData.size +
    ledger.version
  );
}

/** Everything the domain persists: registry, ledger, target sets and schemes, evaluation runs and land grants. */
export interface Repository
  extends RegistryRepository,
    LedgerRepository,
    TargetRepository,
    EvaluationRunRepository,
    GrantsRepository,
    GeometryRepository {
  /**
   * Loads a whole region — registry records and campaign events — into a
   * repository that does not hold it yet, all or nothing, after validating
   * everything. `onProgress` hears rows written so far.
   */
  importRegion(
    input: RegistryInput,
    events: readonly unknown[],
    ctx: WriteContext,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportResult>;
}

/**
 * Replays persisted events over a registry; a failure means the stored data
 * broke an invariant, which is reported as a validation error naming the event.
 */
export function replayOver(registry: Registry, events: readonly unknown[]): CampaignLedger {
  const result = replayLedger(registryReferences(registry), events);
  if (!result.ok) throw new ValidationError(eventIssues(result.errors));
  return result.state;
}

/** Batch errors as field issues: `events.<id or index>.<field>`. */
export function eventIssues(errors: readonly EventError[]): FieldIssue[] {
  return errors.map((e) => ({
    field: ['events', e.eventId ?? String(e.index), e.field].filter((p) => p !== '').join('.'),
    rule: e.rule,
    message: e.message,
  }));
}
