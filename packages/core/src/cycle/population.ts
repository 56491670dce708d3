import { type AnnualDataColumns, annualDataColumns } from '../evaluation/columns';
import type { EvaluationInput, Tenancy } from '../evaluation/result';
import type { EvaluationScheme } from '../evaluation/scheme';
import type { EnterpriseAnnualData } from '../model/annual-data';
import type { Enterprise } from '../model/enterprise';
import type { LandParcel } from '../model/land-parcel';
import type { AnnualDataQuery, RegistryRepository } from '../repository/repository';

/**
 * What a city's registry holds that an evaluation can read: its enterprises,
 * annual data (of any years: only the evaluated year's is kept) and parcels.
 */
export interface PopulationSource {
  readonly enterprises: Iterable<Enterprise>;
  readonly annualData: Iterable<EnterpriseAnnualData>;
  readonly parcels: Iterable<LandParcel>;
}

/** The input of one city's evaluation for a year, and how many of its firms reported no data. */
export interface EvaluationPopulation {
  readonly year: number;
  /** The reference date the registration rule counts to (the scheme's, default `year`-12-31). */
  readonly referenceDate: string;
  readonly input: EvaluationInput & { readonly annualData: readonly EnterpriseAnnualData[] };
  /** Firms evaluated without a record for the year: each is `notEvaluated` with reason `noData` (无当年数据). */
  readonly withoutData: number;
}

/**
 * 评价对象 — THE rule of who is evaluated and on what (docs/evaluation.md,
 * "Who is evaluated"); every face (gateway, CLI, examples, runs) reads it here:
 *
 * - **firms**: every enterprise of the city's registry registered on or before
 *   the reference date (`registeredOn` ≤ the scheme's reference date, default
 *   `year`-12-31), plus any later-registered firm that has a record for the
 *   year. A firm without a record for the year is evaluated all the same and
 *   comes out `notEvaluated` with reason `noData` (无当年数据): it is counted
 *   and listed, the same way on every face, so the county sees who did not report;
 * - **data**: the annual-data records of the evaluated year only (other years are
 *   not read by any rule of a scheme);
 * - **parcels**: every parcel of the city (供地日期, shared-parcel areas);
 * - **tenancies** (承租关系): a firm that lists among its parcels one whose
 *   土地使用权人 (`holderUscc`) is another firm of the city rents from that firm.
 *
 * Firms are in USCC order, so every face sees the same input in the same order.
 */
export function evaluationPopulation(
  source: PopulationSource,
  scheme: Pick<EvaluationScheme, 'year' | 'referenceDate'>,
): EvaluationPopulation {
  const year = scheme.year;
  const referenceDate = scheme.referenceDate ?? `${year}-12-31`;
  const annualData: EnterpriseAnnualData[] = [];
  const reported: string[] = [];
  for (const d of source.annualData) {
    if (d.year !== year) continue;
    annualData.push(d);
    reported.push(d.uscc);
  }
  const { enterprises, withoutData } = evaluatedFirms(source.enterprises, reported, referenceDate);
  annualData.sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));
  const parcels = [...source.parcels];
  const tenancies = tenanciesOf(enterprises, parcels);
  return {
    year,
    referenceDate,
    input: { enterprises, annualData, parcels, ...(tenancies.length > 0 ? { tenancies } : {}) },
    withoutData,
  };
}

/** The firms the rule evaluates (see `evaluationPopulation`), in USCC order, and how many reported nothing. */
function evaluatedFirms(
  all: Iterable<Enterprise>,
  reported: string[],
  referenceDate: string,
): { enterprises: Enterprise[]; withoutData: number } {
  // Both lists in USCC order (stores and snapshots give them so: then nothing is sorted), then one
  // merged walk tells who reported: no set of a city's USCCs is built.
  const firms = inUsccOrder(Array.isArray(all) ? (all as readonly Enterprise[]) : [...all]);
  if (!isAscending(reported, (u) => u)) reported.sort();
  const enterprises: Enterprise[] = [];
  let withoutData = 0;
  let r = 0;
  for (const e of firms) {
    while (r < reported.length && (reported[r] as string) < e.uscc) r++;
    const hasData = reported[r] === e.uscc;
    if (e.registeredOn > referenceDate && !hasData) continue;
    enterprises.push(e);
    if (!hasData) withoutData++;
  }
  return { enterprises, withoutData };
}

const byUscc = (a: Enterprise, b: Enterprise) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0);

/** Whether a list is in non-decreasing order of `key`. */
function isAscending<T>(list: readonly T[], key: (t: T) => string): boolean {
  for (let i = 1; i < list.length; i++) if (key(list[i - 1] as T) > key(list[i] as T)) return false;
  return true;
}

/** Firms in USCC order (a stable sort: firms given twice keep their order), the list itself when it is. */
function inUsccOrder(firms: readonly Enterprise[]): readonly Enterprise[] {
  return isAscending(firms, (e) => e.uscc) ? firms : [...firms].sort(byUscc);
}

