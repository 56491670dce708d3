import type { z } from 'zod';
import { type FieldIssue, ValidationError } from '../errors';
import type { RuleId } from '../rules';
import { annualDataSchema, type EnterpriseAnnualData } from './annual-data';
import { fastAnnualData, fastEnterprise, fastParcel } from './bulk-records';
import { type Enterprise, enterpriseSchema } from './enterprise';
import { CodeMemo, NO, type No } from './fast-fields';
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

/** Records to add or replace, in input form; any subset (see `RegistryChanges` of the repository). */
export interface RegistryChangeInput {
  readonly enterprises?: readonly unknown[];
  readonly parcels?: readonly unknown[];
  readonly parks?: readonly unknown[];
  readonly annualData?: readonly unknown[];
}

/** A registry with changes applied, and whether recorded campaign events could be affected. */
export interface RegistryUpdate {
  readonly registry: Registry;
  /**
   * True when no recorded event can have become invalid: every park and
   * parcel written is new, and no existing enterprise changed town (events
   * check an enterprise's existence and town, a parcel's town, area and
   * category, a park's town and phases; annual data never). The ledger then
   * only needs the new references, not a replay.
   */
  readonly ledgerUnaffected: boolean;
  /**
   * The keys of the records the changes wrote (park and parcel ids, USCCs,
   * `annualDataKey`s), as validated: a store writes exactly these rows
   * without parsing the changes a second time.
   */
  readonly changed: {
    readonly parks: ReadonlySet<string>;
    readonly parcels: ReadonlySet<string>;
    readonly enterprises: ReadonlySet<string>;
    readonly annualData: ReadonlySet<string>;
  };
}

/**
 * Applies changes to a validated registry, checking only what changed:
 * each new or replaced record against its schema, keys unique within the
 * changes, and its references against the registry after the changes. The
 * records not written are already valid and nothing is ever removed, so
 * their references still hold: the result is what `parseRegistry` would say
 * of the merged input, at the cost of the changes. Error fields are paths
 * into `changes` (`enterprises.0.parkId`).
 * @throws ValidationError listing every broken rule; `registry` is unchanged
 */
