import { useQueries } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { request } from '../api';
import { Chart, type ChartOption } from '../Chart';
import { trimZeros } from '../format';
import { graphql } from '../gql';
import type { EvaluationSummaryQuery } from '../gql/graphql';
import { EVALUATION_CLASS_LABELS, EVALUATION_RUN_STATUS, UI } from '../labels';
import { useGateway, useSession } from '../session';
import { Failed, Loading } from './common';
import { EnterprisePanel, RunEnterprisePanel } from './EnterprisePanel';

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

/** The year's runs: a reader other than the city admin is shown the newest published (公示中 or 已定档) one. */
export const EvaluationRunListDocument = graphql(`
  query EvaluationRunList($city: ID!, $year: Int!) {
    evaluationRuns(city: $city, year: $year) {
      id
      status
      scheme {
        id
      }
    }
  }
`);

const RunSummaryDocument = graphql(`
  query RunSummary($id: ID!) {
    evaluationRun(id: $id) {
      id
      status
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
      }
      cohorts {
        id
        ranked
        benchmarks {
          indicator
          reported
        }
      }
    }
  }
`);

/** One page of a run's results with what the panel shows; figures the reader may not see come back null. */
const RunResultsDocument = graphql(`
  query RunResults($id: ID!, $town: ID, $first: Int!, $after: String) {
    evaluationRun(id: $id) {
      results(town: $town, first: $first, after: $after, orderBy: RANK) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            uscc
            name
            town {
              code
              name
            }
            cohort
            status
            classLabel
            figuresShown
            totalReported
            rank
            rankedCount
            percentile(places: 2)
            indicators {
              indicator
              label
              unit
              weight
              reportedValue
              reportedPartialScore
              capped
            }
            reasons {
              code
              message
            }
          }
        }
      }
    }
  }
`);

type Summary = EvaluationSummaryQuery['evaluation']['summary'];
type Cohort = Summary['byCohort'][number];
/** What the chart and the cohort table need: the live summary and a run's have the same shape. */
type Counts = Pick<Summary, 'total' | 'byCohort' | 'byTown'>;
/** A cohort's 参评企业 and benchmarks derived from the firms, when known. */
interface CohortDetail {
  readonly ranked: number | null | undefined;
  readonly benchmark: (indicator: string) => string | null | undefined;
}

const CLASSES = ['A', 'B', 'C', 'D'] as const;
const CLASS_COLOURS = { A: '#2e7d32', B: '#1e88e5', C: '#f9a825', D: '#c62828' } as const;
const PAGE_SIZE = 15;

