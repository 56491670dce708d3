/*
 * Test oracle: the ledger as it was before the bulk path (commit bc7bbd5), events
 * validated one by one with zod, each applied with undo closures, the canonical text
 * made per event. The property test holds the public ledger to it.
 */

import {
  type CampaignEvent,
  canonicalEvent,
  eventToJson,
  type LowScatteredRemediated,
  safeParseCampaignEvent,
  VACATING_STAGE_STEP,
  type VacatingStage,
  type VacatingStageReached,
} from '../../src/campaign/events';
import type { LedgerReferences } from '../../src/campaign/references';
import type { FieldIssue } from '../../src/errors';
import { Rational } from '../../src/exact/rational';
import { VACATING_STAGE_LABELS } from '../../src/labels';
import { addDays, fromEpochDay } from '../../src/model/date';
import type { EnterpriseFlag, FourWithout } from '../../src/model/enterprise';
import { Area } from '../../src/quantity/kinds';
import { Quantity } from '../../src/quantity/quantity';
import { unitLabel } from '../../src/quantity/units';
import type { RuleId } from '../../src/rules';

/** An event as applied: its position (`seq`, from 0) and canonical text. */
export interface AppliedEvent {
  readonly seq: number;
  readonly event: CampaignEvent;
  readonly canonical: string;
}

/**
 * One rejected event of a batch: its id (when it had one), position in the
 * batch, and the first broken rule; `issues` lists all of them.
 */
export interface EventError {
  readonly eventId: string | undefined;
  readonly index: number;
  readonly field: string;
  readonly rule: RuleId;
  readonly message: string;
  readonly issues: readonly FieldIssue[];
}

export type BatchResult =
  | {
      readonly ok: true;
      readonly state: CampaignLedger;
      /** Events newly applied, in order. */
      readonly applied: readonly CampaignEvent[];
      /** Ids of events already in the ledger with the same content (replays: no-ops). */
      readonly skipped: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly EventError[] };

interface StageRecord {
  readonly step: number;
  readonly stage: VacatingStage;
  readonly date: string;
  /** Area in base units (1/15 m²). */
  readonly area: Rational;
}

/**
 * The mutable, append-only log a chain of ledger values shares. A ledger of
 * `version` v sees entries [0, v). Appending to the newest ledger extends the
 * log in place (older ledgers do not see the new entries); appending to an
 * older one copies the log first, so every ledger value stays what it was.
 */
class Log {
  readonly entries: AppliedEvent[] = [];
  readonly byId = new Map<string, AppliedEvent>();
  readonly stages = new Map<string, StageRecord[]>();
  /** Cumulative area (base units) used per parcel (idle/in-park) or per park phase. */
  readonly used = new Map<string, Rational>();
  /** Registered enterprises closed (关停淘汰), zombies disposed, park entries. */
  readonly marks = new Set<string>();

  append(entry: AppliedEvent, undo: (() => void)[]): void {
    const { event } = entry;
    this.entries.push(entry);
    this.byId.set(event.id, entry);
    undo.push(() => {
      this.entries.pop();
      this.byId.delete(event.id);
    });
    const add = (key: string, amount: Rational) => {
      const before = this.used.get(key);
      this.used.set(key, (before ?? Rational.ZERO).plus(amount));
      undo.push(() => (before === undefined ? this.used.delete(key) : this.used.set(key, before)));
    };
    const mark = (key: string) => {
      if (this.marks.has(key)) return;
      this.marks.add(key);
      undo.push(() => this.marks.delete(key));
    };
    switch (event.type) {
      case 'vacatingStage': {
        const list = this.stages.get(event.parcelId) ?? [];
        if (list.length === 0) this.stages.set(event.parcelId, list);
        list.push({
          step: VACATING_STAGE_STEP[event.stage],
          stage: event.stage,
          date: event.date,
          area: event.area.base,
        });
        undo.push(() => {
          list.pop();
          if (list.length === 0) this.stages.delete(event.parcelId);
        });
        break;
      }
      case 'idleLandRevitalised':
      case 'inParkLandRemediated':
        add(`parcel:${event.parcelId}`, event.area.base);
        break;
      case 'parkFloorAreaCompleted':
        add(`phase:${event.parkId}#${event.phase}`, event.floorArea.base);
        break;
      case 'lowScatteredRemediated':
        if (event.uscc !== undefined && event.outcome === 'closedEliminated') mark(`closed:${event.uscc}`);
        break;
      case 'zombieDisposed':
        mark(`zombie:${event.uscc}`);
        break;
      case 'parkEntered':
        if (event.uscc !== undefined) mark(`entry:${event.parkId}#${event.uscc}`);
        break;
      default:
        break;
    }
  }

