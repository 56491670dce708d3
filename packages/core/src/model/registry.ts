import type { z } from 'zod';
import { type FieldIssue, ValidationError } from '../errors';
import { annualDataSchema, type EnterpriseAnnualData } from './annual-data';
import { type Enterprise, enterpriseSchema } from './enterprise';
import { toFieldIssues } from './fields';
import { type LandParcel, landParcelSchema } from './land-parcel';
import { type Park, parkSchema } from './park';
import { type Region, regionSchema } from './region';

/**
 * 基础数据名录: a city's region, enterprises, parcels, parks and annual data,
 * checked together so that every reference points at something that exists.
 */
export interface Registry {
  readonly region: Region;
  readonly enterprises: ReadonlyMap<string, Enterprise>;
  readonly parcels: ReadonlyMap<string, LandParcel>;
  readonly parks: ReadonlyMap<string, Park>;
  /** Keyed by `${uscc}:${year}`; see `annualDataKey`. */
  readonly annualData: ReadonlyMap<string, EnterpriseAnnualData>;
}

export interface RegistryInput {
  region: unknown;
  enterprises?: readonly unknown[];
  parcels?: readonly unknown[];
  parks?: readonly unknown[];
  annualData?: readonly unknown[];
}

export function annualDataKey(uscc: string, year: number): string {
  return `${uscc}:${year}`;
}

/**
 * Validates every record and every reference between them (towns in the
 * region, parcels and parks that exist, unique keys). All or nothing: any
 * broken rule throws one ValidationError that lists them all.
 */
export function parseRegistry(input: RegistryInput): Registry {
  const issues: FieldIssue[] = [];
  const regionResult = regionSchema.safeParse(input.region);
  if (!regionResult.success) throw new ValidationError(toFieldIssues(regionResult.error, 'region'));
  const region = regionResult.data;
  const towns = new Set<string>(region.towns.map((t) => t.code));

  // Keep each record's index so reference errors point at its position in the input.
  const indexed = <S extends z.ZodType>(schema: S, items: readonly unknown[] | undefined, root: string) => {
    const out: { i: number; v: z.output<S> }[] = [];
    (items ?? []).forEach((item, i) => {
      const r = schema.safeParse(item);
      if (r.success) out.push({ i, v: r.data });
      else issues.push(...toFieldIssues(r.error, `${root}.${i}`));
    });
    return out;
  };
  const parks = indexed(parkSchema, input.parks, 'parks');
  const parcels = indexed(landParcelSchema, input.parcels, 'parcels');
  const enterprises = indexed(enterpriseSchema, input.enterprises, 'enterprises');
  const annual = indexed(annualDataSchema, input.annualData, 'annualData');

  const ref = (field: string, rule: string, message: string) => issues.push({ field, rule, message });
  const checkTown = (root: string, code: string) => {
    if (!towns.has(code))
      ref(`${root}.townCode`, 'reference.town', `town ${code} is not in ${region.name} (${region.code})`);
  };

  const parkMap = new Map<string, Park>();
  for (const { i, v } of parks) {
    if (parkMap.has(v.id)) ref(`parks.${i}.id`, 'unique', `park id ${v.id} is used twice`);
    parkMap.set(v.id, v);
    checkTown(`parks.${i}`, v.townCode);
  }
  const parcelMap = new Map<string, LandParcel>();
  for (const { i, v } of parcels) {
    if (parcelMap.has(v.id)) ref(`parcels.${i}.id`, 'unique', `parcel id ${v.id} is used twice`);
    parcelMap.set(v.id, v);
    checkTown(`parcels.${i}`, v.townCode);
    if (v.parkId !== undefined && !parkMap.has(v.parkId)) {
      ref(`parcels.${i}.parkId`, 'reference.park', `park ${v.parkId} does not exist`);
    }
  }
  const enterpriseMap = new Map<string, Enterprise>();
  for (const { i, v } of enterprises) {
    if (enterpriseMap.has(v.uscc)) ref(`enterprises.${i}.uscc`, 'unique', `enterprise ${v.uscc} is listed twice`);
    enterpriseMap.set(v.uscc, v);
    checkTown(`enterprises.${i}`, v.townCode);
    if (v.parkId !== undefined && !parkMap.has(v.parkId)) {
      ref(`enterprises.${i}.parkId`, 'reference.park', `park ${v.parkId} does not exist`);
    }
    v.parcelIds.forEach((id, k) => {
      if (!parcelMap.has(id)) ref(`enterprises.${i}.parcelIds.${k}`, 'reference.parcel', `parcel ${id} does not exist`);
    });
  }
  for (const { i, v } of parcels) {
    if (v.holderUscc !== undefined && !enterpriseMap.has(v.holderUscc)) {
      ref(`parcels.${i}.holderUscc`, 'reference.enterprise', `enterprise ${v.holderUscc} does not exist`);
    }
  }
  const annualMap = new Map<string, EnterpriseAnnualData>();
  for (const { i, v } of annual) {
    const key = annualDataKey(v.uscc, v.year);
    if (annualMap.has(key)) ref(`annualData.${i}`, 'unique', `data of ${v.uscc} for ${v.year} is given twice`);
    annualMap.set(key, v);
    if (!enterpriseMap.has(v.uscc))
      ref(`annualData.${i}.uscc`, 'reference.enterprise', `enterprise ${v.uscc} does not exist`);
  }

  if (issues.length > 0) throw new ValidationError(issues);
  return { region, enterprises: enterpriseMap, parcels: parcelMap, parks: parkMap, annualData: annualMap };
}
