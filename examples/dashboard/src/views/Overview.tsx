import { useEffect, useState } from 'react';
import { trimZeros, widthPercent } from '../format';
import { graphql } from '../gql';
import type { OverviewQuery } from '../gql/graphql';
import { MEASURE_LABELS, MEASURE_UNIT_LABELS, REPORT, UI, UNIT_LABELS } from '../labels';
import { useGateway, useSession } from '../session';
import { Failed, Loading } from './common';

const OverviewDocument = graphql(`
  query Overview($city: ID!, $year: Int!, $asOf: Date!) {
    campaignStatistics(city: $city, year: $year) {
      year
      from
      to
      ledgerVersion
      lowScatteredRemediated
      backwardCapacityItems
      zombiesDisposed
      vacatingSigned {
        mu(places: 2)
      }
      reclamationApproved {
        mu(places: 2)
      }
      parkFloorAreaBuilt {
        wanSquareMetres(places: 2)
      }
      enterprisesEnteredParks
      byTown {
        town {
          code
          name
        }
        lowScatteredRemediated
        backwardCapacityItems
        zombiesDisposed
        vacatingSigned {
          mu(places: 2)
        }
        reclamationApproved {
          mu(places: 2)
        }
        parkFloorAreaBuilt {
          wanSquareMetres(places: 2)
        }
        enterprisesEnteredParks
      }
    }
    targetWarnings(city: $city, year: $year, asOf: $asOf) {
      ...OverviewWarnings
    }
    targets(city: $city, year: $year) {
      id
      label
      comparatorLabel
      value(places: 2)
      unitLabel
      period {
        from
        to
      }
      progress(asOf: $asOf) {
        ...ProgressFields
        children {
          ...ProgressFields
          target {
            id
            townCode
            town {
              name
            }
            value(places: 2)
          }
        }
      }
    }
  }

  fragment OverviewWarnings on TargetWarnings {
    towns {
      town {
        code
        name
      }
      level
      levelLabel
    }
  }

  fragment ProgressFields on TargetProgress {
    actual(places: 2)
    completionRate {
      percent(places: 2)
    }
    scheduleRate {
      percent(places: 2)
    }
    gapToSchedule {
      percent(places: 2)
    }
    status
    statusLabel
    warning
    warningLabel
    metOn
    early
    daysEarly
  }
`);

/** A performance mark set once, when the overview first shows its figures. */
export const FIRST_RENDER_MARK = 'mujun:overview-rendered';

type Statistics = OverviewQuery['campaignStatistics'];
/** The seven figures, of the city or of one town. */
type Figures = Omit<Statistics, 'byTown' | 'year' | 'from' | 'to' | 'ledgerVersion'>;
type TargetRow = OverviewQuery['targets'][number];
type Progress = TargetRow['progress'];
type ChildProgress = Progress['children'][number];

/** The seven figures the city reports, in the article's order, with their units. */
function figures(s: Figures): { key: string; label: string; value: string; unit: string }[] {
  return [
    {
      key: 'lowScattered',
      label: MEASURE_LABELS.lowScatteredRemediated,
      value: String(s.lowScatteredRemediated),
      unit: MEASURE_UNIT_LABELS.enterprise,
    },
    {
      key: 'backward',
      label: MEASURE_LABELS.backwardCapacityItems,
      value: String(s.backwardCapacityItems),
      unit: MEASURE_UNIT_LABELS.item,
    },
    {
      key: 'zombies',
      label: MEASURE_LABELS.zombiesDisposed,
      value: String(s.zombiesDisposed),
      unit: MEASURE_UNIT_LABELS.enterprise,
    },
    {
      key: 'signed',
      label: MEASURE_LABELS.vacatingSigned,
      value: trimZeros(s.vacatingSigned.mu),
      unit: UNIT_LABELS.mu,
    },
    {
      key: 'approved',
      label: MEASURE_LABELS.reclamationApproved,
      value: trimZeros(s.reclamationApproved.mu),
      unit: UNIT_LABELS.mu,
    },
    {
      key: 'parks',
      label: MEASURE_LABELS.parkFloorAreaCompleted,
      value: trimZeros(s.parkFloorAreaBuilt.wanSquareMetres),
      unit: UNIT_LABELS.wanSquareMetre,
    },
    {
      key: 'entries',
      label: MEASURE_LABELS.parkEntries,
      value: String(s.enterprisesEnteredParks),
      unit: MEASURE_UNIT_LABELS.enterprise,
    },
  ];
}

function ProgressBar({ progress }: { readonly progress: Progress | ChildProgress }) {
  const done = progress.completionRate?.percent;
  const schedule = progress.scheduleRate.percent;
  return (
    <div className="bar" title={`${REPORT.completionRate} ${done ?? '—'}% · ${REPORT.scheduleRate} ${schedule}%`}>
      <div className={`bar-fill status-${progress.status}`} style={{ width: widthPercent(done) }} />
      <div className="bar-marker" style={{ left: widthPercent(schedule) }} data-testid="schedule-marker">
        <span>
          {UI.scheduleMarker} {schedule}%
        </span>
      </div>
    </div>
  );
}

function Status({ progress }: { readonly progress: Progress | ChildProgress }) {
  return (
    <span className="status-cell">
      <span className={`badge status-${progress.status}`}>{progress.statusLabel}</span>
      <span className={`badge warn warn-${progress.warning}`} data-testid="warning" data-level={progress.warning}>
        {progress.warningLabel}
      </span>
      {progress.early && progress.daysEarly != null ? (
        <span className="badge early" title={progress.metOn ? UI.metOn(progress.metOn) : undefined}>
          {REPORT.early} · {UI.daysEarly(progress.daysEarly)}
        </span>
      ) : null}
    </span>
  );
}