  static rebuild(entries: readonly AppliedEvent[]): Log {
    const log = new Log();
    const undo: (() => void)[] = [];
    for (const e of entries) log.append(e, undo);
    return log;
  }
}

/* Module-private access to a ledger's log and constructor (set in the class's static block). */
let makeLedger: (references: LedgerReferences, log: Log, version: number) => CampaignLedger;
let logOf: (ledger: CampaignLedger) => Log;

/**
 * 退散进集台账: an immutable ledger of campaign events over its reference
 * data. `version` is the number of events applied (a store uses it for
 * optimistic concurrency). Make one with `emptyLedger`, grow it with
 * `applyBatch`.
 */
export class CampaignLedger {
  readonly references: LedgerReferences;
  readonly version: number;
  readonly #log: Log;

  private constructor(references: LedgerReferences, log: Log, version: number) {
    this.references = references;
    this.#log = log;
    this.version = version;
  }

  static {
    makeLedger = (references, log, version) => new CampaignLedger(references, log, version);
    logOf = (ledger) => ledger.#log;
  }

  #events: readonly AppliedEvent[] | undefined;

  /** Applied events in order of application (a frozen list, made once per ledger value). */
  events(): readonly AppliedEvent[] {
    // The shared log may grow later; hand out a snapshot, never the live array.
    this.#events ??= Object.freeze(this.#log.entries.slice(0, this.version));
    return this.#events;
  }

  /** The applied event with this id, if any. */
  event(id: string): CampaignEvent | undefined {
    const e = this.#log.byId.get(id);
    return e !== undefined && e.seq < this.version ? e.event : undefined;
  }

  /** Every applied event as plain JSON (what a store persists; `replayLedger` reads it back). */
  toJSON(): { version: number; events: ReturnType<typeof eventToJson>[] } {
    return { version: this.version, events: this.events().map((e) => eventToJson(e.event)) };
  }
}

/** How `applyBatch` judges dates: the clock and how far ahead of it an event may be dated. */
export interface BatchOptions {
  /**
   * What time it is (default: the system clock). Pass `false` to accept any
   * date, as `replayLedger` does for events recorded earlier.
   */
  readonly clock?: (() => Date) | false;
  /** Days after today (in China, UTC+8) an event may still be dated (default 1: a date entered ahead of a midnight). */
  readonly futureMarginDays?: number;
}

/** Default `futureMarginDays`. */
export const FUTURE_EVENT_MARGIN_DAYS = 1;

/** Today's calendar date in China (UTC+8), where the ledger's dates are kept. */
function chinaToday(now: Date): string {
  return fromEpochDay(Math.floor((now.getTime() + 8 * 3600_000) / 86_400_000));
}

/** The log to append to: the shared one for the newest ledger value, else a copy of this value's part. */
function ownLog(ledger: CampaignLedger): Log {
  const log = logOf(ledger);
  if (log.entries.length === ledger.version) return log;
  return Log.rebuild(log.entries.slice(0, ledger.version));
}

/**
 * The same events over new references, without validating them again: for
 * a registry change that cannot affect them (`applyRegistryChanges` says
 * `ledgerUnaffected`: new records, annual data, enterprises keeping their
 * town). Anything else must be replayed (`replayLedger`).
 */
