import type { FieldIssue } from '../errors';
import { safeParseDivisionCode } from '../ids/division-code';
import { safeParseUscc } from '../ids/uscc';
import { isIsoDate } from '../model/date';
import { ID_PATTERN, plainQuantity, plainTextRule } from '../model/fields';
import type { Quantity } from '../quantity/quantity';
import { UNITS, type Unit, type UnitOf } from '../quantity/units';
import {
  type CampaignEvent,
  idleLandMethodSchema,
  parkEntrySubjectOk,
  remediationOutcomeSchema,
  remediationSubjectOk,
  safeParseCampaignEvent,
  vacatingStageSchema,
  zombieDisposalMethodSchema,
} from './events';

/*
 * Bulk validation of campaign events. zod costs ~20–30 µs an event, too slow
 * for a million-event replay. The fast path below recognises the common,
 * well-formed shapes using the same predicates the zod fields use (ID_PATTERN,
 * isIsoDate, safeParseUscc, safeParseDivisionCode, plainTextRule, plainQuantity,
 * the subject rules) and builds the same value zod would. Anything it does not
 * accept outright — a bad field, an unknown key, a rarer form (areas that are not
 * plain decimals, flag lists, notes) — goes through `safeParseCampaignEvent`, so every
 * issue (field, rule, message) is zod's own: the fast path decides nothing
 * about a bad input, and the messages cannot drift.
 */

/** The result of one event: the parsed event, or its issues. */
export type EventParseResult = { ok: true; value: CampaignEvent } | { ok: false; issues: FieldIssue[] };

const OUTCOMES = new Set<string>(remediationOutcomeSchema.options);
const DISPOSALS = new Set<string>(zombieDisposalMethodSchema.options);
const STAGES = new Set<string>(vacatingStageSchema.options);
const IDLE_METHODS = new Set<string>(idleLandMethodSchema.options);

/** Keys each event type may carry on the fast path (common keys included; `note` is left to zod). */
const KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  lowScatteredRemediated: new Set(['uscc', 'workshopName', 'outcome']),
  backwardCapacityEliminated: new Set(['items', 'uscc']),
  zombieDisposed: new Set(['uscc', 'method']),
  vacatingStage: new Set(['parcelId', 'stage', 'area']),
  idleLandRevitalised: new Set(['parcelId', 'method', 'area']),
  inParkLandRemediated: new Set(['parcelId', 'area', 'uscc']),
  parkFloorAreaCompleted: new Set(['parkId', 'phase', 'floorArea']),
  parkEntered: new Set(['parkId', 'uscc', 'enterpriseName']),
};
const COMMON = new Set(['type', 'id', 'date', 'townCode']);

/** Marks a field the fast path does not accept outright. */
const NO = Symbol('slow');

/** Division codes already judged in this pass (a batch names a few towns many times): the code, or NO. */
type TownMemo = Map<string, string | typeof NO>;

const id = (v: unknown): string | typeof NO =>
  typeof v === 'string' && v.length >= 1 && v.length <= 128 && ID_PATTERN.test(v) ? v : NO;

const uscc = (v: unknown): string | typeof NO => {
  if (typeof v !== 'string') return NO;
  const r = safeParseUscc(v);
  return r.ok ? r.value : NO;
};

const townCode = (v: unknown, memo: TownMemo): string | typeof NO => {
  if (typeof v !== 'string') return NO;
  let code = memo.get(v);
  if (code === undefined) {
    const r = safeParseDivisionCode(v);
    code = r.ok ? r.value : NO;
    memo.set(v, code);
  }
  return code;
};

/** nameField: trimmed, 1–200 characters, plain single-line text. */
const name = (v: unknown): string | typeof NO => {
  if (typeof v !== 'string') return NO;
  const s = v.trim();
  return s.length >= 1 && s.length <= 200 && plainTextRule(s, false) === undefined ? s : NO;
};

const oneOf = (set: ReadonlySet<string>, v: unknown): string | typeof NO =>
  typeof v === 'string' && set.has(v) ? v : NO;

const count = (v: unknown): number | typeof NO => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : NO);

/**
 * A positive area: a plain decimal string in `unit`, or `{ value, unit }` with a plain decimal
 * string and an area unit (the form `eventToJson` writes, so a stored ledger replays on this
 * path). Any other form is left to zod.
 */
const area = (v: unknown, unit: 'mu' | 'squareMetre'): Quantity<'area'> | typeof NO => {
  let q: Quantity<'area'> | undefined;
  if (typeof v === 'string') q = plainQuantity('area', v, unit);
  else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k in o) if (k !== 'value' && k !== 'unit') return NO;
    const u = o.unit;
    if (typeof u === 'string' && Object.hasOwn(UNITS, u) && UNITS[u as Unit].kind === 'area')
      q = plainQuantity('area', o.value, u as UnitOf<'area'>);
  }
  return q?.isPositive() ? q : NO;
};

