import type { FieldIssue } from '../errors';
import { Rational } from '../exact/rational';
import { VACATING_STAGE_LABELS } from '../labels';
import { addDays, fromEpochDay } from '../model/date';
import type { Enterprise, EnterpriseFlag, FourWithout } from '../model/enterprise';
import type { Town } from '../model/region';
import { Area } from '../quantity/kinds';
import { Quantity } from '../quantity/quantity';
import { unitLabel } from '../quantity/units';
import type { RuleId } from '../rules';
import { CampaignEventReader } from './bulk';
import {
  type CampaignEvent,
  canonicalEvent,
  eventToJson,
  type LowScatteredRemediated,
  VACATING_STAGE_STEP,
  type VacatingStage,
  type VacatingStageReached,
} from './events';
import { IdIndex } from './id-index';
import type { LedgerReferences } from './references';

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
  /** The position in `entries` of each event id (an entry's position is its `seq`). */
  readonly ids = new IdIndex((position) => (this.entries[position] as AppliedEvent).event.id);
  readonly stages = new Map<string, StageRecord[]>();
  /** Cumulative area (base units) used per parcel (idle/in-park) or per park phase. */
  readonly used = new Map<string, Rational>();
  /** Registered enterprises closed (关停淘汰), zombies disposed, park entries. */
  readonly marks = new Set<string>();

  /**
   * Appends one entry. The entry itself (entries, ids, stages) is taken back by
   * `retract`; the rarer changes to `used` and `marks` push their own undo step.
   */
  append(entry: AppliedEvent, undo: (() => void)[]): void {
    const { event } = entry;
    this.ids.add(event.id, this.entries.length);
    this.entries.push(entry);
    switch (event.type) {
      case 'vacatingStage': {
        let list = this.stages.get(event.parcelId);
        if (list === undefined) {
          list = [];
          this.stages.set(event.parcelId, list);
        }
        list.push({
          step: VACATING_STAGE_STEP[event.stage],
          stage: event.stage,
          date: event.date,
          area: event.area.base,
        });
        break;
      }
      case 'idleLandRevitalised':
      case 'inParkLandRemediated':
        this.add(`parcel:${event.parcelId}`, event.area.base, undo);
        break;
      case 'parkFloorAreaCompleted':
        this.add(`phase:${event.parkId}#${event.phase}`, event.floorArea.base, undo);
        break;
      case 'lowScatteredRemediated':
        if (event.uscc !== undefined && event.outcome === 'closedEliminated') this.mark(`closed:${event.uscc}`, undo);
        break;
      case 'zombieDisposed':
        this.mark(`zombie:${event.uscc}`, undo);
        break;
      case 'parkEntered':
        if (event.uscc !== undefined) this.mark(`entry:${event.parkId}#${event.uscc}`, undo);
        break;
      default:
        break;
    }
  }

  private add(key: string, amount: Rational, undo: (() => void)[]): void {
    const before = this.used.get(key);
    this.used.set(key, (before ?? Rational.ZERO).plus(amount));
    undo.push(() => (before === undefined ? this.used.delete(key) : this.used.set(key, before)));
  }

  private mark(key: string, undo: (() => void)[]): void {
    if (this.marks.has(key)) return;
    this.marks.add(key);
    undo.push(() => this.marks.delete(key));
  }

  /** Takes back every entry from position `length` on (newest first), with the undo steps `append` pushed. */
  retract(length: number, undo: readonly (() => void)[]): void {
    for (let i = undo.length - 1; i >= 0; i--) undo[i]?.();
    while (this.entries.length > length) {
      const { event } = this.entries[this.entries.length - 1] as AppliedEvent;
      this.ids.delete(event.id);
      this.entries.pop();
      if (event.type === 'vacatingStage') {
        const list = this.stages.get(event.parcelId) as StageRecord[];
        list.pop();
        if (list.length === 0) this.stages.delete(event.parcelId);
      }
    }
  }

  static rebuild(entries: readonly AppliedEvent[]): Log {
    const log = new Log();
    log.ids.reserve(entries.length);
    const undo: (() => void)[] = [];
    for (const e of entries) log.append(e, undo);
    return log;
  }
}

/**
 * An applied event. Its canonical text is made on first use (a replay compares it
 * only for an id met twice; a store writes it): the text of an event never changes.
 */
class Applied implements AppliedEvent {
  readonly seq: number;
  readonly event: CampaignEvent;
  #canonical: string | undefined;

