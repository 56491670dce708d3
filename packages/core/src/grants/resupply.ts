import { type CampaignLedger, parcelStages } from '../campaign/ledger';
import { invalid } from '../errors';
import { Area } from '../quantity/kinds';
import type { LandGrant } from './model';

/*
 * The link to 退散进集: land vacated from 低散乱 firms and accepted (验收) in the campaign
 * ledger is re-supplied as 标准地 (`supply: 'vacated'`); campaign statistics count the
 * 亩 re-supplied per year and per town.
 */

/** Whether a parcel may be re-granted on `date`: it reached 验收 (or 再利用) in the ledger by then. */
export function vacatedArea(ledger: CampaignLedger, parcelId: string, date: string): Area {
  const s = parcelStages(ledger, parcelId, date);
  return s.accepted.compare(s.reused) >= 0 ? s.accepted : s.reused;
}

/**
 * Refuses a grant of vacated land whose parcel had not reached 验收 by the grant date
 * (成交 date, else signing, else listing). @throws ValidationError `grant.parcelNotVacated`
 */
export function checkResupply(ledger: CampaignLedger, grant: LandGrant, field = 'grant'): void {
  if (grant.supply !== 'vacated' || grant.parcelId === undefined) return;
  const date = grant.grantedOn ?? grant.signedOn ?? grant.listedOn ?? '9999-12-31';
  if (!vacatedArea(ledger, grant.parcelId, date).isPositive()) {
    throw invalid(
      `${field}.parcelId`,
      'grant.parcelNotVacated',
      `parcel ${grant.parcelId} had not been vacated and accepted (验收) in the campaign ledger by ${date}`,
    );
  }
}

/** 亩 re-supplied as 标准地 in one town and year. */
export interface ResupplyTownRow {
  readonly townCode: string;
  readonly grants: number;
  readonly area: Area;
}

/** 亩 re-supplied as 标准地 in a year (退散进集 → 标准地): per town and in total. */
export interface ResupplyStatistics {
  readonly year: number;
  readonly grants: number;
  readonly area: Area;
  readonly towns: readonly ResupplyTownRow[];
}

/**
 * Counts grants of vacated land (`supply: 'vacated'`) granted in `year` (by 成交 date, else
 * signing date): their number and 出让面积 per town (ordered by town code) and in total.
 */
export function resupplyStatistics(grants: readonly LandGrant[], year: number): ResupplyStatistics {
  const y = String(year);
  const towns = new Map<string, { grants: number; area: Area }>();
  for (const g of grants) {
    const date = g.grantedOn ?? g.signedOn;
    if (g.supply !== 'vacated' || !date?.startsWith(y)) continue;
    const t = towns.get(g.townCode) ?? { grants: 0, area: Area.zero() };
    towns.set(g.townCode, { grants: t.grants + 1, area: t.area.plus(g.area) });
  }
  const rows = [...towns.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([townCode, t]) => ({ townCode, grants: t.grants, area: t.area }));
  return {
    year,
    grants: rows.reduce((n, r) => n + r.grants, 0),
    area: Area.sum(rows.map((r) => r.area)),
    towns: rows,
  };
}