function TargetItem({ target, ownTownCode }: { readonly target: TargetRow; readonly ownTownCode: string | undefined }) {
  const p = target.progress;
  const own = ownTownCode ? p.children.find((c) => c.target.townCode === ownTownCode) : undefined;
  return (
    <li className="target" data-target={target.id}>
      <div className="target-head">
        <strong>{target.label}</strong>
        <span className="muted">
          {REPORT.target} {target.comparatorLabel} {trimZeros(target.value)}
          {target.unitLabel} · {REPORT.actual}{' '}
          <b className="actual">{p.actual === null || p.actual === undefined ? '—' : trimZeros(p.actual)}</b>
          {target.unitLabel} · {REPORT.completionRate} {p.completionRate?.percent ?? '—'}% · {REPORT.scheduleRate}{' '}
          {p.scheduleRate.percent}%
        </span>
        <Status progress={p} />
      </div>
      <ProgressBar progress={p} />
      {own ? (
        <div className="target-own own" data-testid="own-town-target">
          <span>
            {UI.ownTown} {own.target.town?.name}：{REPORT.target} {trimZeros(own.target.value)}
            {target.unitLabel} · {REPORT.actual} {own.actual == null ? '—' : trimZeros(own.actual)}
            {target.unitLabel} · {REPORT.completionRate} {own.completionRate?.percent ?? '—'}%
          </span>
          <Status progress={own} />
          <ProgressBar progress={own} />
        </div>
      ) : null}
    </li>
  );
}

type TownWarningRow = OverviewQuery['targetWarnings']['towns'][number];

/** Each town's 预警等级 as a coloured chip; the 督办 list is one click away. */
function TownWarnings({
  towns,
  ownTownCode,
}: {
  readonly towns: readonly TownWarningRow[];
  readonly ownTownCode: string | undefined;
}) {
  return (
    <div className="town-warnings" data-testid="town-warnings">
      <span className="muted">{UI.townWarnings}：</span>
      {towns.map((t) => (
        <span
          key={t.town.code}
          className={`chip warn-${t.level ?? 'NONE'}${t.town.code === ownTownCode ? ' own' : ''}`}
          data-town={t.town.name}
          data-level={t.level ?? ''}
          title={t.levelLabel ?? UI.noTownTarget}
        >
          {t.town.name} {t.levelLabel ?? '—'}
        </span>
      ))}
      <a href="#supervision" className="chip-link">
        {UI.supervisionLink}
      </a>
    </div>
  );
}

export function Overview({ city }: { readonly city: string }) {
  const [year, setYear] = useState(2018);
  const [asOf, setAsOf] = useState('2018-12-31');
  const { ownTown } = useSession();
  const q = useGateway('overview', OverviewDocument, { city, year, asOf });

  // The first render with figures, for the "time to first overview" the browser test prints.
  const rendered = q.data !== undefined;
  useEffect(() => {
    if (rendered && performance.getEntriesByName(FIRST_RENDER_MARK).length === 0) performance.mark(FIRST_RENDER_MARK);
  }, [rendered]);

  const ownFigures = ownTown ? q.data?.campaignStatistics.byTown.find((t) => t.town.code === ownTown.code) : undefined;

  const changeYear = (next: number) => {
    setYear(next);
    setAsOf(`${next}-12-31`);
  };

  return (
    <section aria-labelledby="overview-heading">
      <div className="toolbar">
        <label>
          {UI.year}{' '}
          <input
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => e.target.value && changeYear(Number(e.target.value))}
            data-testid="year"
          />
        </label>
        <label>
          {UI.asOf}{' '}
          <input
            type="date"
            value={asOf}
            onChange={(e) => e.target.value && setAsOf(e.target.value)}
            data-testid="as-of"
          />
        </label>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <Failed error={q.error} />
      ) : (
        <>
          <h2 id="overview-heading">{UI.statsHeading(q.data.campaignStatistics.year)}</h2>
          <ul className="cards">
            {figures(q.data.campaignStatistics).map((f) => (
              <li className="card" key={f.key} data-figure={f.key}>
                <span className="card-label">{f.label}</span>
                <span className="card-value">
                  <b>{f.value}</b>
                  <small>{f.unit}</small>
                </span>
              </li>
            ))}
          </ul>
          {ownFigures ? (
            <>
              <h2>
                {UI.ownTown} {ownFigures.town.name}
              </h2>
              <ul className="cards own-cards" data-testid="own-town-figures">
                {figures(ownFigures).map((f) => (
                  <li className="card own" key={f.key} data-figure={`own-${f.key}`}>
                    <span className="card-label">{f.label}</span>
                    <span className="card-value">
                      <b>{f.value}</b>
                      <small>{f.unit}</small>
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h2>
            {UI.targetsHeading}{' '}
            <small className="muted">
              （{UI.asOf} {asOf}）
            </small>
          </h2>
          {q.data.targets.length === 0 ? null : (
            <TownWarnings towns={q.data.targetWarnings.towns} ownTownCode={ownTown?.code} />
          )}
          {q.data.targets.length === 0 ? (
            <p className="muted">{UI.noTargets}</p>
          ) : (
            <ul className="targets">
              {q.data.targets.map((t) => (
                <TargetItem key={t.id} target={t} ownTownCode={ownTown?.code} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
