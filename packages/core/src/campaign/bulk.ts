import type { FieldIssue } from '../errors';
import { toDecimal } from '../exact/decimal';
import { Rational } from '../exact/rational';
import { safeParseDivisionCode } from '../ids/division-code';
import { safeParseUscc } from '../ids/uscc';
import { isIsoDate } from '../model/date';
import { ID_PATTERN, plainTextRule } from '../model/fields';
import { Quantity } from '../quantity/quantity';
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
 * isIsoDate, safeParseUscc, safeParseDivisionCode, plainTextRule, toDecimal,
 * the subject rules) and builds the same value zod would. Anything it does not
 * accept outright — a bad field, an unknown key, a rarer form (`{ value, unit }`
 * areas, flag lists, notes) — goes through `safeParseCampaignEvent`, so every
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

const id = (v: unknown): string | typeof NO =>
  typeof v === 'string' && v.length >= 1 && v.length <= 128 && ID_PATTERN.test(v) ? v : NO;

const uscc = (v: unknown): string | typeof NO => {
  if (typeof v !== 'string') return NO;
  const r = safeParseUscc(v);
  return r.ok ? r.value : NO;
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

/** A positive area given as a decimal string in `unit` (the `{ value, unit }` form is left to zod). */
const area = (v: unknown, unit: 'mu' | 'squareMetre'): Quantity<'area'> | typeof NO => {
  if (typeof v !== 'string') return NO;
  let q: Quantity<'area'>;
  try {
    q = Quantity.of('area', Rational.from(toDecimal(v)), unit);
  } catch {
    return NO;
  }
  return q.isPositive() ? q : NO;
};

/** The event zod would produce, or NO when zod must judge it. */
function fast(input: unknown): CampaignEvent | typeof NO {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return NO;
  const o = input as Record<string, unknown>;
  const type = o.type;
  if (typeof type !== 'string') return NO;
  const keys = KEYS[type];
  if (keys === undefined) return NO;
  for (const k in o) if (!COMMON.has(k) && !keys.has(k)) return NO;
  const eventId = id(o.id);
  const date = o.date;
  if (eventId === NO || typeof date !== 'string' || !isIsoDate(date) || typeof o.townCode !== 'string') return NO;
  const town = safeParseDivisionCode(o.townCode);
  if (!town.ok) return NO;
  const base = { id: eventId, date, townCode: town.value };
  const opt = <T>(v: unknown, f: (v: unknown) => T | typeof NO): T | undefined | typeof NO =>
    v === undefined ? undefined : f(v);
  switch (type) {
    case 'lowScatteredRemediated': {
      const u = opt(o.uscc, uscc);
      const w = opt(o.workshopName, name);
      const outcome = oneOf(OUTCOMES, o.outcome);
      if (u === NO || w === NO || outcome === NO || !remediationSubjectOk({ uscc: u, workshopName: w })) return NO;
      return {
        type,
        ...base,
        ...(u === undefined ? {} : { uscc: u }),
        ...(w === undefined ? {} : { workshopName: w }),
        outcome,
      } as CampaignEvent;
    }
    case 'backwardCapacityEliminated': {
      const items = count(o.items);
      const u = opt(o.uscc, uscc);
      if (items === NO || u === NO) return NO;
      return { type, ...base, items, ...(u === undefined ? {} : { uscc: u }) } as CampaignEvent;
    }
    case 'zombieDisposed': {
      const u = uscc(o.uscc);
      const method = oneOf(DISPOSALS, o.method);
      if (u === NO || method === NO) return NO;
      return { type, ...base, uscc: u, method } as CampaignEvent;
    }
    case 'vacatingStage': {
      const parcelId = id(o.parcelId);
      const stage = oneOf(STAGES, o.stage);
      const a = area(o.area, 'mu');
      if (parcelId === NO || stage === NO || a === NO) return NO;
      return { type, ...base, parcelId, stage, area: a } as CampaignEvent;
    }
    case 'idleLandRevitalised': {
      const parcelId = id(o.parcelId);
      const method = oneOf(IDLE_METHODS, o.method);
      const a = area(o.area, 'mu');
      if (parcelId === NO || method === NO || a === NO) return NO;
      return { type, ...base, parcelId, method, area: a } as CampaignEvent;
    }
    case 'inParkLandRemediated': {
      const parcelId = id(o.parcelId);
      const a = area(o.area, 'mu');
      const u = opt(o.uscc, uscc);
      if (parcelId === NO || a === NO || u === NO) return NO;
      return { type, ...base, parcelId, area: a, ...(u === undefined ? {} : { uscc: u }) } as CampaignEvent;
    }
    case 'parkFloorAreaCompleted': {
      const parkId = id(o.parkId);
      const phase = count(o.phase);
      const floorArea = area(o.floorArea, 'squareMetre');
      if (parkId === NO || phase === NO || floorArea === NO) return NO;
      return { type, ...base, parkId, phase, floorArea } as CampaignEvent;
    }
    case 'parkEntered': {
      const parkId = id(o.parkId);
      const u = opt(o.uscc, uscc);
      const n = opt(o.enterpriseName, name);
      if (parkId === NO || u === NO || n === NO || !parkEntrySubjectOk({ uscc: u, enterpriseName: n })) return NO;
      return {
        type,
        ...base,
        parkId,
        ...(u === undefined ? {} : { uscc: u }),
        ...(n === undefined ? {} : { enterpriseName: n }),
      } as CampaignEvent;
    }
    default:
      return NO;
  }
}

/**
 * Validates many raw events at once: one result per input, equal to what
 * `safeParseCampaignEvent(input, root)` returns for it (same value, same
 * issues with the same fields, rules and messages), at a fraction of the cost
 * for well-formed events. `applyBatch` (and so `replayLedger` and the stores'
 * imports) validates through it.
 */
export function safeParseCampaignEvents(inputs: readonly unknown[], root = 'event'): EventParseResult[] {
  return inputs.map((input) => {
    const value = fast(input);
    return value === NO ? safeParseCampaignEvent(input, root) : { ok: true, value };
  });
}
