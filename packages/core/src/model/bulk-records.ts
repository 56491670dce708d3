import type { FieldIssue } from '../errors';
import type { Kind, UnitOf } from '../quantity/units';
import {
  ANNUAL_QUANTITY_FIELDS,
  annualDataSchema,
  type EnterpriseAnnualData,
  scaleForRevenue,
  scaleSchema,
} from './annual-data';
import { type Enterprise, enterpriseFlagSchema, fourWithoutFlagOk, fourWithoutSchema } from './enterprise';
import {
  type CodeMemo,
  fastDate,
  fastId,
  fastName,
  fastOneOf,
  fastOptional,
  fastPositive,
  fastQuantity,
  fastUniqueList,
  fastUscc,
  isRecord,
  NO,
  type No,
  onlyKeys,
} from './fast-fields';
import { safeParseWith } from './fields';
import { type LandParcel, outsideParkOk, parcelCategorySchema, parkRequiredOk } from './land-parcel';

/*
 * The fast readings of the registry's bulk records (enterprises, parcels, annual
 * data), for `parseRegistry` and `applyRegistryChanges`: a record of the common,
 * well-formed shape is read with the fields of `fast-fields` into the value its
 * zod schema gives; any other record (a bad field, an unknown key, a rarer form)
 * gives NO, and the schema itself judges it with its own words.
 */

const FLAGS = new Set<string>(enterpriseFlagSchema.options);
const FOUR_WITHOUT = new Set<string>(fourWithoutSchema.options);
const CATEGORIES = new Set<string>(parcelCategorySchema.options);
const SCALES = new Set<string>(scaleSchema.options);

const ENTERPRISE_KEYS = new Set([
  'uscc',
  'name',
  'townCode',
  'industry',
  'registeredOn',
  'parkId',
  'parcelIds',
  'flags',
  'fourWithout',
]);
const PARCEL_KEYS = new Set(['id', 'townCode', 'area', 'category', 'parkId', 'holderUscc', 'suppliedOn']);
const QUANTITY_FIELDS = Object.keys(ANNUAL_QUANTITY_FIELDS) as (keyof typeof ANNUAL_QUANTITY_FIELDS)[];
const ANNUAL_KEYS = new Set(['uscc', 'year', 'scale', ...QUANTITY_FIELDS]);

const flag = (v: unknown) => fastOneOf(FLAGS, v);
const fourWithout = (v: unknown) => fastOneOf(FOUR_WITHOUT, v);
/** A list with a zod default of `[]`: a fresh empty list when absent. */
const listOr = <T>(v: unknown, read: (v: unknown) => T | No): T[] | No =>
  v === undefined ? [] : fastUniqueList(v, read);

/** enterpriseSchema's value, or NO. */
export function fastEnterprise(input: unknown, memo: CodeMemo): Enterprise | No {
  if (!isRecord(input) || !onlyKeys(input, ENTERPRISE_KEYS)) return NO;
  const uscc = fastUscc(input.uscc);
  const name = fastName(input.name);
  const townCode = memo.divisionCode(input.townCode);
  const industry = memo.industry(input.industry);
  const registeredOn = fastDate(input.registeredOn);
  const parkId = fastOptional(input.parkId, fastId);
  const parcelIds = listOr(input.parcelIds, fastId);
  const flags = listOr(input.flags, flag);
  const four = listOr(input.fourWithout, fourWithout);
  if (
    uscc === NO ||
    name === NO ||
    townCode === NO ||
    industry === NO ||
    registeredOn === NO ||
    parkId === NO ||
    parcelIds === NO ||
    flags === NO ||
    four === NO ||
    !fourWithoutFlagOk({ flags, fourWithout: four })
  )
    return NO;
  const e: Record<string, unknown> = { uscc, name, townCode, industry, registeredOn };
  if (parkId !== undefined) e.parkId = parkId;
  e.parcelIds = parcelIds;
  e.flags = flags;
  e.fourWithout = four;
  return e as Enterprise;
}

/** landParcelSchema's value, or NO. */
export function fastParcel(input: unknown, memo: CodeMemo): LandParcel | No {
  if (!isRecord(input) || !onlyKeys(input, PARCEL_KEYS)) return NO;
  const id = fastId(input.id);
  const townCode = memo.divisionCode(input.townCode);
  const area = fastPositive('area', input.area, 'mu');
  const category = fastOneOf(CATEGORIES, input.category);
  const parkId = fastOptional(input.parkId, fastId);
  const holderUscc = fastOptional(input.holderUscc, fastUscc);
  const suppliedOn = fastOptional(input.suppliedOn, fastDate);
  if (id === NO || townCode === NO || area === NO || category === NO || parkId === NO || holderUscc === NO) return NO;
  if (suppliedOn === NO || !parkRequiredOk({ category, parkId }) || !outsideParkOk({ category, parkId })) return NO;
  const p: Record<string, unknown> = { id, townCode, area, category };
  if (parkId !== undefined) p.parkId = parkId;
  if (holderUscc !== undefined) p.holderUscc = holderUscc;
  if (suppliedOn !== undefined) p.suppliedOn = suppliedOn;
  return p as LandParcel;
}

/** annualDataSchema's value, or NO: figures by `ANNUAL_QUANTITY_FIELDS`, the 规上 rule by `scaleForRevenue`. */
export function fastAnnualData(input: unknown): EnterpriseAnnualData | No {
  if (!isRecord(input) || !onlyKeys(input, ANNUAL_KEYS)) return NO;
  const uscc = fastUscc(input.uscc);
  const year = input.year;
  const scale = fastOneOf(SCALES, input.scale);
  // yearField: a whole year from 1949 to 2100.
  if (uscc === NO || scale === NO || typeof year !== 'number' || !Number.isInteger(year)) return NO;
  if (year < 1949 || year > 2100) return NO;
  const d: Record<string, unknown> = { uscc, year, scale };
  for (const f of QUANTITY_FIELDS) {
    const v = input[f];
    if (v === undefined) continue;
    const rule = ANNUAL_QUANTITY_FIELDS[f];
    const q = fastQuantity(rule.kind as Kind, v, rule.unit as UnitOf<Kind>);
    if (q === NO || (!rule.signed && q.isNegative()) || (rule.whole && !q.base.isInteger())) return NO;
    d[f] = q;
  }
  if (scale === 'aboveDesignatedSize') {
    const revenue = d.revenue as EnterpriseAnnualData['revenue'];
    if (revenue === undefined || scaleForRevenue(revenue) !== 'aboveDesignatedSize') return NO;
  }
  return d as EnterpriseAnnualData;
}

/**
 * `safeParseWith(annualDataSchema, input, root)`, record by record at the
 * cost of the fast reading: a record of the common shape is read by
 * `fastAnnualData` (the very value the schema gives), any other is judged by
 * the schema, which names each broken rule. For callers that check many
 * records one at a time and must say which fails (department intake), as
 * `applyRegistryChanges` does for a batch.
 */
export function safeParseAnnualData(
  input: unknown,
  root = '',
): { ok: true; value: EnterpriseAnnualData } | { ok: false; issues: FieldIssue[] } {
  const fast = fastAnnualData(input);
  return fast !== NO ? { ok: true, value: fast } : safeParseWith(annualDataSchema, input, root);
}