export function rebindLedger(ledger: CampaignLedger, references: LedgerReferences): CampaignLedger {
  return makeLedger(references, logOf(ledger), ledger.version);
}

/** A ledger with no events over `references`. */
export function emptyLedger(references: LedgerReferences): CampaignLedger {
  return makeLedger(references, new Log(), 0);
}

function isParsedEvent(input: unknown): input is CampaignEvent {
  return (
    typeof input === 'object' && input !== null && Object.values(input).some((v: unknown) => v instanceof Quantity)
  );
}

/**
 * Applies a batch of events (plain JSON inputs or parsed events), all or
 * nothing. Each event is validated (schema, references, stage order, areas)
 * against the ledger plus the earlier events of the batch. An event whose id
 * is already applied with the same content is skipped (replay-safe); with
 * different content it is an error. If any event is bad, the batch is
 * rejected with one `EventError` per bad event and `state` is unchanged.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { applyBatch, emptyLedger, parseRegistry, TONGXIANG_2018_INPUT } from '@mujun/core';
import { registryReferences } from '@mujun/core/campaign';
 *
 * const SHIMEN = '330483108000';
 * const ZHOUQUAN = '330483105000';
 * const registry = parseRegistry({
 *   region: TONGXIANG_2018_INPUT,
 *   parks: [
 *     { id: 'SM-PARK', name: '石门小微企业园', townCode: SHIMEN, kind: 'smallMicroPark', phases: [{ phase: 1, floorArea: '100000' }] },
 *     { id: 'ZQ-PARK', name: '洲泉小微企业园', townCode: ZHOUQUAN, kind: 'smallMicroPark', phases: [{ phase: 1, floorArea: '50000' }] },
 *   ],
 * });
 * const entered = (id: string, townCode: string, date: string) =>
 *   ({ type: 'parkEntered', id, date, townCode, parkId: townCode === SHIMEN ? 'SM-PARK' : 'ZQ-PARK', enterpriseName: `企业${id}` });
 *
 * const ledger = emptyLedger(registryReferences(registry));
 * const batch = applyBatch(ledger, [entered('e1', SHIMEN, '2019-03-01'), entered('e2', SHIMEN, '2019-03-02')], { clock: false });
 * assert.ok(batch.ok);
 * assert.equal(batch.state.events().length, 2);
 * assert.equal(ledger.events().length, 0); // the ledger is immutable: a batch returns a new state
 *
 * // One bad event rejects the whole batch, naming it.
 * const bad = applyBatch(batch.state, [entered('e3', SHIMEN, '2019-03-03'), { ...entered('e4', SHIMEN, '2019-03-04'), parkId: 'NOPE' }], { clock: false });
 * assert.equal(bad.ok, false);
 * ```
 */
