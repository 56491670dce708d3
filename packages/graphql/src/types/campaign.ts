import { type CampaignEvent, type CampaignEventType, campaignEventSchema, ValidationError } from '@mujun/core';
import { type CampaignEventDraft, recordCampaignEvents } from '@mujun/core/cycle';
import {
  CAMPAIGN_EVENT_LABELS,
  IDLE_LAND_METHOD_LABELS,
  REMEDIATION_OUTCOME_LABELS,
  VACATING_STAGE_LABELS,
  ZOMBIE_METHOD_LABELS,
} from '@mujun/core/labels';
import { actorOf } from '../auth';
import type { MujunBuilder } from '../builder';
import type { MujunContext } from '../context';
import { NotAuthorisedError, VersionConflictError } from '../errors';
import { cityOf, loadEnterprise, requireRegion, requireTown, townOf } from '../lookups';
import { requireLedger } from '../memo';
import { pageOf, pageRequest } from '../paging';
import { totalCountField } from '../paging-fields';
import { authorizeWrite } from '../policy';
import type { MujunRefs } from '../refs';
import { valuesOf } from './enums';
import type { FieldErrorShape } from './errors';

/** An event as the schema shows it: the parsed event and its position in the ledger (null before it is applied). */
export interface EventShape {
  readonly seq: number | null;
  readonly event: CampaignEvent;
}

type EventOf<T extends CampaignEventType> = Extract<CampaignEvent, { type: T }>;
const as = <T extends CampaignEventType>(s: EventShape) => s.event as EventOf<T>;

/** GraphQL type name of each event kind. */
export const EVENT_TYPE_NAMES: Readonly<Record<CampaignEventType, string>> = {
  lowScatteredRemediated: 'LowScatteredRemediated',
  backwardCapacityEliminated: 'BackwardCapacityEliminated',
  zombieDisposed: 'ZombieDisposed',
  vacatingStage: 'VacatingStageReached',
  idleLandRevitalised: 'IdleLandRevitalised',
  inParkLandRemediated: 'InParkLandRemediated',
  parkFloorAreaCompleted: 'ParkFloorAreaCompleted',
  parkEntered: 'ParkEntered',
};

/** The JSON keys each event kind has (from the core's schemas): other fields given for it are reported. */
const EVENT_KEYS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  campaignEventSchema.options.map((o) => {
    const shape = (o as unknown as { shape: Record<string, { value?: unknown }> }).shape;
    return [String(shape.type?.value), new Set(Object.keys(shape))];
  }),
);

/** Input fields whose JSON key differs (two enums share the core's `method`). */
const INPUT_KEY: Readonly<Record<string, string>> = { zombieMethod: 'method', idleLandMethod: 'method' };
const METHOD_OF: Readonly<Record<string, string>> = {
  zombieMethod: 'zombieDisposed',
  idleLandMethod: 'idleLandRevitalised',
};

/** An id that does not parse, named with the id of the event it lies in (as the ledger names its issues). */
function withEventIds(e: ValidationError, events: readonly { readonly id: string }[]): ValidationError {
  return new ValidationError(
    e.issues.map((issue): FieldErrorShape => {
      const index = /^input\.events\.(\d+)\./.exec(issue.field)?.[1];
      const id = index === undefined ? undefined : events[Number(index)]?.id;
      return id === undefined ? issue : { ...issue, eventId: id };
    }),
  );
}

const SEQ_WIDTH = 12;
const seqKey = (s: EventShape) => String(s.seq ?? 0).padStart(SEQ_WIDTH, '0');

/**
 * The campaign ledger (退散进集台账) in GraphQL: `CampaignEvent` and one
 * type per kind, `campaignEvents`, `ledgerVersion` and `recordCampaignEvents`.
 */
