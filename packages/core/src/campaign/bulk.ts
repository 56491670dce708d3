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

/*
 * Each field an event may carry on the fast path, as one bit (`note`, `flags`, `usccs`, ... are
 * left to zod). An event is read in one `for…in` pass over its keys: a key outside its type's
 * set sends it to zod (which strips or refuses it), as before. Reading the values in that pass
 * (`input[key]` of the key just enumerated) loads each straight from the object, where
 * `input.id`, `input.date`, ... would each go through a property lookup: callers build events
 * by spreading a common base (`{ ...base, type, ... }`), which gives nearly every event its own
 * hidden class, and a lookup on a class never seen before is slow.
 */
const TYPE = 1;
const ID = 1 << 1;
const DATE = 1 << 2;
const TOWN = 1 << 3;
const USCC = 1 << 4;
const WORKSHOP = 1 << 5;
const OUTCOME = 1 << 6;
const ITEMS = 1 << 7;
const METHOD = 1 << 8;
const PARCEL = 1 << 9;
const STAGE = 1 << 10;
const AREA = 1 << 11;
const PARK = 1 << 12;
const PHASE = 1 << 13;
const FLOOR_AREA = 1 << 14;
const ENTERPRISE_NAME = 1 << 15;

/** The fields each event type may carry on the fast path, the common ones included. */
const COMMON = TYPE | ID | DATE | TOWN;
const KEYS: Readonly<Record<string, number>> = {
  lowScatteredRemediated: COMMON | USCC | WORKSHOP | OUTCOME,
  backwardCapacityEliminated: COMMON | ITEMS | USCC,
  zombieDisposed: COMMON | USCC | METHOD,
  vacatingStage: COMMON | PARCEL | STAGE | AREA,
  idleLandRevitalised: COMMON | PARCEL | METHOD | AREA,
  inParkLandRemediated: COMMON | PARCEL | AREA | USCC,
  parkFloorAreaCompleted: COMMON | PARK | PHASE | FLOOR_AREA,
  parkEntered: COMMON | PARK | USCC | ENTERPRISE_NAME,
};

const count = (v: unknown): number | No => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : NO);

