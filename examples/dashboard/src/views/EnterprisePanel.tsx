import { graphql } from '../gql';
import type { EvaluationStatus, EvaluationSummaryQuery } from '../gql/graphql';
import { EVALUATION_STATUS, UI } from '../labels';
import { useGateway } from '../session';
import { Failed, Loading } from './common';

const EnterpriseResultDocument = graphql(`
  query EnterpriseResult($city: ID!, $schemeId: ID!, $year: Int!, $uscc: ID!) {
    evaluation(city: $city, schemeId: $schemeId, year: $year) {
      results(uscc: $uscc, first: 1) {
        edges {
          node {
            uscc
            name
            town {
              name
            }
            industry
            cohort
            status
            class
            classLabel
            totalReported
            rank
            rankedCount
            percentileReported
            indicators {
              indicator
              label
              unit
              weight
              reportedValue
              reportedBenchmark
              reportedPartialScore
              capped
              missing
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

type Cohort = EvaluationSummaryQuery['evaluation']['summary']['byCohort'][number];

/** One firm's result as the panel shows it: from the live evaluation or from a published run. */
export interface PanelResult {
  readonly uscc: string;
  readonly name: string;
  readonly town: { readonly name: string };
  readonly cohort?: string | null;
  readonly status?: EvaluationStatus | null;
  readonly classLabel?: string | null;
  readonly totalReported?: string | null;
  readonly rank?: number | null;
  readonly rankedCount?: number | null;
  readonly percentile?: string | null;
  /** False when the firm's figures are not shown to this reader (run-policy.ts). */
  readonly figuresShown: boolean;
  readonly indicators?:
    | readonly {
        readonly indicator: string;
        readonly label: string;
        readonly unit: string;
        readonly weight?: string | null;
        readonly reportedValue?: string | null;
        readonly reportedBenchmark?: string | null;
        readonly reportedPartialScore: string;
        readonly capped: boolean;
      }[]
    | null;
  readonly reasons?: readonly { readonly code: string; readonly message: string }[] | null;
}

interface PanelProps {
  readonly city: string;
  readonly schemeId: string;
  readonly year: number;
  readonly uscc: string | undefined;
  readonly cohorts: readonly Cohort[];
}

/** 企业评价详情 of the live evaluation (a city admin): how one enterprise's score came about, as the API explains it. */
export function EnterprisePanel({ city, schemeId, year, uscc, cohorts }: PanelProps) {
  return (
    <aside className="panel" aria-labelledby="panel-heading" data-testid="enterprise-panel">
      <h3 id="panel-heading">{UI.panelHeading}</h3>
      {uscc ? (
        <LiveBody city={city} schemeId={schemeId} year={year} uscc={uscc} cohorts={cohorts} />
      ) : (
        <p className="muted">{UI.panelHint}</p>
      )}
    </aside>
  );
}

/** 企业评价详情 of a published run: the run's result row, as the gateway shows it to this reader. */
export function RunEnterprisePanel({
  result,
  cohorts,
}: {
  readonly result: PanelResult | undefined;
  readonly cohorts: readonly Cohort[];
}) {
  return (
    <aside className="panel" aria-labelledby="panel-heading" data-testid="enterprise-panel">
      <h3 id="panel-heading">{UI.panelHeading}</h3>
      {result ? <ResultBody r={result} cohorts={cohorts} /> : <p className="muted">{UI.panelHint}</p>}
    </aside>
  );
}

function LiveBody({ city, schemeId, year, uscc, cohorts }: PanelProps & { readonly uscc: string }) {
  const q = useGateway('enterprise-result', EnterpriseResultDocument, { city, schemeId, year, uscc });
  if (q.isPending) return <Loading />;
  if (q.error) return <Failed error={q.error} />;
  const r = q.data.evaluation.results.edges[0]?.node;
  if (!r) return <p className="muted">{UI.noResult}</p>;
  return <ResultBody r={{ ...r, percentile: r.percentileReported, figuresShown: true }} cohorts={cohorts} />;
}

function ResultBody({ r, cohorts }: { readonly r: PanelResult; readonly cohorts: readonly Cohort[] }) {
  const cohortName = cohorts.find((c) => c.key === r.cohort)?.name ?? r.cohort ?? '—';
  return (
    <div data-uscc={r.uscc}>
      <p>
        <strong>{r.name}</strong>
        <br />
        <span className="muted">
          {r.uscc} · {r.town.name} · {cohortName}
        </span>
      </p>
      {r.figuresShown ? null : (
        <p className="muted" data-testid="panel-hidden">
          {UI.figuresHidden}
        </p>
      )}
      <dl className="facts">
        <dt>{UI.total}</dt>
        <dd data-testid="panel-total">{r.totalReported ?? '—'}</dd>
        <dt>{UI.rank}</dt>
        <dd>{r.rank == null ? '—' : `${r.rank}/${r.rankedCount}`}</dd>
        <dt>{UI.percentile}</dt>
        <dd>{r.percentile ?? '—'}</dd>
        <dt>{UI.class}</dt>
        <dd data-testid="panel-class">{r.classLabel ?? '—'}</dd>
        <dt>{UI.status}</dt>
        <dd>{r.status ? EVALUATION_STATUS[r.status] : '—'}</dd>
      </dl>
      <table className="indicators">
        <thead>
          <tr>
            <th>{UI.indicator}</th>
            <th className="num">{UI.value}</th>
            <th className="num">{UI.benchmark}</th>
            <th className="num">{UI.weight}</th>
            <th className="num">{UI.partialScore}</th>
          </tr>
        </thead>
        <tbody>
          {(r.indicators ?? []).map((i) => (
            <tr key={i.indicator}>
              <td>
                {i.label}
                {i.unit ? <small className="muted">（{i.unit}）</small> : null}
              </td>
              <td className="num">{i.reportedValue ?? '—'}</td>
              <td className="num">{i.reportedBenchmark ?? '—'}</td>
              <td className="num">{i.weight}</td>
              <td className="num">
                {i.reportedPartialScore}
                {i.capped ? <span className="badge">{UI.capped}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{UI.reasons}</h4>
      <ul className="reasons">
        {(r.reasons ?? []).map((reason) => (
          <li key={reason.code}>{reason.message}</li>
        ))}
      </ul>
    </div>
  );
}