/** The event zod would produce, or NO when zod must judge it. */
function fast(input: unknown, towns: TownMemo): CampaignEvent | typeof NO {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return NO;
  const o = input as Record<string, unknown>;
  const type = o.type;
  if (typeof type !== 'string') return NO;
  const keys = KEYS[type];
  if (keys === undefined) return NO;
  for (const k in o) if (!COMMON.has(k) && !keys.has(k)) return NO;
  const eventId = id(o.id);
  const date = o.date;
  if (eventId === NO || typeof date !== 'string' || !isIsoDate(date)) return NO;
  const town = townCode(o.townCode, towns);
  if (town === NO) return NO;
  // Built property by property (no spreads): this runs once per event of a replay.
  const e: Record<string, unknown> = { type, id: eventId, date, townCode: town };
  switch (type) {
    case 'lowScatteredRemediated': {
      const u = o.uscc === undefined ? undefined : uscc(o.uscc);
      const w = o.workshopName === undefined ? undefined : name(o.workshopName);
      const outcome = oneOf(OUTCOMES, o.outcome);
      if (u === NO || w === NO || outcome === NO || !remediationSubjectOk({ uscc: u, workshopName: w })) return NO;
      if (u !== undefined) e.uscc = u;
      if (w !== undefined) e.workshopName = w;
      e.outcome = outcome;
      break;
    }
    case 'backwardCapacityEliminated': {
      const items = count(o.items);
      const u = o.uscc === undefined ? undefined : uscc(o.uscc);
      if (items === NO || u === NO) return NO;
      e.items = items;
      if (u !== undefined) e.uscc = u;
      break;
    }
    case 'zombieDisposed': {
      const u = uscc(o.uscc);
      const method = oneOf(DISPOSALS, o.method);
      if (u === NO || method === NO) return NO;
      e.uscc = u;
      e.method = method;
      break;
    }
    case 'vacatingStage': {
      const parcelId = id(o.parcelId);
      const stage = oneOf(STAGES, o.stage);
      const a = area(o.area, 'mu');
      if (parcelId === NO || stage === NO || a === NO) return NO;
      e.parcelId = parcelId;
      e.stage = stage;
      e.area = a;
      break;
    }
    case 'idleLandRevitalised': {
      const parcelId = id(o.parcelId);
      const method = oneOf(IDLE_METHODS, o.method);
      const a = area(o.area, 'mu');
      if (parcelId === NO || method === NO || a === NO) return NO;
      e.parcelId = parcelId;
      e.method = method;
      e.area = a;
      break;
    }
    case 'inParkLandRemediated': {
      const parcelId = id(o.parcelId);
      const a = area(o.area, 'mu');
      const u = o.uscc === undefined ? undefined : uscc(o.uscc);
      if (parcelId === NO || a === NO || u === NO) return NO;
      e.parcelId = parcelId;
      e.area = a;
      if (u !== undefined) e.uscc = u;
      break;
    }
    case 'parkFloorAreaCompleted': {
      const parkId = id(o.parkId);
      const phase = count(o.phase);
      const floorArea = area(o.floorArea, 'squareMetre');
      if (parkId === NO || phase === NO || floorArea === NO) return NO;
      e.parkId = parkId;
      e.phase = phase;
      e.floorArea = floorArea;
      break;
    }
    case 'parkEntered': {
      const parkId = id(o.parkId);
      const u = o.uscc === undefined ? undefined : uscc(o.uscc);
      const n = o.enterpriseName === undefined ? undefined : name(o.enterpriseName);
      if (parkId === NO || u === NO || n === NO || !parkEntrySubjectOk({ uscc: u, enterpriseName: n })) return NO;
      e.parkId = parkId;
      if (u !== undefined) e.uscc = u;
      if (n !== undefined) e.enterpriseName = n;
      break;
    }
    default:
      return NO;
  }
  return e as CampaignEvent;
}

/**
 * Validates many raw events at once: one result per input, equal to what
 * `safeParseCampaignEvent(input, root)` returns for it (same value, same
 * issues with the same fields, rules and messages), at a fraction of the cost
 * for well-formed events. `applyBatch` (and so `replayLedger` and the stores'
 * imports) validates through it.
 */
export function safeParseCampaignEvents(inputs: readonly unknown[], root = 'event'): EventParseResult[] {
  const towns: TownMemo = new Map();
  const out: EventParseResult[] = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    const value = fast(input, towns);
    out[i] = value === NO ? safeParseCampaignEvent(input, root) : { ok: true, value };
  }
  return out;
}
