import { graphql } from '../gql';
import type { GrantPhase, GrantVerdict, LandGrantsQuery } from '../gql/graphql';
import { GRANT_PHASE, GRANT_VERDICT, UI } from '../labels';
import { useGateway } from '../session';
import { Failed, Loading } from './common';

const LandGrantsDocument = graphql(`
  query LandGrants($city: ID!, $year: Int!) {
    landGrants(city: $city) {
      id
      parcelName
      town {
        code
        name
      }
      area {
        mu
      }
      resupply
      phase
      compliance(year: $year) {
        verdict
      }
    }
  }
`);

type Grant = LandGrantsQuery['landGrants'][number];

const PHASES: readonly GrantPhase[] = ['LISTED', 'GRANTED', 'UNDER_CONSTRUCTION', 'COMPLETED', 'IN_PRODUCTION'];
const VERDICTS: readonly GrantVerdict[] = ['COMPLIANT', 'SHORTFALL', 'INCOMPLETE', 'NOT_DUE'];

/** A grant's verdict, or `hidden` when the gateway does not show its grantee's figures to this role. */
const verdictOf = (g: Grant): GrantVerdict | 'hidden' => g.compliance?.verdict ?? 'hidden';

/**
 * 标准地: the city's grants by phase and by the verdict of the year's check. A verdict
 * reads the grantee's figures, so it shows only where the gateway shows them (the
 * city's admins, the grantee's town): other roles see the grants and a "not shown" count.
 */
export function Grants({ city, year }: { readonly city: string; readonly year: number }) {
  const grants = useGateway('landGrants', LandGrantsDocument, { city, year });
  if (grants.isPending) return <Loading />;
  if (grants.isError) return <Failed error={grants.error} />;
  const list = grants.data.landGrants;
  if (list.length === 0) return <p className="muted">{UI.noGrants}</p>;
  const columns = [...VERDICTS, 'hidden'] as const;
  const count = (phase: GrantPhase, verdict: GrantVerdict | 'hidden') =>
    list.filter((g) => g.phase === phase && verdictOf(g) === verdict).length;
  return (
    <section className="panel">
      <h2>{UI.grantsHeading(year)}</h2>
      <table data-testid="grant-matrix">
        <thead>
          <tr>
            <th>{UI.grantPhase}</th>
            {columns.map((v) => (
              <th key={v} className="num">
                {v === 'hidden' ? UI.notShown : GRANT_VERDICT[v]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PHASES.map((p) => (
            <tr key={p} data-phase={p}>
              <th>{GRANT_PHASE[p]}</th>
              {columns.map((v) => (
                <td key={v} className="num" data-verdict={v}>
                  {count(p, v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <table data-testid="grant-list">
        <thead>
          <tr>
            <th>{UI.grantParcel}</th>
            <th>{UI.grantTown}</th>
            <th className="num">{UI.grantArea}</th>
            <th>{UI.grantPhase}</th>
            <th>{UI.grantVerdict}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((g) => {
            const v = verdictOf(g);
            return (
              <tr key={g.id} data-grant={g.id}>
                <td>
                  {g.parcelName}
                  {g.resupply ? <span className="muted"> {UI.resupplied}</span> : null}
                </td>
                <td>{g.town.name}</td>
                <td className="num">{g.area.mu}</td>
                <td>{GRANT_PHASE[g.phase]}</td>
                <td>{v === 'hidden' ? UI.notShown : GRANT_VERDICT[v]}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
