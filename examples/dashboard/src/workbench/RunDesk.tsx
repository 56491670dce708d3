import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../api';
import { graphql } from '../gql';
import type { WorkbenchRunsQuery } from '../gql/graphql';
import { EVALUATION_RUN_STATUS, UI } from '../labels';
import { useGateway, useSession } from '../session';
import { Failed, Loading } from '../views/common';
import { downloadText, downloadWorkbook } from './download';
import { FieldRefusals, FormRefusals, type Refusal, refusalsOf } from './errors';
import { ResolveForm } from './ResolveForm';

const WorkbenchRunsDocument = graphql(`
  query WorkbenchRuns($city: ID!, $year: Int!) {
    evaluationRuns(city: $city, year: $year) {
      id
      year
      status
      scheme {
        id
        name
      }
      notice {
        from
        to
      }
      objections {
        id
        uscc
        category
        reason
        town {
          name
        }
        resolved
        resolution {
          outcome
          reason
        }
        classChanges {
          from
          to
        }
      }
    }
  }
`);

const StartRunDocument = graphql(`
  mutation StartRun($input: StartEvaluationRunInput!) {
    startEvaluationRun(input: $input) {
      __typename
      ... on EvaluationRunSuccess {
        run {
          id
        }
      }
      ... on ValidationError {
        message
        fieldErrors {
          field
          rule
          message
        }
      }
      ... on InvalidTransition {
        message
        rule
      }
      ... on NotAuthorised {
        message
      }
    }
  }
`);

const PublishRunDocument = graphql(`
  mutation PublishRun($input: PublishEvaluationRunInput!) {
    publishEvaluationRun(input: $input) {
      __typename
      ... on EvaluationRunSuccess {
        run {
          id
        }
      }
      ... on ValidationError {
        message
        fieldErrors {
          field
          rule
          message
        }
      }
      ... on InvalidTransition {
        message
        rule
      }
      ... on NotAuthorised {
        message
      }
    }
  }
`);

const FinalizeRunDocument = graphql(`
  mutation FinalizeRun($input: FinalizeEvaluationRunInput!) {
    finalizeEvaluationRun(input: $input) {
      __typename
      ... on EvaluationRunSuccess {
        run {
          id
        }
      }
      ... on ValidationError {
        message
        fieldErrors {
          field
          rule
          message
        }
      }
      ... on InvalidTransition {
        message
        rule
      }
      ... on NotAuthorised {
        message
      }
    }
  }
`);

const ResultsWorkbookDocument = graphql(`
  query ResultsWorkbook($id: ID!) {
    evaluationRun(id: $id) {
      resultsWorkbook
    }
  }
`);

const PolicyListCsvDocument = graphql(`
  query PolicyListCsv($id: ID!) {
    evaluationRun(id: $id) {
      policyListCsv
    }
  }
`);

type Run = WorkbenchRunsQuery['evaluationRuns'][number];

/** Today in 北京时间 (the 公示期's calendar), as YYYY-MM-DD, shifted by `days`. */
function chinaDate(days: number): string {
  const t = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  return t.toISOString().slice(0, 10);
}

/** 开始评价: a year and a scheme into a draft run. */
function StartRun({ city, year: defaultYear, schemeId }: { city: string; year: number; schemeId: string }) {
  const { token } = useSession();
  const client = useQueryClient();
  const w = UI.workbench;
  const [year, setYear] = useState(String(defaultYear));
  const [scheme, setScheme] = useState(schemeId);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [failure, setFailure] = useState<string | undefined>();
  const submit = async () => {
    setFailure(undefined);
    try {
      const data = await request(StartRunDocument, { input: { city, year: Number(year), schemeId: scheme } }, token);
      setRefusals(refusalsOf(data.startEvaluationRun));
      await client.invalidateQueries({ queryKey: ['workbenchRuns'] });
    } catch (e) {
      setFailure((e as Error).message);
    }
  };
  return (
    <section className="panel" data-testid="start-run">
      <h3>{w.runHeading}</h3>
      <label>
        {w.runYear} <input name="runYear" value={year} onChange={(e) => setYear(e.target.value)} size={6} />
        <FieldRefusals refusals={refusals} field="year" />
      </label>{' '}
      <label>
        {w.runScheme} <input name="schemeId" value={scheme} onChange={(e) => setScheme(e.target.value)} />
        <FieldRefusals refusals={refusals} field="schemeId" />
      </label>{' '}
      <button type="button" onClick={submit} data-testid="start-run-submit">
        {w.startRun}
      </button>
      <FormRefusals refusals={refusals} fields={['year', 'schemeId']} />
      {failure ? <p className="error">{failure}</p> : null}
    </section>
  );
}

