import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { request } from '../api';
import { Chart, type ChartOption } from '../Chart';
import { trimZeros } from '../format';
import { graphql } from '../gql';
import type { EvaluationSummaryQuery } from '../gql/graphql';
import { EVALUATION_CLASS_LABELS, UI } from '../labels';
import { useGateway, useSession } from '../session';
import { Failed, Loading } from './common';
import { EnterprisePanel } from './EnterprisePanel';

const EvaluationSummaryDocument = graphql(`
  query EvaluationSummary($city: ID!, $schemeId: ID!, $year: Int!) {
    evaluation(city: $city, schemeId: $schemeId, year: $year) {
      year
      scheme {
        id
        name
      }
      summary {
        total {
          A
          B
          C
          D
          T
          none
          total
        }
        byCohort {
          key
          name
          counts {
            A
            B
            C
            D
            total
          }
        }
        byTown {
          town {
            code
            name
          }
          counts {
            A
            B
            C
            D
          }
        }
        belowThreshold {
          uscc
          name
          town {
            code
            name
          }
          value(places: 4)
          unit
        }
      }
    }
  }
`);

const CohortBenchmarksDocument = graphql(`
  query CohortBenchmarks($city: ID!, $schemeId: ID!, $year: Int!, $cohort: String!) {
    evaluation(city: $city, schemeId: $schemeId, year: $year) {
      results(cohort: $cohort, orderBy: RANK, first: 1) {
        edges {
          node {
            rankedCount
            indicators {
              indicator
              label
              unit
              weight
              reportedBenchmark
            }
          }
        }
      }
    }
  }
`);

const PublishedSchemeDocument = graphql(`
  query PublishedScheme($schemeId: ID!, $year: Int!) {
    evaluationScheme(schemeId: $schemeId, year: $year) {
      id
      cohorts {
        key
        methodLabel
        indicators {
          indicator
          label
          weight
          benchmark
          benchmarkUnit
          benchmarkMethod
          benchmarkMethodLabel
        }
      }
    }
  }
`);

type Summary = EvaluationSummaryQuery['evaluation']['summary'];
type Cohort = Summary['byCohort'][number];

const CLASSES = ['A', 'B', 'C', 'D'] as const;
const CLASS_COLOURS = { A: '#2e7d32', B: '#1e88e5', C: '#f9a825', D: '#c62828' } as const;
const PAGE_SIZE = 15;

function classChart(summary: Summary, selected: string | undefined, ownTown: string | undefined): ChartOption {
  const towns = summary.byTown.map((t) => t.town.name);
  const ownName = summary.byTown.find((t) => t.town.code === ownTown)?.town.name;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 36, bottom: 30 },
    xAxis: {
      type: 'category',
      data: towns,
      triggerEvent: true,
      axisLabel: {
        // The selected town and a town operator's own town stand out.
        formatter: (name: string) => (name === selected || name === ownName ? `{strong|${name}}` : name),
        rich: { strong: { fontWeight: 'bold', color: '#b71c1c' } },
      },
    },
    yAxis: { type: 'value' },
    series: CLASSES.map((c) => ({
      name: EVALUATION_CLASS_LABELS[c],
      type: 'bar',
      stack: 'class',
      itemStyle: { color: CLASS_COLOURS[c] },
      emphasis: { focus: 'series' },
      data: summary.byTown.map((t) => ({
        value: t.counts[c],
        itemStyle: { opacity: selected && t.town.name !== selected ? 0.35 : 1 },
      })),
    })),
  };
}

