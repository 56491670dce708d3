import { type FieldIssue, invalid, ValidationError } from '../errors';
import { annualDataSchema, type EnterpriseAnnualData } from '../model/annual-data';
import { type Enterprise, enterpriseSchema } from '../model/enterprise';
import { safeParseWith } from '../model/fields';
import { type LandParcel, landParcelSchema } from '../model/land-parcel';
import { type Park, parkSchema } from '../model/park';
import { findTown, type Region } from '../model/region';
import { annualDataKey } from '../model/registry';
import type { RegistryChanges, RegistryRepository } from '../repository/repository';
import { type CanonicalInput, canonicalWriteInput, type WriteShape } from './canonical';
import type { StepResult, WriteOptions } from './changes';

/*
 * Registry writes of the yearly cycle (基础数据维护): enterprises, parcels,
 * parks and annual data of one city. Each step:
 *
 *   parse + canonicalise every id of the input (`WRITE_SHAPES`)
 *     -> `options.authorise(canonical input)` (the caller's policy)
 *     -> resolve towns, check every record (all issues at once)
 *     -> write through the repository, all or nothing
 *     -> return the records as stored and what changed.
 *
 * Errors name fields of the caller's input (`input.enterprises.3.uscc`).
 */

/**
 * Where the identifiers of each write step's input lie. The gateway's write
 * policy reads the same table, so what is canonicalised is what is authorised.
 */
export const WRITE_SHAPES = {
  saveEnterprises: {
    list: 'enterprises',
    references: { uscc: 'enterprise', town: 'town', park: 'park', parcelIds: 'parcel' },
  },
  saveAnnualData: { list: 'records', references: { uscc: 'enterprise' } },
  saveParcels: { list: 'parcels', references: { id: 'parcel', town: 'town', park: 'park', holderUscc: 'enterprise' } },
  saveParks: { list: 'parks', references: { id: 'park', town: 'town' } },
  recordCampaignEvents: {
    list: 'events',
    references: {
      id: 'event',
      townCode: 'town',
      uscc: 'enterprise',
      usccs: 'enterprise',
      parcelId: 'parcel',
      parkId: 'park',
    },
  },
} as const satisfies Record<string, WriteShape>;

/** An enterprise as a write names it: its town by code or name, its park by id. */
export interface EnterpriseDraft {
  readonly uscc: string;
  readonly name: string;
  readonly town: string;
  readonly industry: string;
  readonly registeredOn: string;
  readonly park?: string | null | undefined;
  readonly parcelIds?: readonly string[] | null | undefined;
  readonly flags?: readonly string[] | null | undefined;
  readonly fourWithout?: readonly string[] | null | undefined;
}

/** A land parcel as a write names it. */
export interface ParcelDraft {
  readonly id: string;
  readonly town: string;
  readonly area: unknown;
  readonly category: string;
  readonly park?: string | null | undefined;
  readonly holderUscc?: string | null | undefined;
  readonly suppliedOn?: string | null | undefined;
}

/** A park as a write names it. */
export interface ParkDraft {
  readonly id: string;
  readonly name: string;
  readonly town: string;
  readonly kind: string;
  readonly phases?: readonly Record<string, unknown>[] | null | undefined;
  readonly entryCriteria?: Record<string, unknown> | null | undefined;
}

/** One year of an enterprise's figures as a write gives them (the fields of `ANNUAL_QUANTITY_FIELDS`, decimal strings). */
export type AnnualDataDraft = { readonly uscc: string; readonly year: number } & Readonly<Record<string, unknown>>;

/** Drops null and undefined values (a GraphQL client sends null for an omitted optional field). */
export function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

