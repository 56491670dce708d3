import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../api';
import { graphql } from '../gql';
import type { ObjectionCategory, TownRunQuery } from '../gql/graphql';
import { EVALUATION_RUN_STATUS, OBJECTION_CATEGORY, OBJECTION_OUTCOME, UI } from '../labels';
import { useGateway, useSession } from '../session';
import { Failed, Loading } from '../views/common';
import { FieldRefusals, FormRefusals, type Refusal, refusalsOf } from './errors';

const TownRunDocument = graphql(`
  query TownRun($city: ID!, $year: Int!, $town: ID!) {
    evaluationRuns(city: $city, year: $year) {
      id
      status
      scheme {
        name
      }
      notice {
        from
        to
      }
      results(town: $town, first: 100) {
        edges {
          node {
            uscc
            name
            class
          }
        }
      }
      objections {
        id
        uscc
        category
        reason
        resolved
        resolution {
          outcome
          reason
        }
      }
    }
  }
`);

const FileObjectionDocument = graphql(`
  mutation FileObjection($input: FileObjectionInput!) {
    fileObjection(input: $input) {
      __typename
      ... on ObjectionSuccess {
        objection {
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

type Run = TownRunQuery['evaluationRuns'][number];

/** 提出异议 for one firm: a category and a reason; the values stay when the gateway refuses. */
function ObjectionForm({ runId, uscc }: { readonly runId: string; readonly uscc: string }) {
  const { token } = useSession();
  const client = useQueryClient();
  const w = UI.workbench;
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<ObjectionCategory>('DATA_ERROR');
  const [reason, setReason] = useState('');
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [failure, setFailure] = useState<string | undefined>();
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="objection-open">
        {w.fileObjection}
      </button>
    );
  }
  const submit = async () => {
    setFailure(undefined);
    try {
      const result = (await request(FileObjectionDocument, { input: { runId, uscc, category, reason } }, token))
        .fileObjection;
      const found = refusalsOf(result);
      setRefusals(found);
      if (result.__typename === 'ObjectionSuccess') {
        setOpen(false);
        setReason('');
        await client.invalidateQueries({ queryKey: ['townRun'] });
      }
    } catch (e) {
      setFailure((e as Error).message);
    }
  };
  return (
    <form
      data-testid="objection-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <select name="category" value={category} onChange={(e) => setCategory(e.target.value as ObjectionCategory)}>
        {(Object.keys(OBJECTION_CATEGORY) as ObjectionCategory[]).map((k) => (
          <option key={k} value={k}>
            {OBJECTION_CATEGORY[k]}
          </option>
        ))}
      </select>{' '}
      <input name="reason" placeholder={w.reason} value={reason} onChange={(e) => setReason(e.target.value)} />
      <FieldRefusals refusals={refusals} field="reason" />{' '}
      <button type="submit" data-testid="objection-submit">
        {w.submitObjection}
      </button>
      <FormRefusals refusals={refusals} fields={['reason']} />
      {failure ? <p className="error">{failure}</p> : null}
    </form>
  );
}

function TownRun({ run }: { readonly run: Run }) {
  const w = UI.workbench;
  const names = new Map(run.results.edges.map((e) => [e.node.uscc, e.node.name]));
  return (
    <section className="panel" data-run={run.id} data-status={run.status} data-testid="town-run">
      <h3>
        {run.scheme.name} <small>{EVALUATION_RUN_STATUS[run.status]}</small>
      </h3>
      {run.notice ? <p>{UI.noticeRange(run.notice.from, run.notice.to)}</p> : null}
      <h4>{w.myObjections}</h4>
      {run.objections.length === 0 ? <p className="muted">{UI.noObjections}</p> : null}
      <ul>
        {run.objections.map((o) => (
          <li key={o.id} data-testid="my-objection" data-uscc={o.uscc}>
            {names.get(o.uscc) ?? o.uscc} · {OBJECTION_CATEGORY[o.category]}：{o.reason} ·{' '}
            <span data-testid="objection-state">
              {o.resolution
                ? `${w.resolvedAs(OBJECTION_OUTCOME[o.resolution.outcome])}（${o.resolution.reason}）`
                : UI.objectionOpen}
            </span>
          </li>
        ))}
      </ul>
      <table data-testid="town-firms">
        <thead>
          <tr>
            <th>{UI.enterprise}</th>
            <th>{UI.workbench.category}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {run.results.edges.map(({ node }) => (
            <tr key={node.uscc} data-uscc={node.uscc}>
              <td>
                {node.name} <span className="muted">{node.uscc}</span>
              </td>
              <td data-testid="firm-class">{node.class ?? '—'}</td>
              <td>{run.status === 'PUBLIC_NOTICE' ? <ObjectionForm runId={run.id} uscc={node.uscc} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The town operator's desk: its town's firms with their published classes, objections filed and their state. */
export function TownDesk({ city, year, town }: { city: string; year: number; town: { code: string; name: string } }) {
  const runs = useGateway('townRun', TownRunDocument, { city, year, town: town.code });
  if (runs.isPending) return <Loading />;
  if (runs.error) return <Failed error={runs.error} />;
  const published = runs.data.evaluationRuns.filter((r) => r.status === 'PUBLIC_NOTICE' || r.status === 'FINAL');
  return (
    <>
      <h2>{UI.workbench.townHeading(town.name)}</h2>
      {published.length === 0 ? <p className="muted">{UI.workbench.noPublishedRun}</p> : null}
      {published.map((r) => (
        <TownRun key={r.id} run={r} />
      ))}
    </>
  );
}