/** What a city's registry holds for an evaluation, its annual data as the engine's columns (列式). */
export interface ColumnarPopulationSource {
  readonly enterprises: Iterable<Enterprise>;
  /** Annual data as columns (`listAnnualDataColumns`); rows of other years are not read. */
  readonly annualDataColumns: AnnualDataColumns;
  readonly parcels: Iterable<LandParcel>;
}

/** `EvaluationPopulation` whose data are columns: the fast path of the gateway and `evaluateCity`. */
export interface ColumnarEvaluationPopulation {
  readonly year: number;
  readonly referenceDate: string;
  readonly input: EvaluationInput & { readonly annualDataColumns: AnnualDataColumns };
  readonly withoutData: number;
}

/**
 * `evaluationPopulation` — the same rule, the same firms in the same order —
 * over annual data given as columns, so a store's rows reach the engine without
 * a record object per firm. The columns are passed to the engine as they are
 * (it reads only the evaluated year's rows).
 */
export function columnarEvaluationPopulation(
  source: ColumnarPopulationSource,
  scheme: Pick<EvaluationScheme, 'year' | 'referenceDate'>,
): ColumnarEvaluationPopulation {
  const year = scheme.year;
  const referenceDate = scheme.referenceDate ?? `${year}-12-31`;
  const columns = source.annualDataColumns;
  const reported: string[] = [];
  for (let i = 0; i < columns.length; i++) if (columns.year[i] === year) reported.push(columns.uscc[i] as string);
  const { enterprises, withoutData } = evaluatedFirms(source.enterprises, reported, referenceDate);
  const parcels = [...source.parcels];
  const tenancies = tenanciesOf(enterprises, parcels);
  return {
    year,
    referenceDate,
    input: { enterprises, annualDataColumns: columns, parcels, ...(tenancies.length > 0 ? { tenancies } : {}) },
    withoutData,
  };
}

/**
 * The year's annual data of a city as columns: the repository's
 * `listAnnualDataColumns` when it has one, else its records made columns.
 */
export async function annualDataColumnsOf(
  repository: Pick<RegistryRepository, 'listAnnualData' | 'listAnnualDataColumns'>,
  query: AnnualDataQuery,
): Promise<AnnualDataColumns> {
  if (repository.listAnnualDataColumns) return repository.listAnnualDataColumns(query);
  return annualDataColumns(await repository.listAnnualData(query));
}

/** 承租关系 from the registry: a firm on a parcel whose 土地使用权人 is another firm rents from it. */
export function tenanciesOf(enterprises: readonly Enterprise[], parcels: readonly LandParcel[]): Tenancy[] {
  const holderOf = new Map<string, string>();
  for (const p of parcels) if (p.holderUscc !== undefined) holderOf.set(p.id, p.holderUscc);
  if (holderOf.size === 0) return [];
  const known = new Set<string>(enterprises.map((e) => e.uscc));
  const out: Tenancy[] = [];
  for (const e of enterprises) {
    const landlords = new Set<string>();
    for (const id of e.parcelIds) {
      const holder = holderOf.get(id);
      if (holder !== undefined && holder !== e.uscc && known.has(holder as string)) landlords.add(holder);
    }
    for (const landlord of [...landlords].sort()) out.push({ tenant: e.uscc, landlord });
  }
  return out;
}

/** The population of the city `regionCode` read through a repository, its data as columns (`columnarEvaluationPopulation`). */
export async function loadColumnarPopulation(
  repository: Pick<RegistryRepository, 'listEnterprises' | 'listAnnualData' | 'listAnnualDataColumns' | 'listParcels'>,
  regionCode: string,
  scheme: Pick<EvaluationScheme, 'year' | 'referenceDate'>,
): Promise<ColumnarEvaluationPopulation> {
  const [enterprises, annualDataColumns, parcels] = await Promise.all([
    repository.listEnterprises({ regionCode }),
    annualDataColumnsOf(repository, { year: scheme.year, regionCode }),
    repository.listParcels(regionCode),
  ]);
  return columnarEvaluationPopulation({ enterprises, annualDataColumns, parcels }, scheme);
}

/** The population of the city `regionCode` read through a repository (`evaluationPopulation`). */
export async function loadEvaluationPopulation(
  repository: Pick<RegistryRepository, 'listEnterprises' | 'listAnnualData' | 'listParcels'>,
  regionCode: string,
  scheme: Pick<EvaluationScheme, 'year' | 'referenceDate'>,
): Promise<EvaluationPopulation> {
  const [enterprises, annualData, parcels] = await Promise.all([
    repository.listEnterprises({ regionCode }),
    repository.listAnnualData({ year: scheme.year, regionCode }),
    repository.listParcels(regionCode),
  ]);
  return evaluationPopulation({ enterprises, annualData, parcels }, scheme);
}