export function applyRegistryChanges(registry: Registry, changes: RegistryChangeInput): RegistryUpdate {
  const issues: FieldIssue[] = [];
  const region = registry.region;
  const towns = new Set<string>(region.towns.map((t) => t.code));

  // Keep each record's index so errors point at its position in the changes. A record of the
  // common shape is read on the fast path; any other is judged by its schema, in its words.
  const memo = new CodeMemo();
  const indexed = <S extends z.ZodType>(
    schema: S,
    items: readonly unknown[] | undefined,
    root: string,
    fast?: (item: unknown, memo: CodeMemo) => z.output<S> | No,
  ) => {
    const out: { i: number; v: z.output<S> }[] = [];
    const list = items ?? [];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      const v = fast === undefined ? NO : fast(item, memo);
      if (v !== NO) {
        out.push({ i, v });
        continue;
      }
      const r = schema.safeParse(item);
      if (r.success) out.push({ i, v: r.data });
      else for (const issue of toFieldIssues(r.error, `${root}.${i}`)) issues.push(issue);
    }
    return out;
  };
  const parks = indexed(parkSchema, changes.parks, 'parks');
  const parcels = indexed(landParcelSchema, changes.parcels, 'parcels', fastParcel);
  const enterprises = indexed(enterpriseSchema, changes.enterprises, 'enterprises', fastEnterprise);
  const annual = indexed(annualDataSchema, changes.annualData, 'annualData', fastAnnualData);

  const ref = (field: string, rule: RuleId, message: string) => issues.push({ field, rule, message });
  const checkTown = (root: string, code: string) => {
    if (!towns.has(code))
      ref(`${root}.townCode`, 'reference.town', `town ${code} is not in ${region.name} (${region.code})`);
  };
  let ledgerUnaffected = true;
  /** Puts each changed record into a copy of `base`, refusing a key given twice in the changes. */
  const merge = <T>(
    base: ReadonlyMap<string, T>,
    rows: readonly { i: number; v: T }[],
    key: (v: T) => string,
    twice: (i: number, v: T) => void,
    seen: Set<string>,
  ) => {
    const map = new Map(base);
    for (const { i, v } of rows) {
      const k = key(v);
      if (seen.has(k)) twice(i, v);
      seen.add(k);
      map.set(k, v);
    }
    return map;
  };

  const parkKeys = new Set<string>();
  const parcelKeys = new Set<string>();
  const enterpriseKeys = new Set<string>();
  const annualKeys = new Set<string>();
  const parkMap = merge(
    registry.parks,
    parks,
    (v) => v.id,
    (i, v) => ref(`parks.${i}.id`, 'unique', `park id ${v.id} is used twice`),
    parkKeys,
  );
  for (const { i, v } of parks) {
    if (registry.parks.has(v.id)) ledgerUnaffected = false;
    checkTown(`parks.${i}`, v.townCode);
  }
  const parcelMap = merge(
    registry.parcels,
    parcels,
    (v) => v.id,
    (i, v) => ref(`parcels.${i}.id`, 'unique', `parcel id ${v.id} is used twice`),
    parcelKeys,
  );
  for (const { i, v } of parcels) {
    if (registry.parcels.has(v.id)) ledgerUnaffected = false;
    checkTown(`parcels.${i}`, v.townCode);
    if (v.parkId !== undefined && !parkMap.has(v.parkId)) {
      ref(`parcels.${i}.parkId`, 'reference.park', `park ${v.parkId} does not exist`);
    }
  }
  const enterpriseMap = merge(
    registry.enterprises,
    enterprises,
    (v) => v.uscc,
    (i, v) => ref(`enterprises.${i}.uscc`, 'unique', `enterprise ${v.uscc} is listed twice`),
    enterpriseKeys,
  );
  for (const { i, v } of enterprises) {
    const before = registry.enterprises.get(v.uscc);
    if (before && before.townCode !== v.townCode) ledgerUnaffected = false;
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
  const annualMap = merge(
    registry.annualData,
    annual,
    (v) => annualDataKey(v.uscc, v.year),
    (i, v) => ref(`annualData.${i}`, 'unique', `data of ${v.uscc} for ${v.year} is given twice`),
    annualKeys,
  );
  for (const { i, v } of annual) {
    if (!enterpriseMap.has(v.uscc))
      ref(`annualData.${i}.uscc`, 'reference.enterprise', `enterprise ${v.uscc} does not exist`);
  }

  if (issues.length > 0) throw new ValidationError(issues);
  return {
    registry: { region, enterprises: enterpriseMap, parcels: parcelMap, parks: parkMap, annualData: annualMap },
    ledgerUnaffected,
    changed: { parks: parkKeys, parcels: parcelKeys, enterprises: enterpriseKeys, annualData: annualKeys },
  };
}

/**
 * Validates every record and every reference between them (towns in the
 * region, parcels and parks that exist, unique keys). All or nothing: any
 * broken rule throws one ValidationError that lists them all.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { parseRegistry, TONGXIANG_2018_INPUT, ValidationError } from '@mujun/core';
 *
 * const registry = parseRegistry({ region: TONGXIANG_2018_INPUT });
 * assert.equal(registry.region.name, '桐乡市');
 * // Every broken reference is reported at once, by path.
 * assert.throws(
 *   () => parseRegistry({ region: TONGXIANG_2018_INPUT, parks: [{ id: 'P', name: '园', townCode: '330483999000', kind: 'smallMicroPark', phases: [] }] }),
 *   ValidationError,
 * );
 * ```
 */
export function parseRegistry(input: RegistryInput): Registry {
  const regionResult = regionSchema.safeParse(input.region);
  if (!regionResult.success) throw new ValidationError(toFieldIssues(regionResult.error, 'region'));
  const empty: Registry = {
    region: regionResult.data,
    enterprises: new Map(),
    parcels: new Map(),
    parks: new Map(),
    annualData: new Map(),
  };
  // One set of rules: a whole registry is a change to an empty one.
  return applyRegistryChanges(empty, input).registry;
}