/** The event zod would produce, or NO when zod must judge it. */
function fast(input: unknown, memo: CodeMemo): CampaignEvent | No {
  if (!isRecord(input)) return NO;
  const o = input;
  let seen = 0;
  let type: unknown;
  let id: unknown;
  let date0: unknown;
  let town0: unknown;
  let uscc: unknown;
  let workshopName: unknown;
  let outcome0: unknown;
  let items0: unknown;
  let method0: unknown;
  let parcel0: unknown;
  let stage0: unknown;
  let area: unknown;
  let park0: unknown;
  let phase0: unknown;
  let floorArea0: unknown;
  let enterpriseName: unknown;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case 'type':
        type = v;
        seen |= TYPE;
        break;
      case 'id':
        id = v;
        seen |= ID;
        break;
      case 'date':
        date0 = v;
        seen |= DATE;
        break;
      case 'townCode':
        town0 = v;
        seen |= TOWN;
        break;
      case 'uscc':
        uscc = v;
        seen |= USCC;
        break;
      case 'workshopName':
        workshopName = v;
        seen |= WORKSHOP;
        break;
      case 'outcome':
        outcome0 = v;
        seen |= OUTCOME;
        break;
      case 'items':
        items0 = v;
        seen |= ITEMS;
        break;
      case 'method':
        method0 = v;
        seen |= METHOD;
        break;
      case 'parcelId':
        parcel0 = v;
        seen |= PARCEL;
        break;
      case 'stage':
        stage0 = v;
        seen |= STAGE;
        break;
      case 'area':
        area = v;
        seen |= AREA;
        break;
      case 'parkId':
        park0 = v;
        seen |= PARK;
        break;
      case 'phase':
        phase0 = v;
        seen |= PHASE;
        break;
      case 'floorArea':
        floorArea0 = v;
        seen |= FLOOR_AREA;
        break;
      case 'enterpriseName':
        enterpriseName = v;
        seen |= ENTERPRISE_NAME;
        break;
      default:
        return NO;
    }
  }
  if (typeof type !== 'string') return NO;
  const allowed = KEYS[type];
  // A key of another type is zod's to judge. A required field `for…in` did not list (one not
  // enumerable) reads as missing here, so zod judges that event too.
  if (allowed === undefined || (seen & ~allowed) !== 0) return NO;
  // An optional field the pass did not meet is read as zod reads it (it is almost always absent).
  if ((allowed & USCC) !== 0 && (seen & USCC) === 0) uscc = o.uscc;
  if ((allowed & WORKSHOP) !== 0 && (seen & WORKSHOP) === 0) workshopName = o.workshopName;
  if ((allowed & ENTERPRISE_NAME) !== 0 && (seen & ENTERPRISE_NAME) === 0) enterpriseName = o.enterpriseName;
  const eventId = fastId(id);
  const date = fastDate(date0);
  const town = memo.divisionCode(town0);
  if (eventId === NO || date === NO || town === NO) return NO;
  // Each shape is one object literal (all its properties in the object itself, no spreads, no
  // properties added later): this runs once per event of a replay, and the ledger keeps the object.
  switch (type) {
    case 'lowScatteredRemediated': {
      const u = fastOptional(uscc, fastUscc);
      const w = fastOptional(workshopName, fastName);
      const outcome = fastOneOf(OUTCOMES, outcome0);
      if (u === NO || w === NO || outcome === NO || !remediationSubjectOk({ uscc: u, workshopName: w })) return NO;
      // The subject rule leaves exactly one of the two.
      if (w !== undefined)
        return { type, id: eventId, date, townCode: town, workshopName: w, outcome } as CampaignEvent;
      return { type, id: eventId, date, townCode: town, uscc: u, outcome } as CampaignEvent;
    }
    case 'backwardCapacityEliminated': {
      const items = count(items0);
      const u = fastOptional(uscc, fastUscc);
      if (items === NO || u === NO) return NO;
      return (
        u === undefined
          ? { type, id: eventId, date, townCode: town, items }
          : { type, id: eventId, date, townCode: town, items, uscc: u }
      ) as CampaignEvent;
    }
    case 'zombieDisposed': {
      const u = fastUscc(uscc);
      const method = fastOneOf(DISPOSALS, method0);
      if (u === NO || method === NO) return NO;
      return { type, id: eventId, date, townCode: town, uscc: u, method } as CampaignEvent;
    }
    case 'vacatingStage': {
      const parcelId = fastId(parcel0);
      const stage = fastOneOf(STAGES, stage0);
      const a = fastPositive('area', area, 'mu');
      if (parcelId === NO || stage === NO || a === NO) return NO;
      return { type, id: eventId, date, townCode: town, parcelId, stage, area: a } as CampaignEvent;
    }
    case 'idleLandRevitalised': {
      const parcelId = fastId(parcel0);
      const method = fastOneOf(IDLE_METHODS, method0);
      const a = fastPositive('area', area, 'mu');
      if (parcelId === NO || method === NO || a === NO) return NO;
      return { type, id: eventId, date, townCode: town, parcelId, method, area: a } as CampaignEvent;
    }
    case 'inParkLandRemediated': {
      const parcelId = fastId(parcel0);
      const a = fastPositive('area', area, 'mu');
      const u = fastOptional(uscc, fastUscc);
      if (parcelId === NO || a === NO || u === NO) return NO;
      return (
        u === undefined
          ? { type, id: eventId, date, townCode: town, parcelId, area: a }
          : { type, id: eventId, date, townCode: town, parcelId, area: a, uscc: u }
      ) as CampaignEvent;
    }
    case 'parkFloorAreaCompleted': {
      const parkId = fastId(park0);
      const phase = count(phase0);
      const floorArea = fastPositive('area', floorArea0, 'squareMetre');
      if (parkId === NO || phase === NO || floorArea === NO) return NO;
      return { type, id: eventId, date, townCode: town, parkId, phase, floorArea } as CampaignEvent;
    }
    case 'parkEntered': {
      const parkId = fastId(park0);
      const u = fastOptional(uscc, fastUscc);
      const n = fastOptional(enterpriseName, fastName);
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