export function addCampaignTypes(builder: MujunBuilder, refs: MujunRefs): void {
  const { CampaignEventType: EventType } = refs;
  const Outcome = builder.enumType('RemediationOutcome', {
    description: '整治方式 of a 低散乱 enterprise.',
    values: valuesOf(REMEDIATION_OUTCOME_LABELS),
  });
  const ZombieMethod = builder.enumType('ZombieDisposalMethod', {
    description: '僵尸企业处置方式.',
    values: valuesOf(ZOMBIE_METHOD_LABELS),
  });
  const Stage = builder.enumType('VacatingStage', {
    description: '腾退 stages: 签约 → 拆除 → 复垦立项 → 验收 → 复耕 or 再利用.',
    values: valuesOf(VACATING_STAGE_LABELS),
  });
  const IdleMethod = builder.enumType('IdleLandMethod', {
    description: 'How idle land was revitalised: 供地 or 收回.',
    values: valuesOf(IDLE_LAND_METHOD_LABELS),
  });

  const CampaignEventRef = builder.interfaceRef<EventShape>('CampaignEvent').implement({
    description: 'A dated fact of the 退散进集 campaign (台账 entry). One type per kind.',
    resolveType: (s) => EVENT_TYPE_NAMES[s.event.type],
    fields: (t) => ({
      id: t.id({ description: 'The 台账 number chosen by whoever recorded it.', resolve: (s) => s.event.id }),
      type: t.field({ type: EventType, description: 'The kind of event.', resolve: (s) => s.event.type }),
      typeLabel: t.string({ description: 'The kind in Chinese.', resolve: (s) => CAMPAIGN_EVENT_LABELS[s.event.type] }),
      date: t.field({ type: 'Date', description: 'The day it happened.', resolve: (s) => s.event.date }),
      townCode: t.id({ description: 'The 12-digit town it is credited to.', resolve: (s) => s.event.townCode }),
      town: t.field({
        type: refs.Town,
        description: 'The town (乡镇/街道) it is credited to.',
        resolve: (s, _a, ctx) => townOf(ctx, s.event.townCode),
      }),
      note: t.string({
        nullable: true,
        description: '来源: where the fact was reported.',
        resolve: (s) => s.event.note ?? null,
      }),
      seq: t.int({
        nullable: true,
        description: 'Position in the ledger (from 0); the ledger version after it is seq + 1.',
        resolve: (s) => s.seq,
      }),
    }),
  });

  // Descriptions of the fields several kinds of event share.
  const about = {
    uscc: 'The enterprise concerned (统一社会信用代码).',
    parcelId: 'The land parcel (地块) concerned, by parcel id.',
    parcel: 'The land parcel (地块); null when the registry does not hold it.',
    parkId: 'The park (园区) concerned, by park id.',
    park: 'The park (园区); null when the registry does not hold it.',
    area: 'The area (亩) this event counts.',
  } as const;

  const enterpriseField = (uscc: (s: EventShape) => string | undefined) => ({
    type: refs.Enterprise,
    nullable: true as const,
    description: 'The enterprise (企业); null when none is named or the registry does not hold it.',
    resolve: async (s: EventShape, _a: unknown, ctx: MujunContext) => {
      const u = uscc(s);
      return u === undefined ? null : ((await loadEnterprise(ctx, u)) ?? null);
    },
  });
  const parkOf = async (ctx: MujunContext, s: EventShape, parkId: string) =>
    (await ctx.loaders.parksOfRegion.load(cityOf(s.event.townCode))).find((p) => p.id === parkId) ?? null;
  const parcelOf = async (ctx: MujunContext, s: EventShape, parcelId: string) =>
    (await ctx.loaders.parcelsOfRegion.load(cityOf(s.event.townCode))).find((p) => p.id === parcelId) ?? null;

  const kind = (type: CampaignEventType, description: string) => ({
    name: EVENT_TYPE_NAMES[type],
    description,
    interfaces: [CampaignEventRef],
    isTypeOf: (s: unknown) => (s as EventShape).event?.type === type,
  });

  builder.objectType(builder.objectRef<EventShape>('LowScatteredRemediated'), {
    ...kind('lowScatteredRemediated', '整治低散乱企业(作坊): a registered enterprise or an unregistered workshop.'),
    fields: (t) => ({
      uscc: t.id({
        nullable: true,
        description: 'The registered enterprise (统一社会信用代码); null for a workshop.',
        resolve: (s) => as<'lowScatteredRemediated'>(s).uscc ?? null,
      }),
      enterprise: t.field(
        enterpriseField((s) => (s.event.type === 'lowScatteredRemediated' ? s.event.uscc : undefined)),
      ),
      workshopName: t.string({
        nullable: true,
        description: '作坊 without a USCC.',
        resolve: (s) => as<'lowScatteredRemediated'>(s).workshopName ?? null,
      }),
      outcome: t.field({
        type: Outcome,
        description: '整治方式: closed, upgraded, moved into a park or relocated.',
        resolve: (s) => as<'lowScatteredRemediated'>(s).outcome,
      }),
      outcomeLabel: t.string({
        description: 'The outcome in Chinese.',
        resolve: (s) => REMEDIATION_OUTCOME_LABELS[as<'lowScatteredRemediated'>(s).outcome],
      }),
      flags: t.field({
        type: [refs.EnterpriseFlag],
        description: "Problem flags (问题标签) recorded with the event, besides the enterprise's own.",
        resolve: (s) => [...(as<'lowScatteredRemediated'>(s).flags ?? [])],
      }),
      fourWithout: t.field({
        type: [refs.FourWithout],
        description: '四无 conditions recorded with the event.',
        resolve: (s) => [...(as<'lowScatteredRemediated'>(s).fourWithout ?? [])],
      }),
    }),
  });

  builder.objectType(builder.objectRef<EventShape>('BackwardCapacityEliminated'), {
    ...kind('backwardCapacityEliminated', '淘汰落后产能: items (项) eliminated.'),
    fields: (t) => ({
      items: t.int({
        description: 'Items (项) eliminated: production lines, kilns, ...',
        resolve: (s) => as<'backwardCapacityEliminated'>(s).items,
      }),
      uscc: t.id({
        nullable: true,
        description: about.uscc,
        resolve: (s) => as<'backwardCapacityEliminated'>(s).uscc ?? null,
      }),
      enterprise: t.field(
        enterpriseField((s) => (s.event.type === 'backwardCapacityEliminated' ? s.event.uscc : undefined)),
      ),
      description: t.string({
        nullable: true,
        description: 'What was eliminated, in words.',
        resolve: (s) => as<'backwardCapacityEliminated'>(s).description ?? null,
      }),
    }),
  });

  builder.objectType(builder.objectRef<EventShape>('ZombieDisposed'), {
    ...kind('zombieDisposed', '僵尸企业处置.'),
    fields: (t) => ({
      uscc: t.id({
        description: 'The zombie enterprise (僵尸企业), by 统一社会信用代码.',
        resolve: (s) => as<'zombieDisposed'>(s).uscc,
      }),
      enterprise: t.field(enterpriseField((s) => (s.event.type === 'zombieDisposed' ? s.event.uscc : undefined))),
      method: t.field({
        type: ZombieMethod,
        description: '处置方式: 破产清算, 兼并重组, 注销吊销 or 债务重组.',
        resolve: (s) => as<'zombieDisposed'>(s).method,
      }),
      methodLabel: t.string({
        description: 'The method in Chinese.',
        resolve: (s) => ZOMBIE_METHOD_LABELS[as<'zombieDisposed'>(s).method],
      }),
    }),
  });

  builder.objectType(builder.objectRef<EventShape>('VacatingStageReached'), {
    ...kind('vacatingStage', '腾退进度: a stage reached on (part of) a parcel; `area` is what this event adds.'),
    fields: (t) => ({
      parcelId: t.id({ description: about.parcelId, resolve: (s) => as<'vacatingStage'>(s).parcelId }),
      parcel: t.field({
        type: refs.LandParcel,
        nullable: true,
        description: about.parcel,
        resolve: (s, _a, ctx) => parcelOf(ctx, s, as<'vacatingStage'>(s).parcelId),
      }),
      stage: t.field({
        type: Stage,
        description: 'The 腾退 stage reached.',
        resolve: (s) => as<'vacatingStage'>(s).stage,
      }),
      stageLabel: t.string({
        description: 'The stage in Chinese.',
        resolve: (s) => VACATING_STAGE_LABELS[as<'vacatingStage'>(s).stage],
      }),
      area: t.field({ type: refs.Area, description: about.area, resolve: (s) => as<'vacatingStage'>(s).area }),
      usccs: t.stringList({
        description: 'Enterprises on the parcel this event concerns (统一社会信用代码), e.g. one signing each.',
        resolve: (s) => [...(as<'vacatingStage'>(s).usccs ?? [])],
      }),
    }),
  });

  builder.objectType(builder.objectRef<EventShape>('IdleLandRevitalised'), {
    ...kind('idleLandRevitalised', '闲置土地处置 (转而未供 / 供而未用) by 供地 or 收回.'),
    fields: (t) => ({
      parcelId: t.id({ description: about.parcelId, resolve: (s) => as<'idleLandRevitalised'>(s).parcelId }),
      parcel: t.field({
        type: refs.LandParcel,
        nullable: true,
        description: about.parcel,
        resolve: (s, _a, ctx) => parcelOf(ctx, s, as<'idleLandRevitalised'>(s).parcelId),
      }),
      method: t.field({
        type: IdleMethod,
        description: '供地 (supplied) or 收回 (recovered).',
        resolve: (s) => as<'idleLandRevitalised'>(s).method,
      }),
      area: t.field({ type: refs.Area, description: about.area, resolve: (s) => as<'idleLandRevitalised'>(s).area }),
    }),
  });

  builder.objectType(builder.objectRef<EventShape>('InParkLandRemediated'), {
    ...kind('inParkLandRemediated', '园区内低效用地整治.'),
    fields: (t) => ({
      parcelId: t.id({ description: about.parcelId, resolve: (s) => as<'inParkLandRemediated'>(s).parcelId }),
      parcel: t.field({
        type: refs.LandParcel,
        nullable: true,
        description: about.parcel,
        resolve: (s, _a, ctx) => parcelOf(ctx, s, as<'inParkLandRemediated'>(s).parcelId),
      }),
      area: t.field({ type: refs.Area, description: about.area, resolve: (s) => as<'inParkLandRemediated'>(s).area }),
      uscc: t.id({
        nullable: true,
        description: about.uscc,
        resolve: (s) => as<'inParkLandRemediated'>(s).uscc ?? null,
      }),
    }),
  });

  builder.objectType(builder.objectRef<EventShape>('ParkFloorAreaCompleted'), {
    ...kind('parkFloorAreaCompleted', '小微企业园 / 标准厂房 floor area completed in one phase.'),
    fields: (t) => ({
      parkId: t.id({ description: about.parkId, resolve: (s) => as<'parkFloorAreaCompleted'>(s).parkId }),
      park: t.field({
        type: refs.Park,
        nullable: true,
        description: about.park,
        resolve: (s, _a, ctx) => parkOf(ctx, s, as<'parkFloorAreaCompleted'>(s).parkId),
      }),
      phase: t.int({ description: '一期 = 1, 二期 = 2, ...', resolve: (s) => as<'parkFloorAreaCompleted'>(s).phase }),
      floorArea: t.field({
        type: refs.Area,
        description: '建筑面积 completed (平方米).',
        resolve: (s) => as<'parkFloorAreaCompleted'>(s).floorArea,
      }),
    }),
  });

  builder.objectType(builder.objectRef<EventShape>('ParkEntered'), {
    ...kind('parkEntered', '小微企业入园: a registered enterprise, or a new firm named only.'),
    fields: (t) => ({
      parkId: t.id({ description: about.parkId, resolve: (s) => as<'parkEntered'>(s).parkId }),
      park: t.field({
        type: refs.Park,
        nullable: true,
        description: about.park,
        resolve: (s, _a, ctx) => parkOf(ctx, s, as<'parkEntered'>(s).parkId),
      }),
      uscc: t.id({
        nullable: true,
        description: 'The registered enterprise that entered (统一社会信用代码); null for a firm named only.',
        resolve: (s) => as<'parkEntered'>(s).uscc ?? null,
      }),
      enterprise: t.field(enterpriseField((s) => (s.event.type === 'parkEntered' ? s.event.uscc : undefined))),
      enterpriseName: t.string({
        nullable: true,
        description: 'The name of a firm not yet registered; null otherwise.',
        resolve: (s) => as<'parkEntered'>(s).enterpriseName ?? null,
      }),
    }),
  });

  const EventConnection = builder.connectionObject(
    {
      type: CampaignEventRef,
      name: 'CampaignEventConnection',
      description: 'A page (分页) of campaign events (台账), in ledger order.',
      fields: totalCountField,
    },
    { name: 'CampaignEventEdge', description: 'A campaign event (台账 entry) on a page, with its cursor.' },
  );

  builder.queryFields((t) => ({
    ledgerVersion: t.int({
      description: "The city's ledger version: events applied so far (send it back as expectedVersion).",
      args: { city: t.arg.id({ required: true, description: '6-digit city code, e.g. "330483".' }) },
      resolve: async (_root, args, ctx) => {
        const region = await requireRegion(ctx, String(args.city));
        return ctx.repository.ledgerVersion(region.code);
      },
    }),
    campaignEvents: t.connection(
      {
        type: CampaignEventRef,
        description: "A city's campaign events in ledger order, filtered by date (inclusive), town and kind.",
        args: {
          city: t.arg.id({ required: true, description: '6-digit city code.' }),
          from: t.arg({ type: 'Date', required: false, description: 'Events on or after this day.' }),
          to: t.arg({ type: 'Date', required: false, description: 'Events on or before this day.' }),
          town: t.arg.id({ required: false, description: 'Town code or name (石门).' }),
          type: t.arg({ type: EventType, required: false, description: 'Events of this kind only.' }),
        },
        resolve: async (_root, args, ctx) => {
          const page = pageRequest(args, ctx.limits);
          const city = String(args.city);
          const region = await requireRegion(ctx, city);
          const town = args.town == null ? undefined : requireTown(region, String(args.town));
          const ledger = await requireLedger(ctx, city);
          const rows: EventShape[] = [];
          for (const e of ledger.events()) {
            const ev = e.event;
            if (args.from != null && ev.date < args.from) continue;
            if (args.to != null && ev.date > args.to) continue;
            if (town && ev.townCode !== town.code) continue;
            if (args.type != null && ev.type !== args.type) continue;
            rows.push({ seq: e.seq, event: ev });
          }
          return pageOf(rows, page, seqKey);
        },
      },
      EventConnection,
    ),
  }));

  const EventInput = builder.inputType('CampaignEventInput', {
    description:
      'One campaign event. `type` says which optional fields apply (docs/campaign.md); a field that does not apply to the type is refused. Areas are Decimal strings: `area` in 亩, `floorArea` in 平方米.',
    fields: (t) => ({
      type: t.field({ type: EventType, required: true, description: 'The kind of event.' }),
      id: t.id({
        required: true,
        description: '台账 number, unique in the city; replaying the same event is a no-op.',
      }),
      date: t.field({ type: 'Date', required: true, description: 'The day it happened.' }),
      townCode: t.id({ required: true, description: 'The town credited: 12-digit code or name (石门).' }),
      note: t.string({ required: false, description: '来源.' }),
      uscc: t.id({ required: false, description: 'The enterprise (统一社会信用代码).' }),
      workshopName: t.string({ required: false, description: 'lowScatteredRemediated: an unregistered 作坊.' }),
      enterpriseName: t.string({ required: false, description: 'parkEntered: a firm not yet registered.' }),
      outcome: t.field({ type: Outcome, required: false, description: 'lowScatteredRemediated.' }),
      flags: t.field({ type: [refs.EnterpriseFlag], required: false, description: 'lowScatteredRemediated.' }),
      fourWithout: t.field({ type: [refs.FourWithout], required: false, description: 'lowScatteredRemediated.' }),
      items: t.int({ required: false, description: 'backwardCapacityEliminated: 项.' }),
      description: t.string({ required: false, description: 'backwardCapacityEliminated.' }),
      zombieMethod: t.field({ type: ZombieMethod, required: false, description: 'zombieDisposed.' }),
      idleLandMethod: t.field({ type: IdleMethod, required: false, description: 'idleLandRevitalised.' }),
      parcelId: t.id({ required: false, description: 'vacatingStage, idleLandRevitalised, inParkLandRemediated.' }),
      stage: t.field({ type: Stage, required: false, description: 'vacatingStage.' }),
      area: t.field({ type: 'Decimal', required: false, description: '亩 (vacatingStage, idle and in-park land).' }),
      usccs: t.stringList({ required: false, description: 'vacatingStage: firms on the parcel.' }),
      parkId: t.id({ required: false, description: 'parkFloorAreaCompleted, parkEntered.' }),
      phase: t.int({ required: false, description: 'parkFloorAreaCompleted.' }),
      floorArea: t.field({ type: 'Decimal', required: false, description: 'parkFloorAreaCompleted: 平方米.' }),
    }),
  });

  const RecordInput = builder.inputType('RecordCampaignEventsInput', {
    description: "A batch of campaign events (台账录入) for one city's ledger.",
    fields: (t) => ({
      city: t.id({ required: true, description: '6-digit city code.' }),
      events: t.field({
        type: [EventInput],
        required: true,
        description: 'The events, applied in this order, all or nothing.',
      }),
      expectedVersion: t.int({
        required: false,
        description:
          'The ledger version the client read; if the ledger has moved on, VersionConflict and nothing is written.',
      }),
    }),
  });

  const Success = builder.objectRef<{ version: number; events: EventShape[]; skipped: readonly string[] }>(
    'RecordCampaignEventsSuccess',
  );
  Success.implement({
    description: 'The batch was recorded whole (台账录入).',
    fields: (t) => ({
      version: t.exposeInt('version', { description: 'The ledger version after the batch.' }),
      events: t.field({
        type: [CampaignEventRef],
        description: 'Events newly applied, in order.',
        resolve: (r) => r.events,
      }),
      skipped: t.idList({
        description: 'Ids already recorded with the same content (replays): no-ops.',
        resolve: (r) => [...r.skipped],
      }),
    }),
  });

  builder.mutationField('recordCampaignEvents', (t) =>
    t.field({
      type: Success,
      description:
        '台账录入: records a batch of campaign events, all or nothing, validated by the core ledger. A town operator records events of its own town only (every event is checked); a city admin any town of its city.',
      args: { input: t.arg({ type: RecordInput, required: true, description: 'The city and the batch to record.' }) },
      errors: {
        types: [ValidationError, VersionConflictError, NotAuthorisedError],
        union: {
          name: 'RecordCampaignEventsResult',
          description:
            'The outcome of recording a batch: the batch recorded, or why nothing was (a broken rule, a stale ledger version, a town not yours).',
        },
        directResult: true,
      },
      resolve: async (_root, { input }, ctx) => {
        // Shape each event (GraphQL field names to the ledger's), then the core step canonicalises,
        // authorises on the canonical batch, resolves towns and appends.
        const issues: FieldErrorShape[] = [];
        const events = input.events.map((e, i) => {
          const field = `input.events.${i}`;
          const allowed = EVENT_KEYS.get(e.type) ?? new Set<string>();
          const json: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(e)) {
            if (value === null || value === undefined) continue;
            const jsonKey = INPUT_KEY[key] ?? key;
            const fits =
              key === 'townCode' ||
              (allowed.has(jsonKey) && (METHOD_OF[key] === undefined || METHOD_OF[key] === e.type));
            if (!fits) {
              issues.push({
                field: `${field}.${key}`,
                rule: 'event.notApplicable',
                message: `a ${e.type} event has no ${key}`,
                eventId: String(e.id),
              });
            }
            json[jsonKey] = value;
          }
          return json as CampaignEventDraft;
        });
        if (issues.length > 0) throw new ValidationError(issues);
        const { value: result } = await recordCampaignEvents(
          ctx.repository,
          { city: input.city, events, expectedVersion: input.expectedVersion },
          {
            context: { actor: actorOf(ctx.principal), requestId: ctx.requestId },
            authorise: (canonical) => authorizeWrite(ctx, 'recordCampaignEvents', canonical),
            futureMarginDays: ctx.limits.eventDateMarginDays,
          },
        ).catch((e: unknown) => {
          throw e instanceof ValidationError ? withEventIds(e, input.events) : e;
        });
        if (!result.ok && result.reason === 'conflict') {
          throw new VersionConflictError(result.expectedVersion, result.actualVersion);
        }
        if (!result.ok) {
          throw new ValidationError(
            result.errors.flatMap((err) =>
              err.issues.map(
                (issue): FieldErrorShape => ({
                  field: [`input.events.${err.index}`, issue.field.replace(/^event\.?/, '')]
                    .filter((p) => p !== '')
                    .join('.'),
                  rule: issue.rule,
                  message: issue.message,
                  ...(err.eventId === undefined ? {} : { eventId: err.eventId }),
                }),
              ),
            ),
          );
        }
        const first = result.version - result.applied.length;
        return {
          version: result.version,
          events: result.applied.map((event, i) => ({ seq: first + i, event })),
          skipped: result.skipped,
        };
      },
    }),
  );
}
