import type { AnnualDataColumns } from '../evaluation/columns';
import type { EnterpriseAnnualData } from '../model/annual-data';
import type { Enterprise } from '../model/enterprise';
import type { LandParcel } from '../model/land-parcel';
import type { Park } from '../model/park';
import type { Region } from '../model/region';
import type { Registry, RegistryInput } from '../model/registry';

/** Who writes, and from which request: every write lands in the audit trail with it. */
export interface WriteContext {
  /** The person or service, e.g. `operator:石门` or `import:tongxiang-2018`. */
  readonly actor: string;
  /** The request that carried the write (HTTP request id, script run id). */
  readonly requestId?: string;
}

/** Records to add or replace, in input form (decimal strings); any subset. */
export interface RegistryChanges {
  readonly enterprises?: readonly unknown[];
  readonly parcels?: readonly unknown[];
  readonly parks?: readonly unknown[];
  readonly annualData?: readonly unknown[];
}

/** A page of a list, in a stable order, continued with `after`. */
export interface PageQuery {
  readonly first?: number;
  /** The cursor (key) of the last row already read. */
  readonly after?: string;
}

export interface EnterpriseQuery extends PageQuery {
  readonly regionCode: string;
  readonly townCode?: string;
}

export interface AnnualDataQuery {
  readonly year: number;
  readonly regionCode?: string;
  readonly usccs?: readonly string[];
}

/** One entry of the audit trail (审计日志): append-only. */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly requestId: string | null;
  readonly action: string;
  readonly detail: unknown;
}

/**
 * What the domain needs from persistence: the registry of a city (region,
 * enterprises, parcels, parks, annual data). `@mujun/core` ships an
 * in-memory implementation; `@mujun/store` implements it on PostgreSQL.
 *
 * Writes are all or nothing: the changes are validated against the current
 * registry (`applyRegistryChanges`: each changed record and its references,
 * which is what validating the merged registry would find) before anything
 * is stored; error fields are paths into the changes (`enterprises.1.townCode`).
 */
export interface RegistryRepository {
  /** Creates or replaces a region and its towns. */
  saveRegion(region: unknown, ctx: WriteContext): Promise<Region>;
  listRegions(): Promise<Region[]>;
  getRegion(code: string): Promise<Region | undefined>;
  /** Adds or replaces records of a region; the changes must validate against it (errors name paths into `changes`). */
  saveRecords(regionCode: string, changes: RegistryChanges, ctx: WriteContext): Promise<void>;
  /** The whole registry of a region, cross-checked. */
  loadRegistry(regionCode: string): Promise<Registry | undefined>;
  /** Enterprises by USCC, in the order asked (undefined where unknown): one call for a dataloader batch. */
  getEnterprises(usccs: readonly string[]): Promise<(Enterprise | undefined)[]>;
  /** Enterprises of a region ordered by USCC. */
  listEnterprises(query: EnterpriseQuery): Promise<Enterprise[]>;
  listParcels(regionCode: string): Promise<LandParcel[]>;
  listParks(regionCode: string): Promise<Park[]>;
  listAnnualData(query: AnnualDataQuery): Promise<EnterpriseAnnualData[]>;
  /**
   * 列式年度数据: the records `listAnnualData(query)` gives, in the same order
   * (USCC), as the engine's columns (`AnnualDataColumns`), read straight from
   * the store's rows without a record object per firm. Optional: the cycle
   * (`annualDataColumnsOf`) falls back to the records when a repository lacks it.
   */
  listAnnualDataColumns?(query: AnnualDataQuery): Promise<AnnualDataColumns>;
  /**
   * A number that changes whenever any write (to any region, target set or
   * scheme) commits, across every process sharing the storage. Optional: a
   * gateway caches responses only over a repository that has it.
   */
  dataRevision?(): Promise<number>;
  /** The audit trail, oldest first. */
  listAudit(query?: { readonly afterSeq?: number; readonly first?: number }): Promise<AuditEntry[]>;
}

/** Merges changes into the current input form: records with the same key are replaced. */
export function mergeRegistryInput(current: RegistryInput, changes: RegistryChanges): RegistryInput {
  const keyed = (
    key: (r: Record<string, unknown>) => string,
    base: readonly unknown[] | undefined,
    add: readonly unknown[] | undefined,
  ) => {
    const out = new Map<string, unknown>();
    for (const r of base ?? []) out.set(key(r as Record<string, unknown>), r);
    let fresh = 0;
    for (const r of add ?? []) {
      // Records without a usable key stay apart so validation reports them.
      const k = key(r as Record<string, unknown>);
      out.set(k === 'undefined' ? `\u0000${fresh++}` : k, r);
    }
    return [...out.values()];
  };
  const str = (v: unknown) => String(v);
  return {
    region: current.region,
    enterprises: keyed((r) => str(r.uscc), current.enterprises, changes.enterprises),
    parcels: keyed((r) => str(r.id), current.parcels, changes.parcels),
    parks: keyed((r) => str(r.id), current.parks, changes.parks),
    annualData: keyed((r) => `${str(r.uscc)}:${str(r.year)}`, current.annualData, changes.annualData),
  };
}