  constructor(seq: number, event: CampaignEvent, canonical?: string) {
    this.seq = seq;
    this.event = event;
    this.#canonical = canonical;
  }

  get canonical(): string {
    this.#canonical ??= canonicalEvent(this.event);
    return this.#canonical;
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
    const at = this.#log.ids.get(id);
    return at >= 0 && at < this.version ? (this.#log.entries[at] as AppliedEvent).event : undefined;
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
  if (typeof input !== 'object' || input === null) return false;
  const o = input as Record<string, unknown>;
  for (const k in o) if (o[k] instanceof Quantity) return true;
  return false;
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
 * import { applyBatch, emptyLedger, parseRegistry, registryReferences, TONGXIANG_2018_INPUT } from '@mujun/core';
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
  const start = log.entries.length;
  const undo: (() => void)[] = [];
  const errors: EventError[] = [];
  const applied: CampaignEvent[] = [];
  const skipped: string[] = [];
  const checker = new EventChecker(refs, log);
  let seq = state.version;

  const reader = new CampaignEventReader('');
  // Sized once for the whole batch: the index never regrows while the batch is read.
  log.ids.reserve(start + inputs.length);
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index];
    // The fast path first: what it accepts is a well-formed raw event (never a parsed one).
    let event = reader.fast(input);
    if (event === undefined) {
      // A parsed event is checked in its JSON form; anything else is judged by zod, as before.
      const raw = isParsedEvent(input) ? eventToJson(input) : input;
      const parsed = reader.read(raw);
      if (!parsed.ok) {
        fail(errors, index, rawIdOf(raw), parsed.issues);
        continue;
      }
      event = parsed.value;
    }
    const at = log.ids.get(event.id);
    if (at >= 0) {
      const existing = log.entries[at] as AppliedEvent;
      if (existing.canonical === canonicalEvent(event)) skipped.push(event.id);
      else
        fail(errors, index, rawIdOf(input), [
          {
            field: 'id',
            rule: 'event.idConflict',
            message: `event ${event.id} is already recorded with different content`,
          },
        ]);
      continue;
    }
    let issues = checker.check(event);
    if (latest !== undefined && event.date > latest) {
      issues ??= [];
      issues.push({
        field: 'date',
        rule: 'event.future',
        message: `${event.date} is in the future: events are recorded once they happened (latest accepted date ${latest})`,
      });
    }
    if (issues !== undefined) {
      fail(errors, index, event.id, issues);
      continue;
    }
    log.append(new Applied(seq, event), undo);
    seq += 1;
    applied.push(event);
  }

  if (errors.length > 0) {
    log.retract(start, undo);
    return { ok: false, errors };
  }
  return { ok: true, state: makeLedger(refs, log, seq), applied, skipped };
}

/** The id of a raw event, when it has one (named in its error even when the event is malformed). */
function rawIdOf(raw: unknown): string | undefined {
  return typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
    ? (raw as { id: string }).id
    : undefined;
}

/** Records the error of event `index`: its first issue, and all of them. */
function fail(errors: EventError[], index: number, eventId: string | undefined, issues: readonly FieldIssue[]): void {
  const first = issues[0] ?? { field: `events.${index}`, rule: 'invalid', message: 'invalid event' };
  errors.push({ eventId, index, field: first.field, rule: first.rule, message: first.message, issues });
}

/** An area in base units, printed exactly in 亩 (always a finite decimal). */
const mu = (base: Rational) => `${Quantity.fromBase('area', base).in('mu').toDecimal().toFixed()}${unitLabel('mu')}`;

/**
 * Checks parsed events against the references and the ledger so far. One checker serves a
 * whole batch (the towns are looked up in a map made once, no closures are made per event).
 */
class EventChecker {
  readonly #towns: ReadonlyMap<string, Town>;
  #event: CampaignEvent | undefined;
  #town: Town | undefined;
  #issues: FieldIssue[] | undefined;

  constructor(
    private readonly refs: LedgerReferences,
    private readonly log: Log,
  ) {
    const towns = new Map<string, Town>();
    for (const t of refs.region.towns) if (!towns.has(t.code)) towns.set(t.code, t);
    this.#towns = towns;
  }

