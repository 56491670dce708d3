import { z } from 'zod';
import type { FieldIssue } from '../errors';
import { enterpriseFlagSchema, fourWithoutSchema } from '../model/enterprise';
import {
  divisionCodeField,
  idField,
  isoDateField,
  nameField,
  parseWith,
  positiveQuantityField,
  textField,
  toFieldIssues,
  usccField,
} from '../model/fields';
import { type Area, Area as AreaOf } from '../quantity/kinds';

/*
 * 退散进集 campaign events: dated, append-only facts. Each event has a unique
 * `id` chosen by whoever records it (a town office's 台账 number, say), a
 * `date`, the `townCode` it is credited to and an optional `note` naming its
 * source. Areas are given as decimal strings in 亩 (floor area in 平方米) or
 * as `{ value, unit }`.
 */

/** 整治方式 of a 低散乱 enterprise: 关停淘汰 / 整治提升 / 整合入园 / 合理转移. */
export const remediationOutcomeSchema = z.enum(['closedEliminated', 'upgraded', 'consolidatedIntoPark', 'relocated']);
export type RemediationOutcome = z.infer<typeof remediationOutcomeSchema>;

/** 僵尸企业处置方式: 破产清算 / 兼并重组 / 注销吊销 / 债务重组 / 其他. */
export const zombieDisposalMethodSchema = z.enum([
  'bankruptcy',
  'mergerRestructuring',
  'deregistered',
  'debtRestructuring',
  'other',
]);
export type ZombieDisposalMethod = z.infer<typeof zombieDisposalMethodSchema>;

/**
 * 腾退 stages of a parcel, in order: 签约 → 拆除 → 复垦立项 → 验收 → 复耕 or 再利用.
 * The last two are alternative ends of the same step.
 */
export const vacatingStageSchema = z.enum([
  'signed',
  'demolished',
  'reclamationApproved',
  'accepted',
  'reclaimedFarmland',
  'reused',
]);
export type VacatingStage = z.infer<typeof vacatingStageSchema>;

/** Stage order: 复耕 and 再利用 share the last step. */
export const VACATING_STAGE_STEP: Readonly<Record<VacatingStage, number>> = {
  signed: 0,
  demolished: 1,
  reclamationApproved: 2,
  accepted: 3,
  reclaimedFarmland: 4,
  reused: 4,
};

/** How idle land (转而未供 / 供而未用) was revitalised: 加快供地 or 依法收回. */
export const idleLandMethodSchema = z.enum(['supplied', 'recovered']);
export type IdleLandMethod = z.infer<typeof idleLandMethodSchema>;

const common = {
  id: idField,
  date: isoDateField,
  townCode: divisionCodeField,
  /** 来源: where the fact was reported (a 台账, an article, a meeting). */
  note: textField(500).optional(),
};

const land = positiveQuantityField('area', 'mu');
const floor = positiveQuantityField('area', 'squareMetre');

const uniqueList = <T extends z.ZodType>(item: T) =>
  z.array(item).refine((xs) => new Set(xs).size === xs.length, {
    message: 'an entry is listed twice',
    params: { rule: 'unique' },
  });

/** `remediation.subject`: exactly one of uscc and workshopName (shared with the bulk validator). */
export const remediationSubjectOk = (e: { uscc?: unknown; workshopName?: unknown }): boolean =>
  (e.uscc === undefined) !== (e.workshopName === undefined);

/** `parkEntry.subject`: uscc or enterpriseName (shared with the bulk validator). */
export const parkEntrySubjectOk = (e: { uscc?: unknown; enterpriseName?: unknown }): boolean =>
  e.uscc !== undefined || e.enterpriseName !== undefined;

/**
 * 整治低散乱企业(作坊): one enterprise, or one unregistered workshop (作坊)
 * that has no 统一社会信用代码 and is named instead. The article's 4692家
 * counts both. Flags (四无, ...) given here are combined with the registered
 * enterprise's own flags.
 */
