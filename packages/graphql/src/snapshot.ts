import type {
  CampaignLedger,
  Enterprise,
  EnterpriseAnnualData,
  LandParcel,
  Park,
  Registry,
  Repository,
} from '@mujun/core';
import type { LedgerReferences } from '@mujun/core/campaign';
import { type AnnualDataColumns, annualDataColumns } from '@mujun/core/internal';

/**
 * A region's registry as the gateway reads it: the records plus the sorted
 * lists and per-year maps the resolvers page and filter.
 */
export interface RegistrySnapshot {
  readonly registry: Registry;
  /** Ordered by USCC. */
  readonly enterprises: readonly Enterprise[];
  readonly parcels: readonly LandParcel[];
  readonly parks: readonly Park[];
  /** Annual data of one year by USCC (built on first use). */
  annualData(year: number): ReadonlyMap<string, EnterpriseAnnualData>;
  /** The same year's data as the engine's columns, in USCC order (built once per year from memory). */
  annualDataColumns(year: number): AnnualDataColumns;
}

/*
 * Why this is safe to share across requests: a ledger's `references` object
 * is made from one registry state (`registryReferences(registry)`), and both
 * repositories make a new one whenever the registry changes — the memory
 * repository replays its ledger over every changed registry, the store keys
 * its cached ledger by ledger version and registry revision (so a write by
 * another instance is seen on the next `loadLedger`). Appending events keeps
 * the references object, so the snapshot outlives event batches. Each request
 * still calls `loadLedger` once (one small query on the store) to learn the
 * current references; everything else comes from memory.
 */
const byReferences = new WeakMap<LedgerReferences, Promise<RegistrySnapshot | undefined>>();

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

/** Whether a list is already in `key` order (then it is not sorted again). */
function inOrder<T>(list: readonly T[], key: (t: T) => string): boolean {
  for (let i = 1; i < list.length; i++) if (key(list[i - 1] as T) > key(list[i] as T)) return false;
  return true;
}

function snapshotOf(registry: Registry): RegistrySnapshot {
  const years = new Map<number, Map<string, EnterpriseAnnualData>>();
  const columnsOf = new Map<number, AnnualDataColumns>();
  const snapshot: RegistrySnapshot = {
    registry,
    enterprises: [...registry.enterprises.values()].sort(byKey((e) => e.uscc)),
    parcels: [...registry.parcels.values()].sort(byKey((p) => p.id)),
    parks: [...registry.parks.values()].sort(byKey((p) => p.id)),
    annualData(year) {
      let map = years.get(year);
      if (!map) {
        map = new Map();
        for (const d of registry.annualData.values()) if (d.year === year) map.set(d.uscc, d);
        years.set(year, map);
      }
      return map;
    },
    annualDataColumns(year) {
      let columns = columnsOf.get(year);
      if (!columns) {
        // Straight from the registry's records of the year (no per-year map first): one pass, one sort,
        // and the engine's columns are made without a per-cell Rational (`annualDataColumns`).
        const records: EnterpriseAnnualData[] = [];
        for (const d of registry.annualData.values()) if (d.year === year) records.push(d);
        // The store reads the registry in USCC order: sorted only when it is not.
        const usccOf = (d: EnterpriseAnnualData) => d.uscc;
        if (!inOrder(records, usccOf)) records.sort(byKey(usccOf));
        columns = annualDataColumns(records);
        columnsOf.set(year, columns);
      }
      return columns;
    },
  };
  return snapshot;
}

/** The registry snapshot that goes with a ledger value (loaded once per registry state). */
export function registrySnapshot(
  repository: Repository,
  regionCode: string,
  ledger: CampaignLedger,
): Promise<RegistrySnapshot | undefined> {
  let found = byReferences.get(ledger.references);
  if (!found) {
    found = repository.loadRegistry(regionCode).then((r) => (r ? snapshotOf(r) : undefined));
    byReferences.set(ledger.references, found);
    // A failed read must not stick.
    found.catch(() => byReferences.delete(ledger.references));
  }
  return found;
}

/*
 * Concurrent requests share one `loadLedger` per region: a request that
 * starts while another's read is in flight takes that read's answer (which
 * was current when it started, as if this request had come a moment
 * earlier). A write through this gateway starts a new generation, so a
 * request after it never joins a read from before it.
 */
const inFlight = new WeakMap<Repository, Map<string, Promise<CampaignLedger | undefined>>>();

/**
 * `repository.loadLedger(regionCode)`, shared by concurrent requests. With
 * `singleWriter` (the gateway is the only writer of the repository, as with
 * an embedded PGlite store, which one process owns) the answer is kept until
 * a write through the gateway, so reads cost no query at all.
 */
export function sharedLoadLedger(
  repository: Repository,
  regionCode: string,
  singleWriter = false,
): Promise<CampaignLedger | undefined> {
  let flights = inFlight.get(repository);
  if (!flights) {
    flights = new Map();
    inFlight.set(repository, flights);
  }
  const current = flights.get(regionCode);
  if (current) return current;
  const read = repository.loadLedger(regionCode);
  flights.set(regionCode, read);
  const done = () => {
    if (flights.get(regionCode) === read) flights.delete(regionCode);
  };
  read.then(singleWriter ? () => {} : done, done);
  return read;
}

/** After a write to a region: later requests read the ledger afresh. */
export function newGeneration(repository: Repository, regionCode: string): void {
  inFlight.get(repository)?.delete(regionCode);
}
