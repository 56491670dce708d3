import { Area, Rational } from '@mujun/core';
import { decimalText, type YEARLY_FIGURES } from '@mujun/core/campaign';
import type { Sql } from './driver';

/** The seven yearly figures, exact decimal strings keyed by measure name (as `yearlyStatistics` reports them). */
export type FigureValues = Record<(typeof YEARLY_FIGURES)[number], string>;

export interface YearlyFiguresSql {
  readonly figures: FigureValues;
  /** Per town code, every town of the region (zeros included). */
  readonly byTown: Readonly<Record<string, FigureValues>>;
}

/*
 * The same sums as the core's measures, pushed down to PostgreSQL: one
 * grouped scan of the year's daily totals (`campaign_daily`, kept with the events). Areas are summed in 亩 (NUMERIC, exact)
 * and floor area converted to m² by the core, exactly.
 */
const QUERY = `
SELECT town_code,
  coalesce(sum(events) FILTER (WHERE type = 'lowScatteredRemediated'), 0)::text AS low_scattered,
  coalesce(sum(items) FILTER (WHERE type = 'backwardCapacityEliminated'), 0)::text AS items,
  coalesce(sum(events) FILTER (WHERE type = 'zombieDisposed'), 0)::text AS zombies,
  coalesce(sum(area_mu) FILTER (WHERE type = 'vacatingStage' AND stage = 'signed'), 0)::text AS signed_mu,
  coalesce(sum(area_mu) FILTER (WHERE type = 'vacatingStage' AND stage = 'reclamationApproved'), 0)::text AS reclamation_mu,
  coalesce(sum(floor_area_mu) FILTER (WHERE type = 'parkFloorAreaCompleted'), 0)::text AS floor_mu,
  coalesce(sum(events) FILTER (WHERE type = 'parkEntered'), 0)::text AS park_entries
FROM campaign_daily
WHERE region_code = $1 AND date BETWEEN $2::date AND $3::date
GROUP BY town_code`;

interface Row {
  town_code: string;
  low_scattered: string;
  items: string;
  zombies: string;
  signed_mu: string;
  reclamation_mu: string;
  floor_mu: string;
  park_entries: string;
}

const ZERO_ROW = {
  low_scattered: '0',
  items: '0',
  zombies: '0',
  signed_mu: '0',
  reclamation_mu: '0',
  floor_mu: '0',
  park_entries: '0',
};

function values(rows: readonly Omit<Row, 'town_code'>[]): FigureValues {
  const sum = (k: keyof Omit<Row, 'town_code'>) => Rational.sum(rows.map((r) => Rational.from(r[k])));
  return {
    lowScatteredRemediated: decimalText(sum('low_scattered')),
    backwardCapacityItems: decimalText(sum('items')),
    zombiesDisposed: decimalText(sum('zombies')),
    vacatingSigned: decimalText(sum('signed_mu')),
    reclamationApproved: decimalText(sum('reclamation_mu')),
    parkFloorAreaCompleted: decimalText(Area.mu(sum('floor_mu')).in('squareMetre')),
    parkEntries: decimalText(sum('park_entries')),
  };
}

/** The year's seven figures for a region and each of its towns, computed in SQL. */
export async function yearlyFiguresSql(sql: Sql, regionCode: string, year: number): Promise<YearlyFiguresSql> {
  const rows = await sql.query<Row>(QUERY, [regionCode, `${year}-01-01`, `${year}-12-31`]);
  const towns = await sql.query<{ code: string }>('SELECT code FROM town WHERE region_code = $1 ORDER BY position', [
    regionCode,
  ]);
  const byCode = new Map(rows.map((r) => [r.town_code, r]));
  const byTown: Record<string, FigureValues> = {};
  for (const t of towns) byTown[t.code] = values([byCode.get(t.code) ?? ZERO_ROW]);
  return { figures: values(rows), byTown };
}