export const lowScatteredRemediatedSchema = z
  .object({
    type: z.literal('lowScatteredRemediated'),
    ...common,
    uscc: usccField.optional(),
    workshopName: nameField.optional(),
    outcome: remediationOutcomeSchema,
    flags: uniqueList(enterpriseFlagSchema).optional(),
    fourWithout: uniqueList(fourWithoutSchema).optional(),
  })
  .superRefine((e, ctx) => {
    if (!remediationSubjectOk(e)) {
      ctx.addIssue({
        code: 'custom',
        path: ['uscc'],
        message: 'name either a registered enterprise (uscc) or an unregistered workshop (workshopName), not both',
        params: { rule: 'remediation.subject' },
      });
    }
  });

/** 淘汰落后产能: `items` 项 eliminated (a production line, a kiln, ...). */
export const backwardCapacityEliminatedSchema = z.object({
  type: z.literal('backwardCapacityEliminated'),
  ...common,
  items: z.number().int({ message: 'items are counted in whole 项' }).min(1, { message: 'at least one item' }),
  uscc: usccField.optional(),
  description: textField(500).optional(),
});

/** 僵尸企业处置: a registered zombie enterprise disposed of by `method`. */
export const zombieDisposedSchema = z.object({
  type: z.literal('zombieDisposed'),
  ...common,
  uscc: usccField,
  method: zombieDisposalMethodSchema,
});

/**
 * A 腾退 stage reached on (part of) a parcel: `area` is what this event adds
 * to the stage. Signing may come in several events (one per enterprise on the
 * parcel, say), listed in `usccs`.
 */
export const vacatingStageReachedSchema = z.object({
  type: z.literal('vacatingStage'),
  ...common,
  parcelId: idField,
  stage: vacatingStageSchema,
  area: land,
  usccs: uniqueList(usccField).optional(),
});

/** 闲置土地处置: idle land (转而未供 / 供而未用) revitalised by 供地 or 收回. */
export const idleLandRevitalisedSchema = z.object({
  type: z.literal('idleLandRevitalised'),
  ...common,
  parcelId: idField,
  method: idleLandMethodSchema,
  area: land,
});

/** 园区内低效用地整治: area of an in-park inefficient parcel remediated. */
export const inParkLandRemediatedSchema = z.object({
  type: z.literal('inParkLandRemediated'),
  ...common,
  parcelId: idField,
  area: land,
  uscc: usccField.optional(),
});

/** 小微企业园 / 标准厂房 floor area completed (平方米) in one phase. */
export const parkFloorAreaCompletedSchema = z.object({
  type: z.literal('parkFloorAreaCompleted'),
  ...common,
  parkId: idField,
  phase: z.number().int().min(1, { message: 'phases are numbered from 1' }),
  floorArea: floor,
});

/** 小微企业入园: an enterprise entered a park (registered, or a newly founded firm named only). */
export const parkEnteredSchema = z
  .object({
    type: z.literal('parkEntered'),
    ...common,
    parkId: idField,
    uscc: usccField.optional(),
    enterpriseName: nameField.optional(),
  })
  .superRefine((e, ctx) => {
    if (!parkEntrySubjectOk(e)) {
      ctx.addIssue({
        code: 'custom',
        path: ['uscc'],
        message: 'name the enterprise: uscc, or enterpriseName for a firm not yet registered',
        params: { rule: 'parkEntry.subject' },
      });
    }
  });

/** Any campaign event (discriminated by `type`). */
export const campaignEventSchema = z.discriminatedUnion('type', [
  lowScatteredRemediatedSchema,
  backwardCapacityEliminatedSchema,
  zombieDisposedSchema,
  vacatingStageReachedSchema,
  idleLandRevitalisedSchema,
  inParkLandRemediatedSchema,
  parkFloorAreaCompletedSchema,
  parkEnteredSchema,
]);

export type CampaignEvent = z.output<typeof campaignEventSchema>;
export type CampaignEventInput = z.input<typeof campaignEventSchema>;
export type CampaignEventType = CampaignEvent['type'];
export type LowScatteredRemediated = z.output<typeof lowScatteredRemediatedSchema>;
export type BackwardCapacityEliminated = z.output<typeof backwardCapacityEliminatedSchema>;
export type ZombieDisposed = z.output<typeof zombieDisposedSchema>;
export type VacatingStageReached = z.output<typeof vacatingStageReachedSchema>;
export type IdleLandRevitalised = z.output<typeof idleLandRevitalisedSchema>;
export type InParkLandRemediated = z.output<typeof inParkLandRemediatedSchema>;
export type ParkFloorAreaCompleted = z.output<typeof parkFloorAreaCompletedSchema>;
export type ParkEntered = z.output<typeof parkEnteredSchema>;