/** Parses the input's ids, runs the caller's check on the canonical input and loads the city written. */
async function begin<T extends { readonly city: string }>(
  repo: RegistryRepository,
  shape: WriteShape,
  input: T,
  options: WriteOptions<T>,
): Promise<{ input: CanonicalInput<T>; region: Region; root: string }> {
  const root = options.root ?? 'input';
  const canonical = canonicalWriteInput(shape, input, root);
  await options.authorise?.(canonical);
  const region = await repo.getRegion(canonical.city);
  if (!region) throw invalid(`${root}.city`, 'reference.region', `no region ${canonical.city}`);
  return { input: canonical, region, root };
}

/** The town code a record names; an unknown town is collected as an issue on `<field>.town`. */
function townCode(region: Region, town: string, field: string, issues: FieldIssue[]): string {
  const found = findTown(region, town)?.code;
  if (found) return found;
  issues.push({ field: `${field}.town`, rule: 'reference.town', message: `no town ${town} in ${region.code}` });
  return town;
}

/**
 * Saves one kind of records. The repository names a refused record by its
 * path in the changes (`annualData.3.uscc`): the caller is told the path in
 * its own input (`input.records.3.uscc`).
 */
async function save(
  repo: RegistryRepository,
  regionCode: string,
  key: keyof RegistryChanges,
  listPath: string,
  records: readonly unknown[],
  options: WriteOptions<never>,
): Promise<void> {
  try {
    await repo.saveRecords(regionCode, { [key]: records }, options.context);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw new ValidationError(
      e.issues.map((issue) => ({
        ...issue,
        field: issue.field.startsWith(`${key}.`) ? `${listPath}.${issue.field.slice(key.length + 1)}` : issue.field,
      })),
    );
  }
}

/**
 * 保存企业: adds or replaces enterprises of a city (keyed by USCC).
 * @throws ValidationError naming input fields; whatever `options.authorise` throws
 */
export async function saveEnterprises(
  repo: RegistryRepository,
  raw: { readonly city: string; readonly enterprises: readonly EnterpriseDraft[] },
  options: WriteOptions<typeof raw>,
): Promise<StepResult<Enterprise[]>> {
  const { input, region, root } = await begin(repo, WRITE_SHAPES.saveEnterprises, raw, options);
  const issues: FieldIssue[] = [];
  const records = input.enterprises.map((e, i) => {
    const field = `${root}.enterprises.${i}`;
    const { town, park, ...rest } = e;
    const record = compact({ ...rest, townCode: townCode(region, town, field, issues), parkId: park });
    const parsed = safeParseWith(enterpriseSchema, record, field);
    if (!parsed.ok) for (const i of parsed.issues) issues.push(i);
    return record;
  });
  if (issues.length > 0) throw new ValidationError(issues);
  await save(repo, region.code, 'enterprises', `${root}.enterprises`, records, options as WriteOptions<never>);
  const usccs = records.map((r) => String(r.uscc));
  const saved = await repo.getEnterprises(usccs);
  return {
    value: saved.filter((e): e is Enterprise => e !== undefined),
    changed: { regionCode: region.code, enterprises: usccs },
  };
}

/**
 * 保存年度数据: adds or replaces enterprises' figures for a year; every
 * enterprise must already be registered in the city.
 * @throws ValidationError naming input fields; whatever `options.authorise` throws
 */