export function applyBatch(state: CampaignLedger, inputs: readonly unknown[], options: BatchOptions = {}): BatchResult {
  const clock = options.clock === undefined ? () => new Date() : options.clock;
  const latest =
    clock === false ? undefined : addDays(chinaToday(clock()), options.futureMarginDays ?? FUTURE_EVENT_MARGIN_DAYS);
  const log = ownLog(state);
  const refs = state.references;
  const undo: (() => void)[] = [];
  const errors: EventError[] = [];
  const applied: CampaignEvent[] = [];
  const skipped: string[] = [];
  let seq = state.version;

  const raws = inputs.map((input) => (isParsedEvent(input) ? eventToJson(input) : input));
  // The oracle validates every event with the zod single-event parser.
  const results = raws.map((raw) => safeParseCampaignEvent(raw, ''));
  raws.forEach((raw, index) => {
    const rawId =
      typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id
        : undefined;
    const fail = (issues: readonly FieldIssue[], eventId = rawId) => {
      const first = issues[0] ?? { field: `events.${index}`, rule: 'invalid', message: 'invalid event' };
      errors.push({ eventId, index, field: first.field, rule: first.rule, message: first.message, issues });
    };
    const parsed = results[index] as ReturnType<typeof safeParseCampaignEvent>;
    if (!parsed.ok) {
      fail(parsed.issues);
      return;
    }
    const event = parsed.value;
    const canonical = canonicalEvent(event);
    const existing = log.byId.get(event.id);
    if (existing !== undefined) {
      if (existing.canonical === canonical) skipped.push(event.id);
      else
        fail([
          {
            field: 'id',
            rule: 'event.idConflict',
            message: `event ${event.id} is already recorded with different content`,
          },
        ]);
      return;
    }
    const issues = checkEvent(event, refs, log);
    if (latest !== undefined && event.date > latest) {
      issues.push({
        field: 'date',
        rule: 'event.future',
        message: `${event.date} is in the future: events are recorded once they happened (latest accepted date ${latest})`,
      });
    }
    if (issues.length > 0) {
      fail(issues, event.id);
      return;
    }
    log.append({ seq, event, canonical }, undo);
    seq += 1;
    applied.push(event);
  });

  if (errors.length > 0) {
    for (let i = undo.length - 1; i >= 0; i--) undo[i]?.();
    return { ok: false, errors };
  }
  return { ok: true, state: makeLedger(refs, log, seq), applied, skipped };
}

/** An area in base units, printed exactly in 亩 (always a finite decimal). */
const mu = (base: Rational) => `${Quantity.fromBase('area', base).in('mu').toDecimal().toFixed()}${unitLabel('mu')}`;

