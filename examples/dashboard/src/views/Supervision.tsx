import { useState } from 'react';
import { trimZeros } from '../format';
import { graphql } from '../gql';
import type { SupervisionQuery } from '../gql/graphql';
import { REPORT, UI } from '../labels';
import { useGateway, useSession } from '../session';
import { Failed, Loading } from './common';

const SupervisionDocument = graphql(`
  query Supervision($city: ID!, $year: Int!, $asOf: Date!) {
    targetWarnings(city: $city, year: $year, asOf: $asOf) {
      asOf
      rule {
        id
        label
        yellowFrom
        redAbove
      }
      towns {
        town {
          code
          name
        }
        level
        levelLabel
        targets {
          level
        }
      }
      supervision {
        level
        levelLabel
        pointsBehind(places: 2)
        target {
          id
          label
          measureLabel
          comparatorLabel
          value(places: 2)
          unitLabel
          townCode
          town {
            name
          }
        }
        progress {
          actual(places: 2)
          completionRate {
            percent(places: 2)
          }
          scheduleRate {
            percent(places: 2)
          }
        }
      }
    }
  }
`);

type Item = SupervisionQuery['targetWarnings']['supervision'][number];

const WARNED = new Set(['RED', 'YELLOW']);

/**
 * 督办清单: the towns and targets in yellow or red on a date, printable
 * (the browser's print leaves out the header, tabs and toolbar).
 */
export function Supervision({ city }: { readonly city: string }) {
  const [year, setYear] = useState(2018);
  const [asOf, setAsOf] = useState('2018-12-31');
  const { ownTown } = useSession();
  const q = useGateway('supervision', SupervisionDocument, { city, year, asOf });
  const report = q.data?.targetWarnings;
  const towns = report?.towns.filter((t) => t.level && WARNED.has(t.level)) ?? [];

  return (
    <section className="supervision" aria-labelledby="supervision-heading">
      <div className="toolbar">
        <label>
          {UI.year}{' '}
          <input
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => {
              if (!e.target.value) return;
              setYear(Number(e.target.value));
              setAsOf(`${e.target.value}-12-31`);
            }}
            data-testid="supervision-year"
          />
        </label>
        <label>
          {UI.asOf}{' '}
          <input
            type="date"
            value={asOf}
            onChange={(e) => e.target.value && setAsOf(e.target.value)}
            data-testid="supervision-as-of"
          />
        </label>
        <button type="button" onClick={() => window.print()}>
          {UI.print}
        </button>
      </div>
      <h2 id="supervision-heading">
        {UI.city}
        {UI.supervisionTitle(asOf)}
      </h2>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <Failed error={q.error} />
      ) : report ? (
        <>
          <p className="muted" data-testid="supervision-rule">
            {UI.supervisionRule(
              report.rule.label ?? report.rule.id,
              trimZeros(report.rule.yellowFrom),
              trimZeros(report.rule.redAbove),
            )}
          </p>
          <h3>{UI.supervisionTowns}</h3>
          {towns.length === 0 ? (
            <p className="muted">{UI.supervisionEmpty}</p>
          ) : (
            <table data-testid="supervision-towns">
              <thead>
                <tr>
                  <th>{REPORT.town}</th>
                  <th>{UI.warning}</th>
                  <th className="num">{UI.supervisionTargets}</th>
                </tr>
              </thead>
              <tbody>
                {towns.map((t) => (
                  <tr
                    key={t.town.code}
                    data-town={t.town.name}
                    className={t.town.code === ownTown?.code ? 'own' : undefined}
                  >
                    <td>{t.town.name}</td>
                    <td>
                      <span className={`badge warn warn-${t.level}`}>{t.levelLabel}</span>
                    </td>
                    <td className="num">{t.targets.filter((x) => WARNED.has(x.level)).length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{UI.supervisionTargets}</h3>
          {report.supervision.length === 0 ? (
            <p className="muted">{UI.supervisionEmpty}</p>
          ) : (
            <table data-testid="supervision-targets">
              <thead>
                <tr>
                  <th>{UI.warning}</th>
                  <th>{REPORT.town}</th>
                  <th>{UI.indicator}</th>
                  <th className="num">{REPORT.target}</th>
                  <th className="num">{REPORT.actual}</th>
                  <th className="num">{REPORT.completionRate}</th>
                  <th className="num">{REPORT.scheduleRate}</th>
                  <th className="num">{UI.pointsBehind}</th>
                </tr>
              </thead>
              <tbody>
                {report.supervision.map((w: Item) => (
                  <tr
                    key={w.target.id}
                    data-target={w.target.id}
                    data-level={w.level}
                    className={w.target.townCode && w.target.townCode === ownTown?.code ? 'own' : undefined}
                  >
                    <td>
                      <span className={`badge warn warn-${w.level}`}>{w.levelLabel}</span>
                    </td>
                    <td>{w.target.town?.name ?? UI.cityWide}</td>
                    <td>{w.target.label ?? w.target.measureLabel}</td>
                    <td className="num">
                      {w.target.comparatorLabel} {trimZeros(w.target.value)}
                      {w.target.unitLabel}
                    </td>
                    <td className="num">{w.progress.actual == null ? '—' : trimZeros(w.progress.actual)}</td>
                    <td className="num">{w.progress.completionRate?.percent ?? '—'}%</td>
                    <td className="num">{w.progress.scheduleRate.percent}%</td>
                    <td className="num" data-testid="points-behind">
                      {w.pointsBehind ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </section>
  );
}
