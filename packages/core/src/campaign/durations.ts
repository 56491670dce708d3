import { Rational } from '../exact/rational';
import { daysBetween, type IsoDate } from '../model/date';
import { VACATING_STAGE_STEP, type VacatingStage, type VacatingStageReached } from './events';
import type { CampaignLedger } from './ledger';

/** Steps a duration can run between: a stage, or the last step (复耕 or 再利用). */
export type VacatingStep = Exclude<VacatingStage, 'reclaimedFarmland' | 'reused'> | 'reclaimedOrReused';

const STEP: Record<VacatingStep, number> = {
  signed: VACATING_STAGE_STEP.signed,
  demolished: VACATING_STAGE_STEP.demolished,
  reclamationApproved: VACATING_STAGE_STEP.reclamationApproved,
  accepted: VACATING_STAGE_STEP.accepted,
  reclaimedOrReused: VACATING_STAGE_STEP.reclaimedFarmland,
};

/** How long a parcel took from one step to another. */
export interface StageDuration {
  readonly parcelId: string;
  readonly townCode: string;
  /** Date of the first event of the `from` step (the first signing, say). */
  readonly start: IsoDate;
  /** First date on which the `to` step covered the whole area signed by then. */
  readonly end: IsoDate;
  /** `end − start` in days (签约 on 06-01, 复耕 on 07-01: 30 days). */
  readonly days: number;
  /** Area signed, 亩. */
  readonly signedMu: Rational;
  /** Enterprises named on the signing events. */
  readonly enterprises: number;
}

/**
 * 腾退用时: days from the first event of step `from` to the first date on
 * which step `to` covered all the area signed by then (崇安砖瓦厂: 4 firms,
 * 45亩, 30 days from 签约 to 复耕). Undefined while `to` is not complete.
 */
export function stageDuration(
  ledger: CampaignLedger,
  parcelId: string,
  from: VacatingStep = 'signed',
  to: VacatingStep = 'reclaimedOrReused',
): StageDuration | undefined {
  return durationOf(parcelId, stageEvents(ledger).get(parcelId) ?? [], from, to);
}

/** Vacating events by parcel, in order of application. */
function stageEvents(ledger: CampaignLedger): Map<string, VacatingStageReached[]> {
  const out = new Map<string, VacatingStageReached[]>();
  for (const { event } of ledger.events()) {
    if (event.type !== 'vacatingStage') continue;
    const list = out.get(event.parcelId);
    if (list) list.push(event);
    else out.set(event.parcelId, [event]);
  }
  return out;
}

function durationOf(
  parcelId: string,
  events: readonly VacatingStageReached[],
  from: VacatingStep,
  to: VacatingStep,
): StageDuration | undefined {
  const records = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const first = records.find((e) => VACATING_STAGE_STEP[e.stage] === STEP[from]);
  if (!first) return undefined;
  let signed = Rational.ZERO;
  let reached = Rational.ZERO;
  const firms = new Set<string>();
  for (const e of records) {
    const step = VACATING_STAGE_STEP[e.stage];
    if (step === 0) {
      signed = signed.plus(e.area.in('mu'));
      for (const u of e.usccs ?? []) firms.add(u);
    }
    if (step === STEP[to]) reached = reached.plus(e.area.in('mu'));
    if (step === STEP[to] && !signed.isZero() && reached.compare(signed) >= 0 && e.date >= first.date) {
      return {
        parcelId,
        townCode: first.townCode,
        start: first.date,
        end: e.date,
        days: daysBetween(first.date, e.date),
        signedMu: signed,
        enterprises: firms.size,
      };
    }
  }
  return undefined;
}

/** Durations of every parcel whose `to` step completed within [from, to] dates, in a town or the city. */
export function stageDurations(
  ledger: CampaignLedger,
  period: { readonly from: IsoDate; readonly to: IsoDate; readonly townCode?: string | undefined },
  fromStep: VacatingStep = 'signed',
  toStep: VacatingStep = 'reclaimedOrReused',
): readonly StageDuration[] {
  const out: StageDuration[] = [];
  const byParcel = stageEvents(ledger);
  for (const id of [...byParcel.keys()].sort()) {
    const d = durationOf(id, byParcel.get(id) ?? [], fromStep, toStep);
    if (!d || d.end < period.from || d.end > period.to) continue;
    if (period.townCode !== undefined && d.townCode !== period.townCode) continue;
    out.push(d);
  }
  return out;
}
