import { exactDecimalString } from '../exact/rational';
import type { Quantity } from '../quantity/quantity';
import type { Kind, UnitOf } from '../quantity/units';
import {
  ANNUAL_QUANTITY_FIELD_NAMES,
  ANNUAL_QUANTITY_FIELDS,
  type EnterpriseAnnualData,
  type EnterpriseAnnualDataInput,
} from './annual-data';
import type { Enterprise, EnterpriseInput } from './enterprise';
import type { LandParcel, LandParcelInput } from './land-parcel';
import type { Park, ParkInput } from './park';
import type { Region, RegionInput } from './region';

/*
 * Domain values back to their plain input form (decimal strings in each
 * field's default unit), for storage, CSV and JSON. `parse(toInput(x))`
 * gives back an equal value.
 */

/** Exact decimal string of `q` in `unit`; throws if it has no finite decimal form. */
export function quantityString<K extends Kind>(q: Quantity<K>, unit: UnitOf<K>): string {
  // The digits `q.toDecimal(unit).toFixed()` gives, without building a Decimal per quantity.
  return exactDecimalString(q.in(unit));
}

function opt<K extends Kind>(q: Quantity<K> | undefined, unit: UnitOf<K>): string | undefined {
  return q === undefined ? undefined : quantityString(q, unit);
}

/**
 * Drops keys whose value is undefined (exactOptionalPropertyTypes-friendly).
 * A plain loop: a bulk import converts every record (100k firms' annual data),
 * and entries/filter/fromEntries allocated three arrays per record.
 */
function defined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

export function regionToInput(r: Region): RegionInput {
  return defined({
    code: r.code,
    name: r.name,
    validFrom: r.validFrom,
    validTo: r.validTo,
    towns: r.towns.map((t) => ({ code: t.code, name: t.name, fullName: t.fullName, kind: t.kind })),
  });
}

export function enterpriseToInput(e: Enterprise): EnterpriseInput {
  return defined({
    uscc: e.uscc,
    name: e.name,
    townCode: e.townCode,
    industry: e.industry.code,
    registeredOn: e.registeredOn,
    parkId: e.parkId,
    parcelIds: [...e.parcelIds],
    flags: [...e.flags],
    fourWithout: [...e.fourWithout],
  });
}

export function annualDataToInput(d: EnterpriseAnnualData): EnterpriseAnnualDataInput {
  const figures: Record<string, string | undefined> = {};
  for (const f of ANNUAL_QUANTITY_FIELD_NAMES)
    figures[f] = opt(d[f] as Quantity<Kind> | undefined, ANNUAL_QUANTITY_FIELDS[f].unit);
  return defined({ uscc: d.uscc, year: d.year, scale: d.scale, ...figures }) as EnterpriseAnnualDataInput;
}

export function parcelToInput(p: LandParcel): LandParcelInput {
  return defined({
    id: p.id,
    townCode: p.townCode,
    area: quantityString(p.area, 'mu'),
    category: p.category,
    parkId: p.parkId,
    holderUscc: p.holderUscc,
    suppliedOn: p.suppliedOn,
  });
}

export function parkToInput(p: Park): ParkInput {
  return defined({
    id: p.id,
    name: p.name,
    townCode: p.townCode,
    kind: p.kind,
    phases: p.phases.map((ph) =>
      defined({
        phase: ph.phase,
        floorArea: quantityString(ph.floorArea, 'squareMetre'),
        plannedCompletion: ph.plannedCompletion,
      }),
    ),
    entryCriteria: p.entryCriteria
      ? defined({
          minTaxPerMu: p.entryCriteria.minTaxPerMu?.toDecimal().toFixed(),
          industries: p.entryCriteria.industries?.map((i) => i.code),
          notes: p.entryCriteria.notes,
        })
      : undefined,
  });
}