/** Checks one parsed event against the references and the ledger so far. */
function checkEvent(event: CampaignEvent, refs: LedgerReferences, log: Log): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (field: string, rule: RuleId, message: string) => issues.push({ field, rule, message });
  const town = refs.region.towns.find((t) => t.code === event.townCode);
  if (!town) issue('townCode', 'reference.town', `town ${event.townCode} is not in ${refs.region.name}`);
  const sameTown = (what: string, townCode: string) => {
    if (town && townCode !== event.townCode) {
      issue('townCode', 'reference.townMismatch', `${what} lies in town ${townCode}, not ${event.townCode}`);
    }
  };
  const enterprise = (uscc: string, field: string, checkTown: boolean) => {
    const e = refs.enterprise(uscc);
    if (!e) issue(field, 'reference.enterprise', `enterprise ${uscc} is not registered`);
    else if (checkTown) sameTown(`enterprise ${uscc}`, e.townCode);
    return e;
  };

  switch (event.type) {
    case 'lowScatteredRemediated':
      if (event.uscc !== undefined) {
        enterprise(event.uscc, 'uscc', true);
        if (log.marks.has(`closed:${event.uscc}`)) {
          issue('uscc', 'remediation.alreadyClosed', `enterprise ${event.uscc} was already closed (关停淘汰)`);
        }
      }
      break;
    case 'backwardCapacityEliminated':
      if (event.uscc !== undefined) enterprise(event.uscc, 'uscc', true);
      break;
    case 'zombieDisposed':
      enterprise(event.uscc, 'uscc', true);
      if (log.marks.has(`zombie:${event.uscc}`)) {
        issue('uscc', 'zombie.alreadyDisposed', `zombie enterprise ${event.uscc} was already disposed of`);
      }
      break;
    case 'vacatingStage': {
      (event.usccs ?? []).forEach((u, i) => {
        enterprise(u, `usccs.${i}`, false);
      });
      const parcel = refs.parcel(event.parcelId);
      if (!parcel) {
        issue('parcelId', 'reference.parcel', `parcel ${event.parcelId} does not exist`);
        break;
      }
      sameTown(`parcel ${parcel.id}`, parcel.townCode);
      checkStage(event, parcel.area.base, log.stages.get(event.parcelId) ?? [], issue);
      break;
    }
    case 'idleLandRevitalised':
    case 'inParkLandRemediated': {
      if (event.type === 'inParkLandRemediated' && event.uscc !== undefined) enterprise(event.uscc, 'uscc', false);
      const parcel = refs.parcel(event.parcelId);
      if (!parcel) {
        issue('parcelId', 'reference.parcel', `parcel ${event.parcelId} does not exist`);
        break;
      }
      sameTown(`parcel ${parcel.id}`, parcel.townCode);
      const idle = event.type === 'idleLandRevitalised';
      const okCategory = idle
        ? parcel.category === 'idleTransferredNotSupplied' || parcel.category === 'idleSuppliedNotUsed'
        : parcel.category === 'inParkInefficient';
      if (!okCategory) {
        issue(
          'parcelId',
          idle ? 'idleLand.category' : 'inParkLand.category',
          `parcel ${parcel.id} is ${parcel.category}, not ${idle ? 'idle land (转而未供/供而未用)' : '园区内低效用地'}`,
        );
      }
      const used = log.used.get(`parcel:${parcel.id}`) ?? Rational.ZERO;
      if (used.plus(event.area.base).greaterThan(parcel.area.base)) {
        issue(
          'area',
          idle ? 'idleLand.exceedsParcel' : 'inParkLand.exceedsParcel',
          `${mu(used)} already recorded + ${mu(event.area.base)} exceeds parcel ${parcel.id} of ${mu(parcel.area.base)}`,
        );
      }
      break;
    }
    case 'parkFloorAreaCompleted': {
      const park = refs.park(event.parkId);
      if (!park) {
        issue('parkId', 'reference.park', `park ${event.parkId} does not exist`);
        break;
      }
      sameTown(`park ${park.id}`, park.townCode);
      const phase = park.phases.find((p) => p.phase === event.phase);
      if (!phase) {
        issue('phase', 'reference.phase', `park ${park.id} has no phase ${event.phase}`);
        break;
      }
      const done = log.used.get(`phase:${park.id}#${event.phase}`) ?? Rational.ZERO;
      if (done.plus(event.floorArea.base).greaterThan(phase.floorArea.base)) {
        const sqm = (b: Rational) => Quantity.fromBase('area', b).format('squareMetre', { places: 2 });
        issue(
          'floorArea',
          'park.exceedsPhase',
          `${sqm(done)} already completed + ${sqm(event.floorArea.base)} exceeds phase ${event.phase} of ${sqm(phase.floorArea.base)}`,
        );
      }
      break;
    }
    case 'parkEntered': {
      if (event.uscc !== undefined) enterprise(event.uscc, 'uscc', false);
      const park = refs.park(event.parkId);
      if (!park) {
        issue('parkId', 'reference.park', `park ${event.parkId} does not exist`);
        break;
      }
      sameTown(`park ${park.id}`, park.townCode);
      if (event.uscc !== undefined && log.marks.has(`entry:${park.id}#${event.uscc}`)) {
        issue('uscc', 'parkEntry.duplicate', `enterprise ${event.uscc} already entered park ${park.id}`);
      }
      break;
    }
  }
  return issues;
}

/** Stage names by step, from the labels (复耕 and 再利用 share the last step). */
const STAGE_NAMES: Record<number, string> = {
  0: VACATING_STAGE_LABELS.signed,
  1: VACATING_STAGE_LABELS.demolished,
  2: VACATING_STAGE_LABELS.reclamationApproved,
  3: VACATING_STAGE_LABELS.accepted,
  4: `${VACATING_STAGE_LABELS.reclaimedFarmland}/${VACATING_STAGE_LABELS.reused}`,
};

/** Cumulative area of `records` dated on or before `date` (all when `date` is undefined). */
function cumulative(records: readonly StageRecord[], date?: string): Rational {
  let acc = Rational.ZERO;
  for (const r of records) if (date === undefined || r.date <= date) acc = acc.plus(r.area);
  return acc;
}

/**
 * Stage rules for one parcel: signed area (cumulative) never above the
 * parcel; each later step's cumulative area never above the previous step's,
 * both in total and as of every date from this event on (so stages are also
 * dated in order).
 */
