import { useQueries } from '@tanstack/react-query';
import { request } from '../api';
import { chinaDay } from '../format';
import { graphql } from '../gql';
import type { EvaluationRunsQuery } from '../gql/graphql';
import { EVALUATION_CLASS_LABELS, EVALUATION_RUN_STATUS, OBJECTION_CATEGORY, OBJECTION_OUTCOME, UI } from '../labels';
import { useGateway, useSession } from '../session';
import { Failed, Loading } from './common';

const EvaluationRunsDocument = graphql(`
  query EvaluationRuns($city: ID!, $year: Int!) {
    evaluationRuns(city: $city, year: $year) {
      id
      year
      status
      createdAt
      scheme {
        id
        name
      }
      notice {
        from
        to
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
      }
      objections {
        id
        uscc
        category
        filedAt
        town {
          code
          name
        }
        resolved
        resolution {
          outcome
        }
      }
    }
  }
`);

const EnterpriseNameDocument = graphql(`
  query EnterpriseName($uscc: ID!) {
    enterprise(uscc: $uscc) {
      name
    }
  }
`);

type Run = EvaluationRunsQuery['evaluationRuns'][number];
type Objection = Run['objections'][number];

const CLASSES = ['A', 'B', 'C', 'D', 'T'] as const;

/**
 * The objections of a run as the gateway lets the principal see them (all to
 * the city's admins, a town's own to its operators, none to others): the
 * table shows what came back, so the role switch changes it.
 */
function Objections({ objections }: { readonly objections: readonly Objection[] }) {
  const { token, ownTown } = useSession();
  const usccs = [...new Set(objections.map((o) => o.uscc))];
  const names = useQueries({
    queries: usccs.map((uscc) => ({
      queryKey: ['enterprise-name', uscc, token],
      queryFn: () => request(EnterpriseNameDocument, { uscc }, token),
    })),
  });
  const nameOf = new Map(usccs.map((uscc, i) => [uscc, names[i]?.data?.enterprise?.name]));
  if (objections.length === 0) return <p className="muted">{UI.noObjections}</p>;
  return (
    <table data-testid="objection-table">
      <thead>
        <tr>
          <th>{UI.objectionCategory}</th>
          <th>{UI.town}</th>
          <th>{UI.enterprise}</th>
          <th>{UI.filedAt}</th>
          <th>{UI.objectionStatus}</th>
        </tr>
      </thead>
      <tbody>
        {objections.map((o) => (
          <tr
            key={o.id}
            data-objection={o.id}
            data-town={o.town.name}
            className={o.town.code === ownTown?.code ? 'own' : undefined}
          >
            <td>{OBJECTION_CATEGORY[o.category]}</td>
            <td>{o.town.name}</td>
            <td>
              {nameOf.get(o.uscc) ?? ''} <span className="muted">{o.uscc}</span>
            </td>
            <td>{chinaDay(o.filedAt)}</td>
            <td data-testid="objection-status">
              {o.resolution ? OBJECTION_OUTCOME[o.resolution.outcome] : UI.objectionOpen}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RunCard({ run }: { readonly run: Run }) {
  const total = run.summary.total;
  return (
    <section className="panel run" data-run={run.id} data-status={run.status}>
      <h3>{run.scheme.name}</h3>
      <dl className="facts">
        <dt>{UI.runStatus}</dt>
        <dd data-testid="run-status">{EVALUATION_RUN_STATUS[run.status]}</dd>
        <dt>{UI.noticeWindow}</dt>
        <dd data-testid="run-notice">{run.notice ? UI.noticeRange(run.notice.from, run.notice.to) : UI.noNotice}</dd>
        <dt>{UI.createdAt}</dt>
        <dd>{chinaDay(run.createdAt)}</dd>
      </dl>
      <table className="class-counts" data-testid="run-classes">
        <thead>
          <tr>
            {CLASSES.map((c) => (
              <th key={c} className="num">
                {EVALUATION_CLASS_LABELS[c]}
              </th>
            ))}
            <th className="num">{UI.unclassified}</th>
            <th className="num">{UI.runTotal}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            {CLASSES.map((c) => (
              <td key={c} className="num" data-class={c}>
                {total[c]}
              </td>
            ))}
            <td className="num">{total.none}</td>
            <td className="num">{total.total}</td>
          </tr>
        </tbody>
      </table>
      <h4>{UI.objectionsHeading(run.objections.length)}</h4>
      <Objections objections={run.objections} />
    </section>
  );
}

/** 评价批次: the city's evaluation runs of the year — status, 公示期, class counts and objections. */
export function Runs({ city, year }: { readonly city: string; readonly year: number }) {
  const runs = useGateway('evaluationRuns', EvaluationRunsDocument, { city, year });
  if (runs.isPending) return <Loading />;
  if (runs.error) return <Failed error={runs.error} />;
  return (
    <>
      <h2>{UI.runsHeading(year)}</h2>
      {runs.data.evaluationRuns.length === 0 ? <p className="muted">{UI.noRuns}</p> : null}
      {runs.data.evaluationRuns.map((run) => (
        <RunCard key={run.id} run={run} />
      ))}
    </>
  );
}
