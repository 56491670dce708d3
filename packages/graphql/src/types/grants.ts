import {
  COMMITMENT_STATUS_LABELS,
  CONSEQUENCE_LABELS,
  type Commitment,
  type CommitmentCheck,
  checkGrants,
  type DueCheck,
  GRANT_COMPARATOR_LABELS,
  GRANT_INDICATORS,
  GRANT_PHASE_LABELS,
  GRANT_STAGE_LABELS,
  GRANT_UNIT_LABELS,
  GRANT_VERDICT_LABELS,
  type GrantCheckRow,
  type GrantsChecked,
  grantPhase,
  grantResupply,
  type LandGrant,
  type PenaltyAssessment,
  type ResupplyTownRow,
  saveGrants,
} from '@mujun/core/grants';
import { actorOf, canWriteTown } from '../auth';
import type { MujunBuilder } from '../builder';
import { type MujunContext, perRequest } from '../context';
import { NotAuthorisedError, ValidationError } from '../errors';
import { loadEnterprise, parseJsonArgument, requireRegion, townOf } from '../lookups';
import { authMessages } from '../messages';
import { authorizeWrite, parseWriteInput } from '../policy';
import type { MujunRefs } from '../refs';
import { firmView } from '../run-policy';
import { valuesOf } from './enums';

/*
 * 标准地 (land grants): grants with their commitments, the yearly check (达产复核 /
 * 竣工验收) and 亩 re-supplied from 退散进集. Rules live in `@mujun/core/grants`; the
 * resolvers authorise, call its steps and present. A grant's listing, prices and
 * commitments are public (they are published); its compliance reads the grantee's
 * figures and is shown exactly where the grantee's annual data is: to the city's admins
 * and to the operators of the grantee's town.
 */

/** A grant with its city. */
interface GrantShape {
  readonly city: string;
  readonly grant: LandGrant;
}

/** The city's yearly check, once per request and (year, asOf): every compliance field reads it. */
function checkedYear(ctx: MujunContext, city: string, year: number, asOf: string | undefined): Promise<GrantsChecked> {
  return perRequest(ctx, `grants:check:${city}:${year}:${asOf ?? ''}`, () =>
    checkGrants(ctx.repository, { city, year, ...(asOf === undefined ? {} : { asOf }) }),
  );
}

/** Whether the principal sees the grantee's figures (as `Enterprise.annualData`). */
async function seesFigures(ctx: MujunContext, s: GrantShape): Promise<boolean> {
  const uscc = s.grant.granteeUscc;
  if (uscc === undefined) return true;
  const firm = await loadEnterprise(ctx, uscc);
  return firmView(ctx.principal, s.city, firm?.townCode ?? s.grant.townCode, false).figures;
}

