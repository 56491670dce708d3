import type { EnterpriseAnnualData } from '../model/annual-data';
import type { Enterprise } from '../model/enterprise';
import type { LandParcel } from '../model/land-parcel';
import type { Park } from '../model/park';
import type { Region } from '../model/region';
import type { Registry } from '../model/registry';

/**
 * The reference data (基础数据) a campaign ledger checks events against and
 * measures read. A `Registry` provides it through `registryReferences`; a
 * database-backed store can implement it directly.
 */
export interface LedgerReferences {
  readonly region: Region;
  enterprise(uscc: string): Enterprise | undefined;
  parcel(id: string): LandParcel | undefined;
  park(id: string): Park | undefined;
  /** Every enterprise's data for `year` (for 规上 counts and 亩均税收). */
  annualData(year: number): Iterable<EnterpriseAnnualData>;
}

/** `LedgerReferences` over an in-memory `Registry`. */
export function registryReferences(registry: Registry): LedgerReferences {
  const byYear = new Map<number, EnterpriseAnnualData[]>();
  for (const d of registry.annualData.values()) {
    const list = byYear.get(d.year);
    if (list) list.push(d);
    else byYear.set(d.year, [d]);
  }
  return {
    region: registry.region,
    enterprise: (uscc) => registry.enterprises.get(uscc),
    parcel: (id) => registry.parcels.get(id),
    park: (id) => registry.parks.get(id),
    annualData: (year) => byYear.get(year) ?? [],
  };
}
