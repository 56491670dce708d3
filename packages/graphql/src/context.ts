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
import { newGeneration, type RegistrySnapshot, registrySnapshot, sharedLoadLedger } from './snapshot';
import type { UploadIntake } from './upload-reader';

/** Limits a gateway applies to every request (see `createGateway`). */
export interface Limits {
  /** Rows a connection page may hold (`first`). */
  readonly maxPageSize: number;
  /** Rows a page holds when `first` is omitted. */
  readonly defaultPageSize: number;
  readonly maxDepth: number;
  readonly maxComplexity: number;
  readonly maxBreadth: number;
  /** Days after today (in China) a recorded campaign event may be dated. */
  readonly eventDateMarginDays: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxPageSize: 100,
  defaultPageSize: 20,
  maxDepth: 12,
  maxComplexity: 20_000,
  maxBreadth: 400,
  eventDateMarginDays: 1,
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
  /** The registry snapshot of a region (with its ledger value), see `snapshot.ts`. */
  readonly snapshot: DataLoader<string, RegistrySnapshot | undefined>;
  /** Forgets what this request read of a region (and starts a new ledger generation): only `cache.ts`'s write hook calls it. */
  forgetRegion(regionCode: string): void;
}

/** What every resolver sees. */
export interface MujunContext {
  readonly repository: Repository;
  readonly principal: Principal;
  readonly loaders: Loaders;
  /** Results computed once per request (an evaluation, a target set), keyed by what they were computed from. */
  readonly cache: Map<string, Promise<unknown>>;
  readonly limits: Limits;
  /** How uploads are planned: 导入限额 and the planner (the upload pool's worker threads). */
  readonly intake: UploadIntake;
  /** Recorded with writes in the audit trail. */
  readonly requestId: string;
  /** The clock of evaluation-run transitions (公示期 checks, trail times). */
  readonly now: () => Date;
}

export function annualDataKey(uscc: string, year: number): string {
  return `${uscc}|${year}`;
}

/**
 * One set of loaders for one request: their caches must not outlive it.
 * Reads of a region go through its registry snapshot (shared by requests
 * while the registry is unchanged, see `snapshot.ts`); the repository is
 * asked directly only for what no snapshot holds.
 */
export function createLoaders(repository: Repository, options: { readonly singleWriter?: boolean } = {}): Loaders {
  const perKey = <V>(load: (key: string) => Promise<V>) =>
    new DataLoader<string, V>((keys) => Promise.all(keys.map(load)));
  const ledger = perKey((code) => sharedLoadLedger(repository, code, options.singleWriter));
  /** Snapshots this request has loaded: enterprise and annual-data lookups try them first. */
  const loaded = new Map<string, RegistrySnapshot>();
  const snapshot = perKey(async (code) => {
    const l = /^\d{6}$/.test(code) ? await ledger.load(code) : undefined;
    const s = l ? await registrySnapshot(repository, code, l) : undefined;
    if (s) loaded.set(code, s);
    return s;
  });
  const inSnapshots = (uscc: string) => {
    for (const s of loaded.values()) if (s.registry.enterprises.has(uscc)) return s;
    return undefined;
  };

  const loaders: Omit<Loaders, 'forgetRegion'> = {
    ledger,
    snapshot,
    region: perKey(async (code) => (await snapshot.load(code))?.registry.region ?? repository.getRegion(code)),
    enterprise: new DataLoader(
      async (usccs) => {
        const rest = usccs.filter((u) => !inSnapshots(u));
        const fetched = rest.length > 0 ? await repository.getEnterprises(rest) : [];
        const byUscc = new Map(rest.map((u, i) => [u, fetched[i]]));
        return usccs.map((u) => inSnapshots(u)?.registry.enterprises.get(u) ?? byUscc.get(u));
      },
      { maxBatchSize: 1000 },
    ),
    annualData: new DataLoader(
      async (keys) => {
        const found = new Map<string, EnterpriseAnnualData>();
        const byYear = new Map<number, string[]>();
        for (const key of keys) {
          const [uscc = '', year = ''] = key.split('|');
          const s = inSnapshots(uscc);
          if (s) {
            const d = s.registry.annualData.get(`${uscc}:${year}`);
            if (d) found.set(key, d);
            continue;
          }
          const list = byYear.get(Number(year)) ?? [];
          list.push(uscc);
          byYear.set(Number(year), list);
        }
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
    parcelsOfRegion: perKey(async (code) => (await snapshot.load(code))?.parcels ?? repository.listParcels(code)),
    parksOfRegion: perKey(async (code) => (await snapshot.load(code))?.parks ?? repository.listParks(code)),
    enterprisesOfRegion: perKey(
      async (code) => (await snapshot.load(code))?.enterprises ?? repository.listEnterprises({ regionCode: code }),
    ),
    annualDataOfRegion: perKey(async (key) => {
      const [regionCode = '', year = ''] = key.split('|');
      const s = await snapshot.load(regionCode);
      if (s) return s.annualData(Number(year));
      const rows = await repository.listAnnualData({ year: Number(year), regionCode });
      return new Map(rows.map((d) => [d.uscc, d]));
    }),
  };
  return {
    ...loaders,
    forgetRegion(regionCode) {
      newGeneration(repository, regionCode);
      loaded.delete(regionCode);
      const l = loaders;
      for (const loader of [
        l.ledger,
        l.snapshot,
        l.region,
        l.parcelsOfRegion,
        l.parksOfRegion,
        l.enterprisesOfRegion,
      ]) {
        loader.clear(regionCode);
      }
      l.annualDataOfRegion.clearAll();
      l.enterprise.clearAll();
      l.annualData.clearAll();
    },
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
