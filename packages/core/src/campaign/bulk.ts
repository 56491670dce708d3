import type { FieldIssue } from '../errors';
import {
  CodeMemo,
  fastDate,
  fastId,
  fastName,
  fastOneOf,
  fastOptional,
  fastPositive,
  fastUscc,
  isRecord,
  NO,
  type No,
  onlyKeys,
} from '../model/fast-fields';
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
 * well-formed shapes with the fields of `model/fast-fields` (each the very
 * predicate its zod field uses) and the subject rules, and builds the same value
 * zod would. Anything it does not
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

/** Keys each event type may carry on the fast path, the common ones included (`note` is left to zod). */
const keys = (...own: string[]) => new Set(['type', 'id', 'date', 'townCode', ...own]);
const KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  lowScatteredRemediated: keys('uscc', 'workshopName', 'outcome'),
  backwardCapacityEliminated: keys('items', 'uscc'),
  zombieDisposed: keys('uscc', 'method'),
  vacatingStage: keys('parcelId', 'stage', 'area'),
  idleLandRevitalised: keys('parcelId', 'method', 'area'),
  inParkLandRemediated: keys('parcelId', 'area', 'uscc'),
  parkFloorAreaCompleted: keys('parkId', 'phase', 'floorArea'),
  parkEntered: keys('parkId', 'uscc', 'enterpriseName'),
};

const count = (v: unknown): number | No => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : NO);

/** The event zod would produce, or NO when zod must judge it. */
function fast(input: unknown, memo: CodeMemo): CampaignEvent | No {
  if (!isRecord(input)) return NO;
  const o = input;
  const type = o.type;
  if (typeof type !== 'string') return NO;
  const allowed = KEYS[type];
  if (allowed === undefined || !onlyKeys(o, allowed)) return NO;
  const eventId = fastId(o.id);
  const date = fastDate(o.date);
  const town = memo.divisionCode(o.townCode);
  if (eventId === NO || date === NO || town === NO) return NO;
  // Each shape is one object literal (all its properties in the object itself, no spreads, no
  // properties added later): this runs once per event of a replay, and the ledger keeps the object.
  switch (type) {
    case 'lowScatteredRemediated': {
      const u = fastOptional(o.uscc, fastUscc);
      const w = fastOptional(o.workshopName, fastName);
      const outcome = fastOneOf(OUTCOMES, o.outcome);
      if (u === NO || w === NO || outcome === NO || !remediationSubjectOk({ uscc: u, workshopName: w })) return NO;
      // The subject rule leaves exactly one of the two.
      if (w !== undefined)
        return { type, id: eventId, date, townCode: town, workshopName: w, outcome } as CampaignEvent;
      return { type, id: eventId, date, townCode: town, uscc: u, outcome } as CampaignEvent;
    }
    case 'backwardCapacityEliminated': {
      const items = count(o.items);
      const u = fastOptional(o.uscc, fastUscc);
      if (items === NO || u === NO) return NO;
      return (
        u === undefined
          ? { type, id: eventId, date, townCode: town, items }
          : { type, id: eventId, date, townCode: town, items, uscc: u }
      ) as CampaignEvent;
    }
    case 'zombieDisposed': {
      const u = fastUscc(o.uscc);
      const method = fastOneOf(DISPOSALS, o.method);
      if (u === NO || method === NO) return NO;
      return { type, id: eventId, date, townCode: town, uscc: u, method } as CampaignEvent;
    }
    case 'vacatingStage': {
      const parcelId = fastId(o.parcelId);
      const stage = fastOneOf(STAGES, o.stage);
      const a = fastPositive('area', o.area, 'mu');
      if (parcelId === NO || stage === NO || a === NO) return NO;
      return { type, id: eventId, date, townCode: town, parcelId, stage, area: a } as CampaignEvent;
    }
    case 'idleLandRevitalised': {
      const parcelId = fastId(o.parcelId);
      const method = fastOneOf(IDLE_METHODS, o.method);
      const a = fastPositive('area', o.area, 'mu');
      if (parcelId === NO || method === NO || a === NO) return NO;
      return { type, id: eventId, date, townCode: town, parcelId, method, area: a } as CampaignEvent;
    }
    case 'inParkLandRemediated': {
      const parcelId = fastId(o.parcelId);
      const a = fastPositive('area', o.area, 'mu');
      const u = fastOptional(o.uscc, fastUscc);
      if (parcelId === NO || a === NO || u === NO) return NO;
      return (
        u === undefined
          ? { type, id: eventId, date, townCode: town, parcelId, area: a }
          : { type, id: eventId, date, townCode: town, parcelId, area: a, uscc: u }
      ) as CampaignEvent;
    }
    case 'parkFloorAreaCompleted': {
      const parkId = fastId(o.parkId);
      const phase = count(o.phase);
      const floorArea = fastPositive('area', o.floorArea, 'squareMetre');
      if (parkId === NO || phase === NO || floorArea === NO) return NO;
      return { type, id: eventId, date, townCode: town, parkId, phase, floorArea } as CampaignEvent;
    }
    case 'parkEntered': {
      const parkId = fastId(o.parkId);
      const u = fastOptional(o.uscc, fastUscc);
      const n = fastOptional(o.enterpriseName, fastName);
      if (parkId === NO || u === NO || n === NO || !parkEntrySubjectOk({ uscc: u, enterpriseName: n })) return NO;
      if (u === undefined)
        return { type, id: eventId, date, townCode: town, parkId, enterpriseName: n } as CampaignEvent;
      if (n === undefined) return { type, id: eventId, date, townCode: town, parkId, uscc: u } as CampaignEvent;
      return { type, id: eventId, date, townCode: town, parkId, uscc: u, enterpriseName: n } as CampaignEvent;
    }
    default:
      return NO;
  }
}

/**
 * Reads the events of one pass (a batch): the fast path with its memo of towns,
 * then zod for whatever the fast path does not accept outright. Module-internal
 * to the campaign domain (`applyBatch` reads through it); not exported by the package.
 */
export class CampaignEventReader {
  readonly #memo = new CodeMemo();
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  /** The event when the fast path accepts `input` outright; such an input holds no parsed Quantity. */
  fast(input: unknown): CampaignEvent | undefined {
    const value = fast(input, this.#memo);
    return value === NO ? undefined : value;
  }

  /** Exactly `safeParseCampaignEvent(input, root)`'s result. */
  read(input: unknown): EventParseResult {
    const value = fast(input, this.#memo);
    return value === NO ? safeParseCampaignEvent(input, this.#root) : { ok: true, value };
  }
}

/**
 * Validates many raw events at once: one result per input, equal to what
 * `safeParseCampaignEvent(input, root)` returns for it (same value, same
 * issues with the same fields, rules and messages), at a fraction of the cost
 * for well-formed events. `applyBatch` (and so `replayLedger` and the stores'
 * imports) validates the same way, event by event.
 */
export function safeParseCampaignEvents(inputs: readonly unknown[], root = 'event'): EventParseResult[] {
  const reader = new CampaignEventReader(root);
  const out: EventParseResult[] = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = reader.read(inputs[i]);
  return out;
}