export function addGrantTypes(builder: MujunBuilder, refs: MujunRefs): void {
  const Indicator = builder.enumType('GrantIndicator', {
    description: '标准地 控制指标 (docs/land-grants.md).',
    values: valuesOf(
      Object.fromEntries(Object.entries(GRANT_INDICATORS).map(([k, v]) => [k, v.label])) as Record<
        keyof typeof GRANT_INDICATORS,
        string
      >,
    ),
  });
  const Stage = builder.enumType('GrantStage', {
    description: '竣工验收 or 达产复核.',
    values: valuesOf(GRANT_STAGE_LABELS),
  });
  const Comparator = builder.enumType('GrantComparator', {
    description: '不少于, 不超过 or a range.',
    values: valuesOf(GRANT_COMPARATOR_LABELS),
  });
  const Status = builder.enumType('CommitmentStatus', {
    description: 'A commitment at a check.',
    values: valuesOf(COMMITMENT_STATUS_LABELS),
  });
  const Verdict = builder.enumType('GrantVerdict', {
    description: 'A grant’s overall verdict at a check.',
    values: valuesOf(GRANT_VERDICT_LABELS),
  });
  const Phase = builder.enumType('GrantPhase', {
    description: 'Where a grant stands, from its dates.',
    values: valuesOf(GRANT_PHASE_LABELS),
  });
  const ConsequenceKind = builder.enumType('ConsequenceKind', {
    description: 'Kinds of consequence (违约责任).',
    values: valuesOf(CONSEQUENCE_LABELS),
  });

  const unitOf = (c: { indicator: keyof typeof GRANT_INDICATORS }) =>
    GRANT_UNIT_LABELS[GRANT_INDICATORS[c.indicator].unit];

  const CommitmentRef = builder.objectRef<Commitment>('GrantCommitment').implement({
    description: '承诺指标: an indicator, a comparator and an exact value, measured at 竣工验收 or 达产复核.',
    fields: (t) => ({
      indicator: t.field({ type: Indicator, description: 'The 控制指标 committed to.', resolve: (c) => c.indicator }),
      indicatorLabel: t.string({
        description: 'The indicator in Chinese, e.g. 亩均税收.',
        resolve: (c) => GRANT_INDICATORS[c.indicator].label,
      }),
      comparator: t.field({
        type: Comparator,
        description: '不少于, 不超过 or a range.',
        resolve: (c) => c.comparator,
      }),
      value: t.exact({
        nullable: true,
        description: 'The committed value (不少于 / 不超过), in `unit`; null for a range.',
        unit: unitOf,
        resolve: (c) => c.value ?? null,
      }),
      min: t.exact({
        nullable: true,
        description: 'Lower bound of a range (容积率 2.0–3.5), in `unit`; null otherwise.',
        unit: unitOf,
        resolve: (c) => c.min ?? null,
      }),
      max: t.exact({
        nullable: true,
        description: 'Upper bound of a range, in `unit`; null otherwise.',
        unit: unitOf,
        resolve: (c) => c.max ?? null,
      }),
      unit: t.string({ description: 'Unit label: 万元/亩, %, 万元/吨标准煤, … ("" for 容积率).', resolve: unitOf }),
      stage: t.field({
        type: Stage,
        description: 'When it is checked: 竣工验收 or 达产复核.',
        resolve: (c) => c.stage,
      }),
      offsetYears: t.int({ description: '达产复核: years after the year of 投产.', resolve: (c) => c.offsetYears }),
      source: t.string({
        nullable: true,
        description: 'Where the commitment is written (出让公告, 投资建设合同 clause).',
        resolve: (c) => c.source ?? null,
      }),
    }),
  });

  const CheckRowRef = builder.objectRef<CommitmentCheck>('CommitmentCheck').implement({
    description: 'One commitment at a check: committed, actual (exact), met or short by how much.',
    fields: (t) => ({
      indicator: t.field({ type: Indicator, description: 'The 控制指标 checked.', resolve: (r) => r.indicator }),
      stage: t.field({ type: Stage, description: '竣工验收 or 达产复核.', resolve: (r) => r.stage }),
      status: t.field({ type: Status, description: '达标, 未达标, 未到期 or 缺数据.', resolve: (r) => r.status }),
      checkYear: t.int({
        nullable: true,
        description: 'The statistical year of the 达产复核 (year of 投产 + offset); null at 竣工验收 or before 投产.',
        resolve: (r) => r.checkYear,
      }),
      actual: t.exact({
        nullable: true,
        description: "The actual value (完成值) in the commitment's unit; null without data.",
        unit: unitOf,
        resolve: (r) => r.actual,
      }),
      shortfall: t.exact({
        nullable: true,
        description: 'How far the actual value falls short of the commitment; null when met or unknown.',
        unit: unitOf,
        resolve: (r) => r.shortfall,
      }),
      shortfallTotal: t.field({
        type: refs.Money,
        nullable: true,
        description: 'Per-mu money indicators: the shortfall × 出让面积.',
        resolve: (r) => r.shortfallTotal,
      }),
      reason: t.string({
        nullable: true,
        description: 'Why the status is no data or not due, in words; null otherwise.',
        resolve: (r) => r.reason,
      }),
    }),
  });

  const PenaltyRef = builder.objectRef<PenaltyAssessment>('GrantPenalty').implement({
    description: 'One consequence rule (违约责任) as of the assessment date, with its basis.',
    fields: (t) => ({
      kind: t.field({ type: ConsequenceKind, description: 'The kind of consequence.', resolve: (p) => p.kind }),
      applies: t.boolean({
        description: "Whether the rule's condition holds as of the date.",
        resolve: (p) => p.applies,
      }),
      amount: t.field({
        type: refs.Money,
        nullable: true,
        description: 'The amount due, exact; null for a rule without an amount (收回) or one that does not apply.',
        resolve: (p) => p.amount,
      }),
      days: t.int({ nullable: true, description: 'Days late (违约金); null otherwise.', resolve: (p) => p.days }),
      basis: t.string({
        description: 'How the amount or the decision was reached, in words with the figures.',
        resolve: (p) => p.basis,
      }),
      source: t.string({ description: 'Where the rule is written (合同 clause, 办法).', resolve: (p) => p.source }),
    }),
  });

  const ComplianceRef = builder.objectRef<GrantCheckRow & { readonly asOf: string }>('GrantCompliance').implement({
    description: 'A grant checked for a statistical year, its consequences assessed as of `asOf`.',
    fields: (t) => ({
      year: t.int({ description: 'The statistical year checked (年度复核).', resolve: (c) => c.compliance.year }),
      asOf: t.field({ type: 'Date', description: 'The date consequences are assessed as of.', resolve: (c) => c.asOf }),
      verdict: t.field({
        type: Verdict,
        description: "The grant's overall verdict.",
        resolve: (c) => c.compliance.verdict,
      }),
      verdictLabel: t.string({
        description: 'The verdict in Chinese.',
        resolve: (c) => GRANT_VERDICT_LABELS[c.compliance.verdict],
      }),
      rows: t.field({
        type: [CheckRowRef],
        description: 'Each commitment (承诺指标) as checked.',
        resolve: (c) => c.compliance.rows,
      }),
      penalties: t.field({
        type: [PenaltyRef],
        description: 'Each consequence rule (违约责任) as assessed.',
        resolve: (c) => c.penalties,
      }),
    }),
  });

  const GrantRef = builder.objectRef<GrantShape>('LandGrant').implement({
    description: '标准地出让: a listing with its price, dates, grantee and commitments.',
    fields: (t) => ({
      id: t.id({ description: "The grant's id in its city (e.g. the 地块 number).", resolve: (s) => s.grant.id }),
      notice: t.string({ description: '公告号.', resolve: (s) => s.grant.listing.notice }),
      parcelName: t.string({ description: '地块 name.', resolve: (s) => s.grant.listing.parcelName }),
      townCode: t.id({ description: '12-digit code of the town the land lies in.', resolve: (s) => s.grant.townCode }),
      town: t.field({
        type: refs.Town,
        description: 'The town (乡镇/街道) the land lies in.',
        resolve: (s, _a, ctx) => townOf(ctx, s.grant.townCode),
      }),
      parcelId: t.id({
        nullable: true,
        description: 'The registry parcel (地块) the grant covers, if recorded; always for re-supplied land.',
        resolve: (s) => s.grant.parcelId ?? null,
      }),
      resupply: t.boolean({
        description: 'Land vacated in 退散进集 and re-supplied.',
        resolve: (s) => s.grant.supply === 'vacated',
      }),
      area: t.field({ type: refs.Area, description: '出让面积.', resolve: (s) => s.grant.area }),
      landUse: t.string({ description: '土地用途, e.g. 工业用地.', resolve: (s) => s.grant.landUse }),
      industry: t.string({
        nullable: true,
        description: '产业类别: GB/T 4754-2017 code; null when not set.',
        resolve: (s) => s.grant.industry?.code ?? null,
      }),
      termYears: t.int({ description: '出让年限, in years.', resolve: (s) => s.grant.termYears }),
      startPrice: t.field({ type: refs.Money, description: '出让起始价.', resolve: (s) => s.grant.startPrice }),
      deposit: t.field({ type: refs.Money, description: '竞买保证金.', resolve: (s) => s.grant.deposit }),
      transactionPrice: t.field({
        type: refs.Money,
        nullable: true,
        description: '成交价.',
        resolve: (s) => s.grant.transactionPrice ?? null,
      }),
      pricingSource: t.string({
        description: 'Where the pricing rule (起始价 and 保证金) was published: 公告号, clause.',
        resolve: (s) => s.grant.pricing.source,
      }),
      grantedOn: t.field({
        type: 'Date',
        nullable: true,
        description: '成交 / 出让 date; null before the grant.',
        resolve: (s) => s.grant.grantedOn ?? null,
      }),
      agreedStartOn: t.field({
        type: 'Date',
        nullable: true,
        description: 'Agreed start of construction (约定开工), per the 投资建设合同.',
        resolve: (s) => s.grant.agreedStartOn ?? null,
      }),
      agreedCompletionOn: t.field({
        type: 'Date',
        nullable: true,
        description: 'Agreed completion (约定竣工), per the 投资建设合同.',
        resolve: (s) => s.grant.agreedCompletionOn ?? null,
      }),
      startedOn: t.field({
        type: 'Date',
        nullable: true,
        description: 'Actual start of construction (开工); null before it.',
        resolve: (s) => s.grant.startedOn ?? null,
      }),
      completedOn: t.field({
        type: 'Date',
        nullable: true,
        description: 'Actual completion (竣工); null before it.',
        resolve: (s) => s.grant.completedOn ?? null,
      }),
      productionOn: t.field({
        type: 'Date',
        nullable: true,
        description: '投产 date: 达产复核 is anchored on its year; null before it.',
        resolve: (s) => s.grant.productionOn ?? null,
      }),
      granteeUscc: t.string({
        nullable: true,
        description: "竞得人: the grantee's 统一社会信用代码, once granted.",
        resolve: (s) => s.grant.granteeUscc ?? null,
      }),
      counterparty: t.string({
        nullable: true,
        description: 'Who signed the 投资建设合同 with the grantee: a 镇政府/街道 or a 管委会.',
        resolve: (s) => s.grant.counterparty?.name ?? null,
      }),
      phase: t.field({
        type: Phase,
        description: 'Where the grant stands, from its dates.',
        args: {
          asOf: t.arg({
            type: 'Date',
            required: false,
            description: 'As of this date: later dates do not count yet (default: every recorded date counts).',
          }),
        },
        resolve: (s, a) => grantPhase(s.grant, a.asOf ?? undefined),
      }),
      commitments: t.field({
        type: [CommitmentRef],
        description: '承诺指标 of the grant.',
        resolve: (s) => s.grant.commitments,
      }),
      compliance: t.field({
        type: ComplianceRef,
        nullable: true,
        description:
          "The check of a statistical year, or null when the grantee's figures are not shown to you (as Enterprise.annualData).",
        args: {
          year: t.arg.int({ required: true, description: 'The statistical year to check.' }),
          asOf: t.arg({ type: 'Date', required: false, description: 'Consequences as of (default 31 December).' }),
        },
        resolve: async (s, a, ctx) => {
          if (!(await seesFigures(ctx, s))) return null;
          const checked = await checkedYear(ctx, s.city, a.year, a.asOf ?? undefined);
          const row = checked.rows.find((r) => r.grant.id === s.grant.id);
          return row ? { ...row, asOf: checked.asOf } : null;
        },
      }),
    }),
  });

  const DueRef = builder.objectRef<DueCheck>('GrantCheckDue').implement({
    description: 'A check a grant is due for in a year (年度复核清单).',
    fields: (t) => ({
      grantId: t.id({ description: 'The land grant (标准地) due.', resolve: (d) => d.grantId }),
      townCode: t.id({ description: '12-digit code of the town the land lies in.', resolve: (d) => d.townCode }),
      stage: t.field({ type: Stage, description: '竣工验收 or 达产复核.', resolve: (d) => d.stage }),
      dueOn: t.field({
        type: 'Date',
        nullable: true,
        description: '竣工验收: the agreed (or actual) completion date in the year; null for 达产复核.',
        resolve: (d) => d.dueOn,
      }),
      checkYear: t.int({
        nullable: true,
        description: '达产复核: the statistical year checked (year of 投产 + offset); null for 竣工验收.',
        resolve: (d) => d.checkYear,
      }),
    }),
  });

  const ResupplyTownRef = builder.objectRef<ResupplyTownRow>('GrantResupplyTown').implement({
    description: "One town's land re-supplied as 标准地 (腾退再供应) in the year.",
    fields: (t) => ({
      townCode: t.id({ description: '12-digit town code.', resolve: (r) => r.townCode }),
      town: t.field({
        type: refs.Town,
        description: 'The town (乡镇/街道).',
        resolve: (r, _a, ctx) => townOf(ctx, r.townCode),
      }),
      grants: t.int({ description: 'Grants of re-supplied land in the town.', resolve: (r) => r.grants }),
      area: t.field({ type: refs.Area, description: 'Their 出让面积, summed.', resolve: (r) => r.area }),
    }),
  });

  const ResupplyRef = builder
    .objectRef<{ year: number; grants: number; area: LandGrant['area']; towns: readonly ResupplyTownRow[] }>(
      'GrantResupply',
    )
    .implement({
      description: '亩 re-supplied as 标准地 in a year (退散进集): per town and in total.',
      fields: (t) => ({
        year: t.int({ description: 'The year of the grants.', resolve: (r) => r.year }),
        grants: t.int({ description: 'Grants of re-supplied land in the city.', resolve: (r) => r.grants }),
        area: t.field({ type: refs.Area, description: 'Their 出让面积, summed.', resolve: (r) => r.area }),
        towns: t.field({ type: [ResupplyTownRef], description: 'The same per town.', resolve: (r) => r.towns }),
      }),
    });

  builder.queryFields((t) => ({
    landGrants: t.field({
      type: [GrantRef],
      description: "A city's land grants (标准地), of one town if given, ordered by id.",
      args: {
        city: t.arg.id({ required: true, description: '6-digit city code.' }),
        town: t.arg.id({ required: false, description: 'Town code or name (石门).' }),
      },
      resolve: async (_r, a, ctx) => {
        const region = await requireRegion(ctx, a.city);
        const townCode = a.town == null ? undefined : (await townOf(ctx, a.town)).code;
        const grants = await ctx.repository.listGrants({
          regionCode: region.code,
          ...(townCode === undefined ? {} : { townCode }),
        });
        return grants.map((grant) => ({ city: region.code, grant }));
      },
    }),
    grantChecksDue: t.field({
      type: [DueRef],
      description: 'Grants due for 竣工验收 or 达产复核 in a year.',
      args: {
        city: t.arg.id({ required: true, description: '6-digit city code.' }),
        year: t.arg.int({ required: true, description: 'The year (年度).' }),
      },
      resolve: async (_r, a, ctx) => {
        const region = await requireRegion(ctx, a.city);
        return (await checkedYear(ctx, region.code, a.year, undefined)).due;
      },
    }),
    grantResupply: t.field({
      type: ResupplyRef,
      description: '亩 re-supplied as 标准地 from land vacated in 退散进集, per town, in a year.',
      args: {
        city: t.arg.id({ required: true, description: '6-digit city code.' }),
        year: t.arg.int({ required: true, description: 'The year (年度).' }),
      },
      resolve: async (_r, a, ctx) =>
        grantResupply(ctx.repository, { city: (await requireRegion(ctx, a.city)).code, year: a.year }),
    }),
  }));

  const SaveInput = builder.inputType('SaveLandGrantsInput', {
    description: 'Land grants (标准地) of one city to add or replace by id, all or nothing.',
    fields: (t) => ({
      city: t.id({ required: true, description: '6-digit city code.' }),
      grants: t.string({
        required: true,
        description: 'JSON text: an array of grants (docs/land-grants.md), at most 1000.',
      }),
    }),
  });

  builder.mutationField('saveLandGrants', (t) =>
    t.field({
      type: [GrantRef],
      description: "Adds or replaces a city's land grants by id. City admins of the city only.",
      args: { input: t.arg({ type: SaveInput, required: true, description: 'The city and the grants to write.' }) },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'SaveLandGrantsResult' },
        result: { name: 'SaveLandGrantsSuccess', description: 'Land grants (标准地) saved.' },
        dataField: { name: 'grants', description: 'The grants as now stored.' },
      },
      resolve: async (_root, { input }, ctx) => {
        const region = await authorizeWrite(ctx, 'saveLandGrants', parseWriteInput('saveLandGrants', input));
        const grants = parseJsonArgument(input.grants, 'input.grants');
        const saved = await saveGrants(
          ctx.repository,
          { city: region.code, grants },
          {
            ctx: { actor: actorOf(ctx.principal), requestId: ctx.requestId },
            // The step hands over the canonical towns written and replaced.
            authorize: (scope) => {
              for (const town of scope.townCodes) {
                if (!canWriteTown(ctx.principal, town)) {
                  throw new NotAuthorisedError(authMessages.townDenied('input.grants', town), {
                    requiredRole: 'cityAdmin',
                    division: town,
                  });
                }
              }
            },
          },
        );
        for (const key of [...ctx.cache.keys()]) if (key.startsWith('grants:')) ctx.cache.delete(key);
        return saved.grants.map((grant) => ({ city: region.code, grant }));
      },
    }),
  );
}