export const CAMPAIGN_EVENT_TYPES: readonly CampaignEventType[] = [
  'lowScatteredRemediated',
  'backwardCapacityEliminated',
  'zombieDisposed',
  'vacatingStage',
  'idleLandRevitalised',
  'inParkLandRemediated',
  'parkFloorAreaCompleted',
  'parkEntered',
];

/** Validates one event. @throws ValidationError naming each bad field */
export function parseCampaignEvent(input: unknown): CampaignEvent {
  return parseWith(campaignEventSchema, input, 'event');
}

/** Like `parseCampaignEvent`, returning the issues instead of throwing. */
export function safeParseCampaignEvent(
  input: unknown,
  root = 'event',
): { ok: true; value: CampaignEvent } | { ok: false; issues: FieldIssue[] } {
  const r = campaignEventSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, issues: toFieldIssues(r.error, root).map((fi, i) => clarifyUnion(fi, r.error.issues[i])) };
}

/** An unknown `type` is a union issue at `type`: name it `event.type` (quantity unions are unwrapped by `toFieldIssues`). */
function clarifyUnion(fi: FieldIssue, issue: z.core.$ZodIssue | undefined): FieldIssue {
  if (issue?.code === 'invalid_union' && issue.path.length === 1 && issue.path[0] === 'type') {
    return { ...fi, rule: 'event.type' };
  }
  return fi;
}

/** The JSON form of an event: plain values, areas as `{ value, unit }` with a decimal string. */
export type CampaignEventJson = { readonly [key: string]: string | number | readonly string[] | AreaJson };
export interface AreaJson {
  readonly value: string;
  readonly unit: 'mu' | 'squareMetre';
}

/** An area as exact JSON: in `preferred` when that is a finite decimal, else in 亩 (always finite). */
function areaJson(a: Area, preferred: 'mu' | 'squareMetre'): AreaJson {
  const v = a.in(preferred);
  if (v.isFiniteDecimal()) return { value: v.toDecimal().toFixed(), unit: preferred };
  return { value: a.in('mu').toDecimal().toFixed(), unit: 'mu' };
}

/**
 * The event as plain JSON that `parseCampaignEvent` reads back to an equal
 * event: keys sorted, optional fields left out when absent, set-like lists
 * (flags, 四无, usccs) sorted and left out when empty, areas as exact decimal
 * strings.
 */
export function eventToJson(event: CampaignEvent): CampaignEventJson {
  const out: Record<string, string | number | readonly string[] | AreaJson> = {};
  for (const [key, value] of Object.entries(event)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      // An empty list says nothing: leave it out, so `[]` and absent are the same content.
      if (value.length > 0) out[key] = [...(value as string[])].sort();
    } else if (typeof value === 'string' || typeof value === 'number') out[key] = value;
    else out[key] = areaJson(value as Area, key === 'floorArea' ? 'squareMetre' : 'mu');
  }
  const sorted: Record<string, string | number | readonly string[] | AreaJson> = {};
  for (const key of Object.keys(out).sort()) sorted[key] = out[key] as string | number | readonly string[] | AreaJson;
  return sorted;
}

/**
 * Canonical text of an event: two events have the same content exactly when
 * their canonical texts are equal (`"45"` 亩 and `{ "value": "30000",
 * "unit": "squareMetre" }` are the same area). Replays compare this.
 */
export function canonicalEvent(event: CampaignEvent): string {
  // eventToJson writes each area in one canonical unit, so equal areas print equally.
  return JSON.stringify(eventToJson(event));
}

/** The area an event carries, if any: a parcel area or a floor area. */
export function eventArea(event: CampaignEvent): Area | undefined {
  switch (event.type) {
    case 'vacatingStage':
    case 'idleLandRevitalised':
    case 'inParkLandRemediated':
      return event.area;
    case 'parkFloorAreaCompleted':
      return event.floorArea;
    default:
      return undefined;
  }
}

/** Zero area, for folds. */
export const NO_AREA: Area = AreaOf.zero();