  /** The issues of `event`, or undefined when it may be applied (no list is made for a good event). */
  check(event: CampaignEvent): FieldIssue[] | undefined {
    this.#event = event;
    this.#issues = undefined;
    this.#town = this.#towns.get(event.townCode);
    if (!this.#town)
      this.issue('townCode', 'reference.town', `town ${event.townCode} is not in ${this.refs.region.name}`);
    switch (event.type) {
      case 'lowScatteredRemediated':
        if (event.uscc !== undefined) {
          this.enterprise(event.uscc, 'uscc', true);
          if (this.log.marks.has(`closed:${event.uscc}`)) {
            this.issue('uscc', 'remediation.alreadyClosed', `enterprise ${event.uscc} was already closed (关停淘汰)`);
          }
        }
        break;
      case 'backwardCapacityEliminated':
        if (event.uscc !== undefined) this.enterprise(event.uscc, 'uscc', true);
        break;
      case 'zombieDisposed':
        this.enterprise(event.uscc, 'uscc', true);
        if (this.log.marks.has(`zombie:${event.uscc}`)) {
          this.issue('uscc', 'zombie.alreadyDisposed', `zombie enterprise ${event.uscc} was already disposed of`);
        }
        break;
      case 'vacatingStage': {
        if (event.usccs !== undefined)
          for (let i = 0; i < event.usccs.length; i++) this.enterprise(event.usccs[i] as string, `usccs.${i}`, false);
        const parcel = this.refs.parcel(event.parcelId);
        if (!parcel) {
          this.issue('parcelId', 'reference.parcel', `parcel ${event.parcelId} does not exist`);
          break;
        }
        this.sameTown(`parcel ${parcel.id}`, parcel.townCode);
        checkStage(event, parcel.area.base, this.log.stages.get(event.parcelId) ?? NO_STAGES, this.issue);
        break;
      }
      case 'idleLandRevitalised':
      case 'inParkLandRemediated': {
        if (event.type === 'inParkLandRemediated' && event.uscc !== undefined)
          this.enterprise(event.uscc, 'uscc', false);
        const parcel = this.refs.parcel(event.parcelId);
        if (!parcel) {
          this.issue('parcelId', 'reference.parcel', `parcel ${event.parcelId} does not exist`);
          break;
        }
        this.sameTown(`parcel ${parcel.id}`, parcel.townCode);
        const idle = event.type === 'idleLandRevitalised';
        const okCategory = idle
          ? parcel.category === 'idleTransferredNotSupplied' || parcel.category === 'idleSuppliedNotUsed'
          : parcel.category === 'inParkInefficient';
        if (!okCategory) {
          this.issue(
            'parcelId',
            idle ? 'idleLand.category' : 'inParkLand.category',
            `parcel ${parcel.id} is ${parcel.category}, not ${idle ? 'idle land (转而未供/供而未用)' : '园区内低效用地'}`,
          );
        }
        const used = this.log.used.get(`parcel:${parcel.id}`) ?? Rational.ZERO;
        if (used.plus(event.area.base).greaterThan(parcel.area.base)) {
          this.issue(
            'area',
            idle ? 'idleLand.exceedsParcel' : 'inParkLand.exceedsParcel',
            `${mu(used)} already recorded + ${mu(event.area.base)} exceeds parcel ${parcel.id} of ${mu(parcel.area.base)}`,
          );
        }
        break;
      }
      case 'parkFloorAreaCompleted': {
        const park = this.refs.park(event.parkId);
        if (!park) {
          this.issue('parkId', 'reference.park', `park ${event.parkId} does not exist`);
          break;
        }
        this.sameTown(`park ${park.id}`, park.townCode);
        const phase = park.phases.find((p) => p.phase === event.phase);
        if (!phase) {
          this.issue('phase', 'reference.phase', `park ${park.id} has no phase ${event.phase}`);
          break;
        }
        const done = this.log.used.get(`phase:${park.id}#${event.phase}`) ?? Rational.ZERO;
        if (done.plus(event.floorArea.base).greaterThan(phase.floorArea.base)) {
          const sqm = (b: Rational) => Quantity.fromBase('area', b).format('squareMetre', { places: 2 });
          this.issue(
            'floorArea',
            'park.exceedsPhase',
            `${sqm(done)} already completed + ${sqm(event.floorArea.base)} exceeds phase ${event.phase} of ${sqm(phase.floorArea.base)}`,
          );
        }
        break;
      }
      case 'parkEntered': {
        if (event.uscc !== undefined) this.enterprise(event.uscc, 'uscc', false);
        const park = this.refs.park(event.parkId);
        if (!park) {
          this.issue('parkId', 'reference.park', `park ${event.parkId} does not exist`);
          break;
        }
        this.sameTown(`park ${park.id}`, park.townCode);
        if (event.uscc !== undefined && this.log.marks.has(`entry:${park.id}#${event.uscc}`)) {
          this.issue('uscc', 'parkEntry.duplicate', `enterprise ${event.uscc} already entered park ${park.id}`);
        }
        break;
      }
    }
    return this.#issues;
  }

  readonly issue = (field: string, rule: RuleId, message: string): void => {
    this.#issues ??= [];
    this.#issues.push({ field, rule, message });
  };

  private sameTown(what: string, townCode: string): void {
    const event = this.#event as CampaignEvent;
    if (this.#town && townCode !== event.townCode) {
      this.issue('townCode', 'reference.townMismatch', `${what} lies in town ${townCode}, not ${event.townCode}`);
    }
  }

  private enterprise(uscc: string, field: string, checkTown: boolean): Enterprise | undefined {
    const e = this.refs.enterprise(uscc);
    if (!e) this.issue(field, 'reference.enterprise', `enterprise ${uscc} is not registered`);
    else if (checkTown) this.sameTown(`enterprise ${uscc}`, e.townCode);
    return e;
  }
}

/** Stage names by step, from the labels (复耕 and 再利用 share the last step). */
const STAGE_NAMES: Record<number, string> = {
  0: VACATING_STAGE_LABELS.signed,
  1: VACATING_STAGE_LABELS.demolished,
  2: VACATING_STAGE_LABELS.reclamationApproved,
  3: VACATING_STAGE_LABELS.accepted,
  4: `${VACATING_STAGE_LABELS.reclaimedFarmland}/${VACATING_STAGE_LABELS.reused}`,
};

const NO_STAGES: readonly StageRecord[] = [];

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
  // One pass over the parcel's records (this runs for every stage event of a replay): the totals of
  // this step and the one before, and each one's latest date, which settles the date check below.
  let current = Rational.ZERO;
  let previous = Rational.ZERO;
  let currentLatest = '';
  let previousLatest = '';
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as StageRecord;
    if (r.step === step) {
      current = current.plus(r.area);
      if (r.date > currentLatest) currentLatest = r.date;
    } else if (r.step === step - 1) {
      previous = previous.plus(r.area);
      if (r.date > previousLatest) previousLatest = r.date;
    }
  }
  if (step === 0) {
    if (current.plus(area).greaterThan(parcelArea)) {
      issue(
        'area',
        'vacating.exceedsParcel',
        `signed ${mu(current)} + ${mu(area)} exceeds parcel ${event.parcelId} of ${mu(parcelArea)}`,
      );
    }
    return;
  }
  const name = STAGE_NAMES[step] ?? event.stage;
  const before = STAGE_NAMES[step - 1] ?? '';
  if (previous.isZero()) {
    issue('stage', 'vacating.stageOrder', `parcel ${event.parcelId} has no ${before} yet, so it cannot reach ${name}`);
    return;
  }
  const wouldBe = current.plus(area);
  if (wouldBe.greaterThan(previous)) {
    issue(
      'area',
      'vacating.exceedsPreviousStage',
      `${name} would reach ${mu(wouldBe)} on parcel ${event.parcelId}, above its ${before} of ${mu(previous)}`,
    );
    return;
  }
  // As of every date from this event's on: this event's own date, and each later one of this step.
  // When none of this step is dated later, that is the event's date alone, and when nothing of either
  // step is dated later, the totals as of that date are the totals just checked.
  if (currentLatest <= event.date && previousLatest <= event.date) return;
  const ofStep = (s: number) => records.filter((r) => r.step === s);
  const currentRecords = ofStep(step);
  const previousRecords = ofStep(step - 1);
  const checkpoints = [event.date, ...currentRecords.filter((r) => r.date > event.date).map((r) => r.date)];
  for (const t of checkpoints) {
    const reached = cumulative(previousRecords, t);
    const wouldBeThen = cumulative(currentRecords, t).plus(area);
    if (wouldBeThen.greaterThan(reached)) {
      issue(
        'date',
        'vacating.dateOrder',
        `on ${t} parcel ${event.parcelId} had ${mu(reached)} at ${before}, fewer than the ${mu(wouldBeThen)} at ${name} this event dated ${event.date} implies`,
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
