import type {
  CampaignLedger,
  Enterprise,
  EnterpriseAnnualData,
  LandParcel,
  Park,
  Region,
  Repository,
} from '@mujun/core';
import DataLoader from 'dataloader';
import type { Principal } from './auth';

/** Limits a gateway applies to every request (see `createGateway`). */
export interface Limits {
  /** Rows a connection page may hold (`first`). */
  readonly maxPageSize: number;
  /** Rows a page holds when `first` is omitted. */
  readonly defaultPageSize: number;
  readonly maxDepth: number;
  readonly maxComplexity: number;
  readonly maxBreadth: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxPageSize: 100,
  defaultPageSize: 20,
  maxDepth: 12,
  maxComplexity: 20_000,
  maxBreadth: 400,
};

/**
 * Per-request loaders over the repository: each batches and caches so that a
 * page of enterprises with their towns, parks, parcels and annual data costs
 * a fixed number of repository calls, whatever its length.
 */
export interface Loaders {
  /** Regions by 6-digit code (`getRegion`, cached per request). */
  readonly region: DataLoader<string, Region | undefined>;
  /** Enterprises by USCC, one `getEnterprises` call per batch. */
  readonly enterprise: DataLoader<string, Enterprise | undefined>;
  /** Annual data by `uscc|year`, one `listAnnualData({ year, usccs })` call per year in a batch. */
  readonly annualData: DataLoader<string, EnterpriseAnnualData | undefined>;
  /** All parcels of a region by its code (`listParcels`). */
  readonly parcelsOfRegion: DataLoader<string, readonly LandParcel[]>;
  /** All parks of a region by its code (`listParks`). */
  readonly parksOfRegion: DataLoader<string, readonly Park[]>;
  /** All enterprises of a region by its code (`listEnterprises`), for filters and park members. */
  readonly enterprisesOfRegion: DataLoader<string, readonly Enterprise[]>;
  /** Annual data of a whole region for a year, keyed `regionCode|year`. */
  readonly annualDataOfRegion: DataLoader<string, ReadonlyMap<string, EnterpriseAnnualData>>;
  /** The campaign ledger of a region (`loadLedger`), read once per request. */
  readonly ledger: DataLoader<string, CampaignLedger | undefined>;
}

/** What every resolver sees. */
export interface MujunContext {
  readonly repository: Repository;
  readonly principal: Principal;
  readonly loaders: Loaders;
  /** Results computed once per request (an evaluation, a target set), keyed by what they were computed from. */
  readonly cache: Map<string, Promise<unknown>>;
  readonly limits: Limits;
  /** Recorded with writes in the audit trail. */
  readonly requestId: string;
}

export function annualDataKey(uscc: string, year: number): string {
  return `${uscc}|${year}`;
}

/** One set of loaders for one request: their caches must not outlive it. */
export function createLoaders(repository: Repository): Loaders {
  const perKey = <V>(load: (key: string) => Promise<V>) =>
    new DataLoader<string, V>((keys) => Promise.all(keys.map(load)));

  return {
    region: perKey((code) => repository.getRegion(code)),
    enterprise: new DataLoader((usccs) => repository.getEnterprises(usccs), { maxBatchSize: 1000 }),
    annualData: new DataLoader(
      async (keys) => {
        const byYear = new Map<number, string[]>();
        for (const key of keys) {
          const [uscc = '', year = ''] = key.split('|');
          const list = byYear.get(Number(year)) ?? [];
          list.push(uscc);
          byYear.set(Number(year), list);
        }
        const found = new Map<string, EnterpriseAnnualData>();
        await Promise.all(
          [...byYear].map(async ([year, usccs]) => {
            for (const d of await repository.listAnnualData({ year, usccs }))
              found.set(annualDataKey(d.uscc, d.year), d);
          }),
        );
        return keys.map((k) => found.get(k));
      },
      { maxBatchSize: 5000 },
    ),
    parcelsOfRegion: perKey((code) => repository.listParcels(code)),
    parksOfRegion: perKey((code) => repository.listParks(code)),
    enterprisesOfRegion: perKey((code) => repository.listEnterprises({ regionCode: code })),
    annualDataOfRegion: perKey(async (key) => {
      const [regionCode = '', year = ''] = key.split('|');
      const rows = await repository.listAnnualData({ year: Number(year), regionCode });
      return new Map(rows.map((d) => [d.uscc, d]));
    }),
    ledger: perKey((code) => repository.loadLedger(code)),
  };
}

/** A value computed once per request under `key`. */
export function perRequest<T>(ctx: MujunContext, key: string, compute: () => Promise<T>): Promise<T> {
  let found = ctx.cache.get(key) as Promise<T> | undefined;
  if (!found) {
    found = compute();
    ctx.cache.set(key, found);
  }
  return found;
}