export async function saveAnnualData(
  repo: RegistryRepository,
  raw: { readonly city: string; readonly records: readonly AnnualDataDraft[] },
  options: WriteOptions<typeof raw>,
): Promise<StepResult<EnterpriseAnnualData[]>> {
  const { input, region, root } = await begin(repo, WRITE_SHAPES.saveAnnualData, raw, options);
  const owners = await repo.getEnterprises(input.records.map((r) => String(r.uscc)));
  const issues: FieldIssue[] = [];
  const records = input.records.map((r, i) => {
    const field = `${root}.records.${i}`;
    const owner = owners[i];
    if (!owner?.townCode.startsWith(region.code)) {
      issues.push({
        field: `${field}.uscc`,
        rule: 'reference.enterprise',
        message: `no enterprise ${String(r.uscc)} in ${region.code}: save it first`,
      });
    }
    const record = compact({ ...r });
    const parsed = safeParseWith(annualDataSchema, record, field);
    if (!parsed.ok) for (const i of parsed.issues) issues.push(i);
    return record;
  });
  if (issues.length > 0) throw new ValidationError(issues);
  await save(repo, region.code, 'annualData', `${root}.records`, records, options as WriteOptions<never>);
  const usccs = [...new Set(records.map((r) => String(r.uscc)))];
  const years = [...new Set(records.map((r) => Number(r.year)))];
  const wanted = new Set(records.map((r) => annualDataKey(String(r.uscc), Number(r.year))));
  const rows = (await Promise.all(years.map((year) => repo.listAnnualData({ year, usccs, regionCode: region.code }))))
    .flat()
    .filter((d) => wanted.has(annualDataKey(d.uscc, d.year)));
  return { value: rows, changed: { regionCode: region.code, annualData: [...wanted] } };
}

/**
 * 保存地块: adds or replaces land parcels of a city (keyed by id).
 * @throws ValidationError naming input fields; whatever `options.authorise` throws
 */
export async function saveParcels(
  repo: RegistryRepository,
  raw: { readonly city: string; readonly parcels: readonly ParcelDraft[] },
  options: WriteOptions<typeof raw>,
): Promise<StepResult<LandParcel[]>> {
  const { input, region, root } = await begin(repo, WRITE_SHAPES.saveParcels, raw, options);
  const issues: FieldIssue[] = [];
  const records = input.parcels.map((p, i) => {
    const field = `${root}.parcels.${i}`;
    const { town, park, ...rest } = p;
    const record = compact({ ...rest, townCode: townCode(region, town, field, issues), parkId: park });
    const parsed = safeParseWith(landParcelSchema, record, field);
    if (!parsed.ok) for (const i of parsed.issues) issues.push(i);
    return record;
  });
  if (issues.length > 0) throw new ValidationError(issues);
  await save(repo, region.code, 'parcels', `${root}.parcels`, records, options as WriteOptions<never>);
  const ids = records.map((r) => String(r.id));
  const wanted = new Set(ids);
  return {
    value: (await repo.listParcels(region.code)).filter((p) => wanted.has(p.id)),
    changed: { regionCode: region.code, parcels: ids },
  };
}

/**
 * 保存园区: adds or replaces parks (小微企业园, 标准厂房) of a city (keyed by id).
 * @throws ValidationError naming input fields; whatever `options.authorise` throws
 */
export async function saveParks(
  repo: RegistryRepository,
  raw: { readonly city: string; readonly parks: readonly ParkDraft[] },
  options: WriteOptions<typeof raw>,
): Promise<StepResult<Park[]>> {
  const { input, region, root } = await begin(repo, WRITE_SHAPES.saveParks, raw, options);
  const issues: FieldIssue[] = [];
  const records = input.parks.map((p, i) => {
    const field = `${root}.parks.${i}`;
    const { town, phases, entryCriteria, ...rest } = p;
    const record = compact({
      ...rest,
      townCode: townCode(region, town, field, issues),
      phases: phases?.map((ph) => compact({ ...ph })),
      entryCriteria: entryCriteria ? compact({ ...entryCriteria }) : undefined,
    });
    const parsed = safeParseWith(parkSchema, record, field);
    if (!parsed.ok) for (const i of parsed.issues) issues.push(i);
    return record;
  });
  if (issues.length > 0) throw new ValidationError(issues);
  await save(repo, region.code, 'parks', `${root}.parks`, records, options as WriteOptions<never>);
  const ids = records.map((r) => String(r.id));
  const wanted = new Set(ids);
  return {
    value: (await repo.listParks(region.code)).filter((p) => wanted.has(p.id)),
    changed: { regionCode: region.code, parks: ids },
  };
}