function Cohorts({
  city,
  schemeId,
  year,
  cohorts,
}: {
  city: string;
  schemeId: string;
  year: number;
  cohorts: Cohort[];
}) {
  const { token } = useSession();
  const rated = cohorts.filter((c) => c.key !== '-');
  // Weights, fixed benchmarks and the method are published scheme data: everyone reads them.
  const scheme = useGateway('published-scheme', PublishedSchemeDocument, { schemeId, year });
  const benchmarks = useQueries({
    queries: rated.map((c) => ({
      queryKey: ['cohort', city, schemeId, year, c.key, token],
      queryFn: () => request(CohortBenchmarksDocument, { city, schemeId, year, cohort: c.key }, token),
    })),
  });
  return (
    <table className="cohorts" data-testid="cohort-table">
      <thead>
        <tr>
          <th>{UI.cohort}</th>
          <th className="num">{UI.ratedCount}</th>
          {CLASSES.map((c) => (
            <th key={c} className="num">
              {c}
            </th>
          ))}
          <th>
            {UI.indicator}（{UI.weight} · {UI.benchmark}）
          </th>
        </tr>
      </thead>
      <tbody>
        {rated.map((c, i) => {
          const node = benchmarks[i]?.data?.evaluation.results.edges[0]?.node;
          const published = scheme.data?.evaluationScheme.cohorts.find((p) => p.key === c.key);
          return (
            <tr key={c.key} data-cohort={c.key}>
              <td>{c.name ?? c.key}</td>
              <td className="num">{node?.rankedCount ?? '…'}</td>
              {CLASSES.map((k) => (
                <td key={k} className="num">
                  {c.counts[k]}
                </td>
              ))}
              <td>
                {published ? (
                  <ul className="benchmarks" data-testid="cohort-indicators">
                    {published.indicators.map((ind) => {
                      // A benchmark derived from the firms is shown to those who may read their figures.
                      const derived = node?.indicators?.find((x) => x.indicator === ind.indicator)?.reportedBenchmark;
                      const value = ind.benchmark ? trimZeros(ind.benchmark) : derived;
                      return (
                        <li key={ind.indicator} data-indicator={ind.indicator}>
                          {ind.label} <span className="muted">{trimZeros(ind.weight)}</span> ·{' '}
                          {value ? (
                            <>
                              <b>{value}</b>
                              {ind.benchmarkUnit}
                            </>
                          ) : null}
                          {ind.benchmarkMethod === 'PUBLISHED' ? null : (
                            <span className="muted">（{ind.benchmarkMethodLabel}）</span>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                ) : scheme.error ? (
                  <Failed error={scheme.error} />
                ) : (
                  UI.loading
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Evaluation({ city, schemeId, year }: { city: string; schemeId: string; year: number }) {
  const { ownTown } = useSession();
  // A town operator starts on its own firms (it may clear the filter to see the city).
  const [town, setTown] = useState<string | undefined>(ownTown?.name);
  const [page, setPage] = useState(0);
  const [uscc, setUscc] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (ownTown) {
      setTown(ownTown.name);
      setPage(0);
    }
  }, [ownTown]);
  const q = useGateway('evaluation', EvaluationSummaryDocument, { city, schemeId, year });
  const summary = q.data?.evaluation.summary;

  const option = useMemo(
    () => (summary ? classChart(summary, town, ownTown?.code) : undefined),
    [summary, town, ownTown],
  );
  const list = useMemo(
    () => (summary?.belowThreshold ?? []).filter((e) => town === undefined || e.town.name === town),
    [summary, town],
  );
  const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
  const shown = list.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);

  const choose = (next: string | undefined) => {
    setTown((current) => (current === next ? undefined : next));
    setPage(0);
  };

  if (q.isPending) return <Loading />;
  if (q.error) return <Failed error={q.error} />;
  const { evaluation } = q.data;
  return (
    <section aria-labelledby="evaluation-heading">
      <h2 id="evaluation-heading">{evaluation.scheme.name}</h2>
      <p className="muted" data-testid="class-totals">
        {CLASSES.map((c) => `${EVALUATION_CLASS_LABELS[c]} ${evaluation.summary.total[c]}家`).join(' · ')} ·{' '}
        {EVALUATION_CLASS_LABELS.T} {evaluation.summary.total.T}家
      </p>
      <h3>{UI.classChartHeading}</h3>
      <div className="toolbar">
        <button type="button" onClick={() => choose(undefined)} disabled={town === undefined} data-testid="all-towns">
          {UI.allTowns}
        </button>
        {town ? <span data-testid="town-filter">{UI.filteredBy(town)}</span> : null}
      </div>
      {option ? <Chart option={option} onClick={({ name }) => choose(name)} label={UI.classChartHeading} /> : null}
      <h3>{UI.cohortHeading}</h3>
      <Cohorts city={city} schemeId={schemeId} year={year} cohorts={evaluation.summary.byCohort} />
      <div className="split">
        <div>
          <h3>{UI.belowHeading}</h3>
          <table className="below" data-testid="below-table">
            <thead>
              <tr>
                <th>{UI.enterprise}</th>
                <th>{UI.town}</th>
                <th className="num">{UI.taxPerMu}</th>
              </tr>
            </thead>
            <tbody>
              {shown.length === 0 ? (
                <tr>
                  <td colSpan={3} className="muted">
                    {UI.noRows}
                  </td>
                </tr>
              ) : null}
              {shown.map((e) => (
                <tr
                  key={e.uscc}
                  data-uscc={e.uscc}
                  data-town={e.town.name}
                  className={
                    [e.uscc === uscc ? 'selected' : '', e.town.code === ownTown?.code ? 'own' : ''].join(' ').trim() ||
                    undefined
                  }
                >
                  <td>
                    <button type="button" className="link" onClick={() => setUscc(e.uscc)}>
                      {e.name}
                    </button>
                  </td>
                  <td>{e.town.name}</td>
                  <td className="num">
                    {e.value}
                    <small>{e.unit}</small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {UI.previous}
            </button>
            <span data-testid="page-info">{UI.page(page + 1, pages, list.length)}</span>
            <button
              type="button"
              disabled={page + 1 >= pages}
              onClick={() => setPage(page + 1)}
              data-testid="next-page"
            >
              {UI.next}
            </button>
          </div>
        </div>
        <EnterprisePanel
          city={city}
          schemeId={schemeId}
          year={year}
          uscc={uscc}
          cohorts={evaluation.summary.byCohort}
        />
      </div>
    </section>
  );
}