function classChart(summary: Counts, selected: string | undefined, ownTown: string | undefined): ChartOption {
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

/** The live evaluation's 参评企业 and derived benchmarks per cohort: one query per cohort (city admin only). */
function useLiveCohortDetails(city: string, schemeId: string, year: number, cohorts: readonly Cohort[]) {
  const { token } = useSession();
  const benchmarks = useQueries({
    queries: cohorts.map((c) => ({
      queryKey: ['cohort', city, schemeId, year, c.key, token],
      queryFn: () => request(CohortBenchmarksDocument, { city, schemeId, year, cohort: c.key }, token),
    })),
  });
  return (key: string, i: number): CohortDetail | undefined => {
    const node = benchmarks[i]?.data?.evaluation.results.edges[0]?.node;
    if (!node || cohorts[i]?.key !== key) return undefined;
    return {
      ranked: node.rankedCount,
      benchmark: (indicator) => node.indicators?.find((x) => x.indicator === indicator)?.reportedBenchmark,
    };
  };
}

function Cohorts({
  schemeId,
  year,
  cohorts,
  detail,
}: {
  schemeId: string;
  year: number;
  cohorts: readonly Cohort[];
  detail: (key: string, index: number) => CohortDetail | undefined;
}) {
  // Weights, fixed benchmarks and the method are published scheme data: everyone reads them.
  const scheme = useGateway('published-scheme', PublishedSchemeDocument, { schemeId, year });
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
        {cohorts.map((c, i) => {
          const node = detail(c.key, i);
          const published = scheme.data?.evaluationScheme.cohorts.find((p) => p.key === c.key);
          return (
            <tr key={c.key} data-cohort={c.key}>
              <td>{c.name ?? c.key}</td>
              <td className="num">{node?.ranked ?? '…'}</td>
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
                      const derived = node?.benchmark(ind.indicator);
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

/** Rated cohorts (not the unrated '-'). */
const rated = (cohorts: readonly Cohort[]) => cohorts.filter((c) => c.key !== '-');

/** The class totals, the class chart by town (click a town to filter) and the cohort table: live or a run's. */
function Overview({
  source,
  title,
  counts,
  town,
  choose,
  cohorts,
}: {
  source: string;
  title: string;
  counts: Counts;
  town: string | undefined;
  choose: (town: string | undefined) => void;
  cohorts: ReactNode;
}) {
  const { ownTown } = useSession();
  const option = useMemo(() => classChart(counts, town, ownTown?.code), [counts, town, ownTown]);
  return (
    <>
      <h2 id="evaluation-heading">{title}</h2>
      <p className="source" data-testid="evaluation-source">
        {source}
      </p>
      <p className="muted" data-testid="class-totals">
        {CLASSES.map((c) => `${EVALUATION_CLASS_LABELS[c]} ${counts.total[c]}家`).join(' · ')} ·{' '}
        {EVALUATION_CLASS_LABELS.T} {counts.total.T}家
      </p>
      <h3>{UI.classChartHeading}</h3>
      <div className="toolbar">
        <button type="button" onClick={() => choose(undefined)} disabled={town === undefined} data-testid="all-towns">
          {UI.allTowns}
        </button>
        {town ? <span data-testid="town-filter">{UI.filteredBy(town)}</span> : null}
      </div>
      <Chart option={option} onClick={({ name }) => choose(name)} label={UI.classChartHeading} />
      <h3>{UI.cohortHeading}</h3>
      {cohorts}
    </>
  );
}

function Pager({ page, pages, rows, go }: { page: number; pages: number; rows: number; go: (page: number) => void }) {
  return (
    <div className="pager">
      <button type="button" disabled={page === 0} onClick={() => go(page - 1)}>
        {UI.previous}
      </button>
      <span data-testid="page-info">{UI.page(page + 1, pages, rows)}</span>
      <button type="button" disabled={page + 1 >= pages} onClick={() => go(page + 1)} data-testid="next-page">
        {UI.next}
      </button>
    </div>
  );
}

/** The town filter: a town operator starts on its own firms (it may clear the filter to see the city). */
function useTownFilter(onChange: () => void) {
  const { ownTown } = useSession();
  const [town, setTown] = useState<string | undefined>(ownTown?.name);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the session's town changes
  useEffect(() => {
    if (ownTown) {
      setTown(ownTown.name);
      onChange();
    }
  }, [ownTown]);
  const choose = (next: string | undefined) => {
    setTown((current) => (current === next ? undefined : next));
    onChange();
  };
  return [town, choose] as const;
}

/**
 * 亩均评价. The live evaluation of current data is the city admin's alone
 * (graphql run-policy.ts); everyone else is shown the year's newest published
 * run (公示中 or 已定档). The view says which it shows.
 */
export function Evaluation({ city, schemeId, year }: { city: string; schemeId: string; year: number }) {
  const { me, token, tokenError } = useSession();
  if (token && !me && !tokenError) return <Loading />;
  return (
    <section aria-labelledby="evaluation-heading">
      {me?.role === 'CITY_ADMIN' ? (
        <LiveEvaluation city={city} schemeId={schemeId} year={year} />
      ) : (
        <PublishedEvaluation city={city} schemeId={schemeId} year={year} />
      )}
    </section>
  );
}

function LiveEvaluation({ city, schemeId, year }: { city: string; schemeId: string; year: number }) {
  const { ownTown } = useSession();
  const [page, setPage] = useState(0);
  const [uscc, setUscc] = useState<string | undefined>(undefined);
  const [town, choose] = useTownFilter(() => setPage(0));
  const q = useGateway('evaluation', EvaluationSummaryDocument, { city, schemeId, year });
  const summary = q.data?.evaluation.summary;
  const cohorts = useMemo(() => rated(summary?.byCohort ?? []), [summary]);
  const detail = useLiveCohortDetails(city, schemeId, year, cohorts);

  const list = useMemo(
    () => (summary?.belowThreshold ?? []).filter((e) => town === undefined || e.town.name === town),
    [summary, town],
  );
  const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
  const shown = list.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);

  if (q.isPending) return <Loading />;
  if (q.error) return <Failed error={q.error} />;
  const { evaluation } = q.data;
  return (
    <>
      <Overview
        source={UI.sourceLive}
        title={evaluation.scheme.name}
        counts={evaluation.summary}
        town={town}
        choose={choose}
        cohorts={<Cohorts schemeId={schemeId} year={year} cohorts={cohorts} detail={detail} />}
      />
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
                  className={rowClass(e.uscc === uscc, e.town.code === ownTown?.code)}
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
          <Pager page={page} pages={pages} rows={list.length} go={setPage} />
        </div>
        <EnterprisePanel
          city={city}
          schemeId={schemeId}
          year={year}
          uscc={uscc}
          cohorts={evaluation.summary.byCohort}
        />
      </div>
    </>
  );
}

function rowClass(selected: boolean, own: boolean): string | undefined {
  return [selected ? 'selected' : '', own ? 'own' : ''].join(' ').trim() || undefined;
}

function PublishedEvaluation({ city, schemeId, year }: { city: string; schemeId: string; year: number }) {
  const runs = useGateway('evaluation-runs', EvaluationRunListDocument, { city, year });
  if (runs.isPending) return <Loading />;
  if (runs.error) return <Failed error={runs.error} />;
  // Newest first: the newest published run of this scheme.
  const run = runs.data.evaluationRuns.find(
    (r) => r.scheme.id === schemeId && (r.status === 'PUBLIC_NOTICE' || r.status === 'FINAL'),
  );
  if (!run) {
    return (
      <>
        <h2 id="evaluation-heading">{UI.cohortHeading}</h2>
        <p className="source" data-testid="evaluation-source">
          {UI.sourceNone}
        </p>
        <Cohorts schemeId={schemeId} year={year} cohorts={[]} detail={() => undefined} />
      </>
    );
  }
  return <RunEvaluation key={run.id} runId={run.id} schemeId={schemeId} year={year} />;
}

function RunEvaluation({ runId, schemeId, year }: { runId: string; schemeId: string; year: number }) {
  const { ownTown } = useSession();
  // Cursors of the pages seen so far: page i starts after cursors[i].
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState(0);
  const [uscc, setUscc] = useState<string | undefined>(undefined);
  const [town, choose] = useTownFilter(() => {
    setCursors([null]);
    setPage(0);
  });
  const q = useGateway('run-summary', RunSummaryDocument, { id: runId });
  const run = q.data?.evaluationRun;
  const townCode = run?.summary.byTown.find((t) => t.town.name === town)?.town.code;
  const results = useGateway('run-results', RunResultsDocument, {
    id: runId,
    town: town === undefined ? null : (townCode ?? town),
    first: PAGE_SIZE,
    after: cursors[page] ?? null,
  });
  const cohorts = useMemo(() => rated(run?.summary.byCohort ?? []), [run]);
  const detail = (key: string): CohortDetail | undefined => {
    const c = run?.cohorts.find((x) => x.id === key);
    return c
      ? { ranked: c.ranked, benchmark: (i) => c.benchmarks.find((b) => b.indicator === i)?.reported }
      : undefined;
  };

  if (q.isPending) return <Loading />;
  if (q.error) return <Failed error={q.error} />;
  if (!run) return <p className="muted">{UI.noticeNone}</p>;
  const connection = results.data?.evaluationRun?.results;
  const rows = connection?.edges.map((e) => e.node) ?? [];
  const total = connection?.totalCount ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const go = (next: number) => {
    const end = connection?.pageInfo.endCursor;
    if (next > page && next >= cursors.length && end) setCursors([...cursors, end]);
    setPage(next);
  };
  return (
    <>
      <Overview
        source={UI.sourceRun(run.id, EVALUATION_RUN_STATUS[run.status])}
        title={run.scheme.name}
        counts={run.summary}
        town={town}
        choose={choose}
        cohorts={<Cohorts schemeId={schemeId} year={year} cohorts={cohorts} detail={detail} />}
      />
      <div className="split">
        <div>
          <h3>{UI.resultsHeading}</h3>
          {results.error ? <Failed error={results.error} /> : null}
          <table className="below" data-testid="below-table">
            <thead>
              <tr>
                <th>{UI.enterprise}</th>
                <th>{UI.town}</th>
                <th>{UI.class}</th>
              </tr>
            </thead>
            <tbody>
              {results.isPending ? (
                <tr>
                  <td colSpan={3} className="muted">
                    {UI.loading}
                  </td>
                </tr>
              ) : rows.length === 0 ? (
                <tr>
                  <td colSpan={3} className="muted">
                    {UI.noRows}
                  </td>
                </tr>
              ) : null}
              {rows.map((r) => (
                <tr
                  key={r.uscc}
                  data-uscc={r.uscc}
                  data-town={r.town.name}
                  className={rowClass(r.uscc === uscc, r.town.code === ownTown?.code)}
                >
                  <td>
                    <button type="button" className="link" onClick={() => setUscc(r.uscc)}>
                      {r.name}
                    </button>
                  </td>
                  <td>{r.town.name}</td>
                  <td>{r.classLabel ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pages={pages} rows={total} go={go} />
        </div>
        <RunEnterprisePanel result={rows.find((r) => r.uscc === uscc)} cohorts={run.summary.byCohort} />
      </div>
    </>
  );
}