/** One run: publish with a 公示 window (a draft), objections and their 复核, 定档, downloads. */
function RunPanel({ run }: { readonly run: Run }) {
  const { token } = useSession();
  const client = useQueryClient();
  const w = UI.workbench;
  const [from, setFrom] = useState(chinaDate(0));
  const [to, setTo] = useState(chinaDate(6));
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [failure, setFailure] = useState<string | undefined>();
  const refresh = () => client.invalidateQueries();
  const act = async (action: () => Promise<Refusal[]>) => {
    setFailure(undefined);
    try {
      setRefusals(await action());
      await refresh();
    } catch (e) {
      setFailure((e as Error).message);
    }
  };
  const publish = () =>
    act(async () =>
      refusalsOf(
        (await request(PublishRunDocument, { input: { runId: run.id, noticeFrom: from, noticeTo: to } }, token))
          .publishEvaluationRun,
      ),
    );
  const finalise = () =>
    act(async () =>
      refusalsOf((await request(FinalizeRunDocument, { input: { runId: run.id } }, token)).finalizeEvaluationRun),
    );
  const downloadResults = () =>
    act(async () => {
      const data = await request(ResultsWorkbookDocument, { id: run.id }, token);
      if (data.evaluationRun)
        downloadWorkbook(`评价结果-${run.year}-${run.id}.xlsx`, data.evaluationRun.resultsWorkbook);
      return [];
    });
  const downloadPolicies = () =>
    act(async () => {
      const data = await request(PolicyListCsvDocument, { id: run.id }, token);
      downloadText(`差别化政策名单-${run.year}-${run.id}.csv`, data.evaluationRun?.policyListCsv ?? '');
      return [];
    });
  return (
    <section className="panel run" data-run={run.id} data-status={run.status} data-testid="workbench-run">
      <h3>
        {run.scheme.name} <small data-testid="run-status">{EVALUATION_RUN_STATUS[run.status]}</small>
      </h3>
      {run.notice ? <p>{UI.noticeRange(run.notice.from, run.notice.to)}</p> : null}
      {run.status === 'DRAFT' ? (
        <div data-testid="publish-form">
          <h4>{w.publishHeading}</h4>
          <label>
            {w.noticeFrom}{' '}
            <input type="date" name="noticeFrom" value={from} onChange={(e) => setFrom(e.target.value)} />
            <FieldRefusals refusals={refusals} field="noticeFrom" />
          </label>{' '}
          <label>
            {w.noticeTo} <input type="date" name="noticeTo" value={to} onChange={(e) => setTo(e.target.value)} />
            <FieldRefusals refusals={refusals} field="noticeTo" />
          </label>{' '}
          <button type="button" onClick={publish} data-testid="publish-submit">
            {w.publish}
          </button>
        </div>
      ) : null}
      {run.status === 'PUBLIC_NOTICE' ? (
        <>
          <h4>{w.objectionsHeading}</h4>
          {run.objections.length === 0 ? <p className="muted">{UI.noObjections}</p> : null}
          {run.objections.map((o) => (
            <ResolveForm key={o.id} objection={o} year={run.year} onResolved={refresh} />
          ))}
          <button type="button" onClick={finalise} data-testid="finalise-submit">
            {w.finalise}
          </button>
        </>
      ) : null}
      {run.status === 'PUBLIC_NOTICE' || run.status === 'FINAL' ? (
        <p>
          <button type="button" onClick={downloadResults} data-testid="download-results">
            {w.downloadResults}
          </button>{' '}
          <button type="button" onClick={downloadPolicies} data-testid="download-policies">
            {w.downloadPolicies}
          </button>
        </p>
      ) : null}
      <FormRefusals refusals={refusals} fields={['noticeFrom', 'noticeTo']} />
      {failure ? (
        <p className="error" role="alert" data-testid="run-failure">
          {UI.failed}
          {failure}
        </p>
      ) : null}
    </section>
  );
}

/** The city admin's runs of the year: start, publish, resolve, finalise, download. */
export function RunDesk({ city, year, schemeId }: { city: string; year: number; schemeId: string }) {
  const runs = useGateway('workbenchRuns', WorkbenchRunsDocument, { city, year });
  return (
    <>
      <StartRun city={city} year={year} schemeId={schemeId} />
      {runs.isPending ? <Loading /> : null}
      {runs.error ? <Failed error={runs.error} /> : null}
      {runs.data?.evaluationRuns
        .filter((r) => r.status !== 'WITHDRAWN')
        .map((r) => (
          <RunPanel key={r.id} run={r} />
        ))}
    </>
  );
}
