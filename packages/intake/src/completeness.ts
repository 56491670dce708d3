import type { EnterpriseAnnualData, EnterpriseAnnualDataInput, Registry } from '@mujun/core';
import type { MergedRecord } from './merge';
import { SOURCE_IDS, type SourceId, TEMPLATES } from './templates';

/** 数据状态 of one firm for the year: which departments' figures it has, and which are missing. */
export interface FirmCompleteness {
  readonly uscc: string;
  readonly name: string;
  readonly townCode: string;
  readonly missing: readonly SourceId[];
}

/** Per town: firms with data for the year, how many are complete, and how many lack each source. */
export interface TownCompleteness {
  readonly townCode: string;
  readonly townName: string;
  readonly firms: number;
  readonly complete: number;
  readonly missing: { readonly [S in SourceId]: number };
}

export interface CompletenessReport {
  /** Firms missing at least one source, by USCC. */
  readonly firms: readonly FirmCompleteness[];
  readonly towns: readonly TownCompleteness[];
}

/** A firm's year as stored or as written now: a figure is there when its field is (record and input alike). */
type YearFields = EnterpriseAnnualData | EnterpriseAnnualDataInput;

const has = (d: YearFields, source: SourceId) =>
  TEMPLATES[source].presence.some((f) => (d as Readonly<Record<string, unknown>>)[f] !== undefined);

/**
 * The year's data status after the import: every firm with figures for the
 * year (already stored, or written now) and the sources it still lacks, as
 * GMDS's 数据状态 lists them; and counts per town.
 */
export function completeness(
  registry: Registry,
  year: number,
  written: readonly Pick<MergedRecord, 'uscc' | 'input'>[],
): CompletenessReport {
  const data = new Map<string, YearFields>();
  for (const d of registry.annualData.values()) if (d.year === year) data.set(d.uscc, d);
  for (const r of written) data.set(r.uscc, r.input);
  const empty = () => Object.fromEntries(SOURCE_IDS.map((s) => [s, 0])) as Record<SourceId, number>;
  const towns = new Map(
    registry.region.towns.map((t) => [
      t.code,
      { townCode: t.code, townName: t.name, firms: 0, complete: 0, missing: empty() },
    ]),
  );
  const firms: FirmCompleteness[] = [];
  // One list per set of missing sources, shared by the firms missing the same (at 100k firms
  // after one department's file, each firm lacks the same five).
  const lists = new Map<number, readonly SourceId[]>();
  for (const uscc of [...data.keys()].sort()) {
    const d = data.get(uscc) as YearFields;
    const e = registry.enterprises.get(uscc);
    if (!e) continue;
    let set = 0;
    for (let i = 0; i < SOURCE_IDS.length; i++) if (!has(d, SOURCE_IDS[i] as SourceId)) set |= 1 << i;
    let missing = lists.get(set);
    if (!missing) {
      missing = Object.freeze(SOURCE_IDS.filter((_, i) => (set & (1 << i)) !== 0));
      lists.set(set, missing);
    }
    const town = towns.get(e.townCode);
    if (town) {
      town.firms++;
      if (missing.length === 0) town.complete++;
      for (const s of missing) town.missing[s]++;
    }
    if (missing.length > 0) firms.push({ uscc, name: e.name, townCode: e.townCode, missing });
  }
  return { firms, towns: [...towns.values()] };
}
