import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../api';
import { graphql } from '../gql';
import type { NoticePageQuery, NoticeRunsQuery } from '../gql/graphql';
import { EVALUATION_RUN_STATUS, UI } from '../labels';
import { useGateway, useSession } from '../session';
import { Failed, Loading } from './common';

const NoticeRunsDocument = graphql(`
  query NoticeRuns($city: ID!, $year: Int!) {
    evaluationRuns(city: $city, year: $year) {
      id
      status
      year
      scheme {
        id
        name
      }
      notice {
        from
        to
      }
    }
  }
`);

const CohortNamesDocument = graphql(`
  query CohortNames($schemeId: ID!, $year: Int!) {
    evaluationScheme(schemeId: $schemeId, year: $year) {
      cohorts {
        key
        name
      }
    }
  }
`);

/** One page of a run's results: names, towns, cohorts and classes only — no figure, score or rank. */
const NoticePageDocument = graphql(`
  query NoticePage($id: ID!, $after: String) {
    evaluationRun(id: $id) {
      results(first: 100, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            uscc
            name
            cohort
            classLabel
            town {
              name
            }
          }
        }
      }
    }
  }
`);

type Run = NoticeRunsQuery['evaluationRuns'][number];
interface NoticeRow {
  readonly uscc: string;
  readonly name: string;
  readonly town: string;
  readonly cohort: string | null | undefined;
  readonly classLabel: string | null | undefined;
}

/** Every result of a run, page by page (the gateway's pages hold at most 100). */
async function allRows(id: string, token: string | undefined): Promise<NoticeRow[]> {
  const rows: NoticeRow[] = [];
  let after: string | null | undefined = null;
  for (;;) {
    const page: NoticePageQuery = await request(NoticePageDocument, { id, after }, token);
    const results = page.evaluationRun?.results;
    if (!results) return rows;
    for (const e of results.edges) {
      const n = e.node;
      rows.push({ uscc: n.uscc, name: n.name, town: n.town.name, cohort: n.cohort, classLabel: n.classLabel });
    }
    if (!results.pageInfo.hasNextPage) return rows;
    after = results.pageInfo.endCursor;
  }
}

function NoticeList({ run }: { readonly run: Run }) {
  const { token } = useSession();
  const q = useQuery({ queryKey: ['notice', run.id, token], queryFn: () => allRows(run.id, token) });
  // Cohort names are published scheme data.
  const scheme = useGateway('cohort-names', CohortNamesDocument, { schemeId: run.scheme.id, year: run.year });
  const cohortName = (key: string | null | undefined) =>
    key ? (scheme.data?.evaluationScheme.cohorts.find((c) => c.key === key)?.name ?? key) : '—';
  if (q.isPending) return <Loading />;
  if (q.error) return <Failed error={q.error} />;
  return (
    <>
      <p data-testid="notice-window">
        {run.scheme.name} · {EVALUATION_RUN_STATUS[run.status]}
        {run.notice ? ` · ${UI.noticeSpan(run.notice.from, run.notice.to)}` : ''}
      </p>
      <table data-testid="notice-table">
        <thead>
          <tr>
            <th className="num">{UI.noticeSeq}</th>
            <th>{UI.noticeName}</th>
            <th>{UI.noticeUscc}</th>
            <th>{UI.noticeTown}</th>
            <th>{UI.cohort}</th>
            <th>{UI.noticeClass}</th>
          </tr>
        </thead>
        <tbody>
          {q.data.map((r, i) => (
            <tr key={r.uscc} data-uscc={r.uscc}>
              <td className="num">{i + 1}</td>
              <td>{r.name}</td>
              <td>{r.uscc}</td>
              <td>{r.town}</td>
              <td>{cohortName(r.cohort)}</td>
              <td data-testid="notice-class">{r.classLabel ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * 公示名单: the classes of a published run (公示中 or 已定档) as the county
 * posts them — names, USCC, towns, cohorts and classes, no figure, score or
 * rank — printable.
 */
export function Notice({ city, year }: { readonly city: string; readonly year: number }) {
  const runs = useGateway('notice-runs', NoticeRunsDocument, { city, year });
  const published = (runs.data?.evaluationRuns ?? []).filter(
    (r) => r.status === 'PUBLIC_NOTICE' || r.status === 'FINAL',
  );
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const run = published.find((r) => r.id === chosen) ?? published[0];
  return (
    <section className="supervision" aria-labelledby="notice-heading">
      <div className="toolbar">
        {published.length > 1 ? (
          <select value={run?.id} onChange={(e) => setChosen(e.target.value)} data-testid="notice-run">
            {published.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} · {EVALUATION_RUN_STATUS[r.status]}
              </option>
            ))}
          </select>
        ) : null}
        <button type="button" onClick={() => window.print()}>
          {UI.print}
        </button>
      </div>
      <h2 id="notice-heading">
        {UI.city}
        {UI.noticeTitle(year)}
      </h2>
      {runs.isPending ? (
        <Loading />
      ) : runs.error ? (
        <Failed error={runs.error} />
      ) : run ? (
        <NoticeList run={run} />
      ) : (
        <p className="muted">{UI.noticeNone}</p>
      )}
    </section>
  );
}