function checkStage(
  event: VacatingStageReached,
  parcelArea: Rational,
  records: readonly StageRecord[],
  issue: (field: string, rule: RuleId, message: string) => void,
): void {
  const step = VACATING_STAGE_STEP[event.stage];
  const area = event.area.base;
  const current = records.filter((r) => r.step === step);
  if (step === 0) {
    const signed = cumulative(current);
    if (signed.plus(area).greaterThan(parcelArea)) {
      issue(
        'area',
        'vacating.exceedsParcel',
        `signed ${mu(signed)} + ${mu(area)} exceeds parcel ${event.parcelId} of ${mu(parcelArea)}`,
      );
    }
    return;
  }
  const previous = records.filter((r) => r.step === step - 1);
  const name = STAGE_NAMES[step] ?? event.stage;
  const before = STAGE_NAMES[step - 1] ?? '';
  const prevTotal = cumulative(previous);
  if (prevTotal.isZero()) {
    issue('stage', 'vacating.stageOrder', `parcel ${event.parcelId} has no ${before} yet, so it cannot reach ${name}`);
    return;
  }
  if (cumulative(current).plus(area).greaterThan(prevTotal)) {
    issue(
      'area',
      'vacating.exceedsPreviousStage',
      `${name} would reach ${mu(cumulative(current).plus(area))} on parcel ${event.parcelId}, above its ${before} of ${mu(prevTotal)}`,
    );
    return;
  }
  const checkpoints = [event.date, ...current.filter((r) => r.date > event.date).map((r) => r.date)];
  for (const t of checkpoints) {
    const reached = cumulative(previous, t);
    const wouldBe = cumulative(current, t).plus(area);
    if (wouldBe.greaterThan(reached)) {
      issue(
        'date',
        'vacating.dateOrder',
        `on ${t} parcel ${event.parcelId} had ${mu(reached)} at ${before}, fewer than the ${mu(wouldBe)} at ${name} this event dated ${event.date} implies`,
      );
      return;
    }
  }
}

/** Cumulative area per stage of one parcel (as of `date`, or all), in 亩 as `Area`. */
export function parcelStages(
  ledger: CampaignLedger,
  parcelId: string,
  date?: string,
): Readonly<Record<VacatingStage, Area>> {
  const out: Record<VacatingStage, Area> = {
    signed: Area.zero(),
    demolished: Area.zero(),
    reclamationApproved: Area.zero(),
    accepted: Area.zero(),
    reclaimedFarmland: Area.zero(),
    reused: Area.zero(),
  };
  for (const { event } of ledger.events()) {
    if (event.type !== 'vacatingStage' || event.parcelId !== parcelId) continue;
    if (date !== undefined && event.date > date) continue;
    out[event.stage] = out[event.stage].plus(event.area);
  }
  return out;
}

/**
 * The flags of a 低散乱 remediation: those on the event (an unregistered
 * workshop's 四无, say) together with the registered enterprise's own.
 */
export function remediationFlags(
  ledger: CampaignLedger,
  event: LowScatteredRemediated,
): { flags: readonly EnterpriseFlag[]; fourWithout: readonly FourWithout[] } {
  const e = event.uscc === undefined ? undefined : ledger.references.enterprise(event.uscc);
  const flags = new Set<EnterpriseFlag>([...(e?.flags ?? []), ...(event.flags ?? [])]);
  const fourWithout = new Set<FourWithout>([...(e?.fourWithout ?? []), ...(event.fourWithout ?? [])]);
  return { flags: [...flags].sort(), fourWithout: [...fourWithout].sort() };
}

/**
 * A ledger rebuilt from persisted events (e.g. `ledger.toJSON().events` or
 * rows of a store), all or nothing.
 */
export function replayLedger(references: LedgerReferences, events: readonly unknown[]): BatchResult {
  // Recorded events were accepted when they were written: their dates are not judged again.
  return applyBatch(emptyLedger(references), events, { clock: false });
}
