import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { request } from '../api';
import { Chart, type ChartOption } from '../Chart';
import { graphql } from '../gql';
import type { TownRankingQuery } from '../gql/graphql';
import { REPORT, UI } from '../labels';
import { useGateway, useSession } from '../session';
import { Failed, Loading } from './common';

const TownRankingDocument = graphql(`
  query TownRanking($city: ID!, $year: Int!, $week: Int!) {
    townRanking(city: $city, year: $year, week: $week) {
      title
      year
      week
      from
      asOf
      rows {
        rank
        previousRank
        movement
        score(places: 2)
        warning
        warningLabel
        town {
          code
          name
        }
        components {
          key
          label
          partial(places: 2)
          completionRate {
            percent(places: 2)
          }
          missing
        }
      }
    }
  }
`);

const TrendDocument = graphql(`
  query RankingTrend($city: ID!, $year: Int!, $week: Int!) {
    townRanking(city: $city, year: $year, week: $week) {
      week
      rows {
        rank
        town {
          code
          name
        }
      }
    }
  }
`);

type Row = TownRankingQuery['townRanking']['rows'][number];

/** Twelve distinct colours: one per town of a county-level city (ECharts' default palette has nine). */
const TOWN_COLOURS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#393b79',
  '#ad494a',
];

const WEEKS = Array.from({ length: 52 }, (_, i) => i + 1);

function Movement({ movement }: { readonly movement: number }) {
  if (movement > 0) return <span className="up">{UI.up(movement)}</span>;
  if (movement < 0) return <span className="down">{UI.down(-movement)}</span>;
  return <span className="muted">{UI.same}</span>;
}

function Trend({ city, year, week, ownTown }: { city: string; year: number; week: number; ownTown?: string }) {
  const { token } = useSession();
  const weeks = WEEKS.slice(0, week);
  const results = useQueries({
    queries: weeks.map((w) => ({
      queryKey: ['trend', city, year, w, token],
      queryFn: () => request(TrendDocument, { city, year, week: w }, token),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const done = results.every((r) => r.data);
  // Recompute the option only when some week's data changed, not on every render.
  const version = results.map((r) => r.dataUpdatedAt).join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for `results`
  const option = useMemo<ChartOption | undefined>(() => {
    if (!done) return undefined;
    const byTown = new Map<string, { name: string; ranks: number[] }>();
    for (const r of results) {
      for (const row of r.data?.townRanking.rows ?? []) {
        const entry = byTown.get(row.town.code) ?? { name: row.town.name, ranks: [] };
        entry.ranks.push(row.rank);
        byTown.set(row.town.code, entry);
      }
    }
    return {
      color: TOWN_COLOURS,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 40, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: weeks.map((w) => UI.weekOption(w)), boundaryGap: false },
      yAxis: { type: 'value', inverse: true, min: 1, max: byTown.size, interval: 1, name: UI.rankAxis },
      series: [...byTown.entries()].map(([code, t]) => ({
        name: t.name,
        type: 'line',
        data: t.ranks,
        symbol: 'none',
        lineStyle: { width: code === ownTown ? 4 : 1.5 },
        emphasis: { focus: 'series' },
        z: code === ownTown ? 10 : 2,
      })),
    };
  }, [done, version, week, ownTown]);
  const failed = results.find((r) => r.error)?.error;
  if (failed) return <Failed error={failed} />;
  if (!option) return <Loading />;
  return <Chart option={option} height={360} label={UI.trendHeading(week)} />;
}

export function Ranking({ city }: { readonly city: string }) {
  const [year] = useState(2018);
  const [week, setWeek] = useState(52);
  const { ownTown } = useSession();
  const q = useGateway('ranking', TownRankingDocument, { city, year, week });
  const components = q.data?.townRanking.rows[0]?.components ?? [];

  return (
    <section aria-labelledby="ranking-heading">
      <div className="toolbar">
        <label>
          {UI.weekSelect}{' '}
          <select value={week} onChange={(e) => setWeek(Number(e.target.value))} data-testid="week">
            {WEEKS.map((w) => (
              <option key={w} value={w}>
                {UI.weekOption(w)}
              </option>
            ))}
          </select>
        </label>
        {q.data ? (
          <span className="muted">{UI.weekRange(q.data.townRanking.from, q.data.townRanking.asOf)}</span>
        ) : null}
      </div>
      <h2 id="ranking-heading">{q.data?.townRanking.title ?? UI.rankingHeading}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <Failed error={q.error} />
      ) : (
        <table className="ranking" data-testid="ranking-table">
          <thead>
            <tr>
              <th>{REPORT.rank}</th>
              <th>{REPORT.town}</th>
              <th className="num">{REPORT.score}</th>
              {components.map((c) => (
                <th key={c.key} className="num">
                  {c.label ?? c.key}
                </th>
              ))}
              <th>{UI.warning}</th>
              <th className="num">{UI.previousRank}</th>
              <th>{REPORT.movement}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.townRanking.rows.map((row: Row) => (
              <tr
                key={row.town.code}
                className={row.town.code === ownTown?.code ? 'own' : undefined}
                data-town={row.town.name}
              >
                <td>{row.rank}</td>
                <td>{row.town.name}</td>
                <td className="num">{row.score}</td>
                {row.components.map((c) => (
                  <td key={c.key} className="num" title={`${REPORT.completionRate} ${c.completionRate.percent}%`}>
                    {c.missing ? '—' : c.partial}
                  </td>
                ))}
                <td>
                  {row.warning ? (
                    <span
                      className={`badge warn warn-${row.warning}`}
                      data-testid="rank-warning"
                      data-level={row.warning}
                    >
                      {row.warningLabel}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="num">{row.previousRank}</td>
                <td>
                  <Movement movement={row.movement} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{UI.trendHeading(week)}</h2>
      <Trend city={city} year={year} week={week} {...(ownTown ? { ownTown: ownTown.code } : {})} />
    </section>
  );
}
