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
      indicator: t.field({ type: Indicator, resolve: (c) => c.indicator }),
      indicatorLabel: t.string({ resolve: (c) => GRANT_INDICATORS[c.indicator].label }),
      comparator: t.field({ type: Comparator, resolve: (c) => c.comparator }),
      value: t.exact({ nullable: true, unit: unitOf, resolve: (c) => c.value ?? null }),
      min: t.exact({ nullable: true, unit: unitOf, resolve: (c) => c.min ?? null }),
      max: t.exact({ nullable: true, unit: unitOf, resolve: (c) => c.max ?? null }),
      unit: t.string({ description: 'Unit label: 万元/亩, %, 万元/吨标准煤, … ("" for 容积率).', resolve: unitOf }),
      stage: t.field({ type: Stage, resolve: (c) => c.stage }),
      offsetYears: t.int({ description: '达产复核: years after the year of 投产.', resolve: (c) => c.offsetYears }),
      source: t.string({ nullable: true, resolve: (c) => c.source ?? null }),
    }),
  });

  const CheckRowRef = builder.objectRef<CommitmentCheck>('CommitmentCheck').implement({
    description: 'One commitment at a check: committed, actual (exact), met or short by how much.',
    fields: (t) => ({
      indicator: t.field({ type: Indicator, resolve: (r) => r.indicator }),
      stage: t.field({ type: Stage, resolve: (r) => r.stage }),
      status: t.field({ type: Status, resolve: (r) => r.status }),
      checkYear: t.int({ nullable: true, resolve: (r) => r.checkYear }),
      actual: t.exact({ nullable: true, unit: unitOf, resolve: (r) => r.actual }),
      shortfall: t.exact({ nullable: true, unit: unitOf, resolve: (r) => r.shortfall }),
      shortfallTotal: t.field({
        type: refs.Money,
        nullable: true,
        description: 'Per-mu money indicators: the shortfall × 出让面积.',
        resolve: (r) => r.shortfallTotal,
      }),
      reason: t.string({ nullable: true, resolve: (r) => r.reason }),
    }),
  });

  const PenaltyRef = builder.objectRef<PenaltyAssessment>('GrantPenalty').implement({
    description: 'One consequence rule as of the assessment date, with its basis.',
    fields: (t) => ({
      kind: t.field({ type: ConsequenceKind, resolve: (p) => p.kind }),
      applies: t.boolean({ resolve: (p) => p.applies }),
      amount: t.field({ type: refs.Money, nullable: true, resolve: (p) => p.amount }),
      days: t.int({ nullable: true, resolve: (p) => p.days }),
      basis: t.string({ resolve: (p) => p.basis }),
      source: t.string({ resolve: (p) => p.source }),
    }),
  });

  const ComplianceRef = builder.objectRef<GrantCheckRow & { readonly asOf: string }>('GrantCompliance').implement({
    description: 'A grant checked for a statistical year, its consequences assessed as of `asOf`.',
    fields: (t) => ({
      year: t.int({ resolve: (c) => c.compliance.year }),
      asOf: t.field({ type: 'Date', resolve: (c) => c.asOf }),
      verdict: t.field({ type: Verdict, resolve: (c) => c.compliance.verdict }),
      verdictLabel: t.string({ resolve: (c) => GRANT_VERDICT_LABELS[c.compliance.verdict] }),
      rows: t.field({ type: [CheckRowRef], resolve: (c) => c.compliance.rows }),
      penalties: t.field({ type: [PenaltyRef], resolve: (c) => c.penalties }),
    }),
  });

  const GrantRef = builder.objectRef<GrantShape>('LandGrant').implement({
    description: '标准地出让: a listing with its price, dates, grantee and commitments.',
    fields: (t) => ({
      id: t.id({ resolve: (s) => s.grant.id }),
      notice: t.string({ description: '公告号.', resolve: (s) => s.grant.listing.notice }),
      parcelName: t.string({ description: '地块 name.', resolve: (s) => s.grant.listing.parcelName }),
      townCode: t.id({ resolve: (s) => s.grant.townCode }),
      town: t.field({ type: refs.Town, resolve: (s, _a, ctx) => townOf(ctx, s.grant.townCode) }),
      parcelId: t.id({ nullable: true, resolve: (s) => s.grant.parcelId ?? null }),
      resupply: t.boolean({
        description: 'Land vacated in 退散进集 and re-supplied.',
        resolve: (s) => s.grant.supply === 'vacated',
      }),
      area: t.field({ type: refs.Area, description: '出让面积.', resolve: (s) => s.grant.area }),
      landUse: t.string({ resolve: (s) => s.grant.landUse }),
      industry: t.string({ nullable: true, resolve: (s) => s.grant.industry?.code ?? null }),
      termYears: t.int({ resolve: (s) => s.grant.termYears }),
      startPrice: t.field({ type: refs.Money, description: '出让起始价.', resolve: (s) => s.grant.startPrice }),
      deposit: t.field({ type: refs.Money, description: '竞买保证金.', resolve: (s) => s.grant.deposit }),
      transactionPrice: t.field({
        type: refs.Money,
        nullable: true,
        description: '成交价.',
        resolve: (s) => s.grant.transactionPrice ?? null,
      }),
      pricingSource: t.string({ resolve: (s) => s.grant.pricing.source }),
      grantedOn: t.field({ type: 'Date', nullable: true, resolve: (s) => s.grant.grantedOn ?? null }),
      agreedStartOn: t.field({ type: 'Date', nullable: true, resolve: (s) => s.grant.agreedStartOn ?? null }),
      agreedCompletionOn: t.field({
        type: 'Date',
        nullable: true,
        resolve: (s) => s.grant.agreedCompletionOn ?? null,
      }),
      startedOn: t.field({ type: 'Date', nullable: true, resolve: (s) => s.grant.startedOn ?? null }),
      completedOn: t.field({ type: 'Date', nullable: true, resolve: (s) => s.grant.completedOn ?? null }),
      productionOn: t.field({ type: 'Date', nullable: true, resolve: (s) => s.grant.productionOn ?? null }),
      granteeUscc: t.string({ nullable: true, resolve: (s) => s.grant.granteeUscc ?? null }),
      counterparty: t.string({ nullable: true, resolve: (s) => s.grant.counterparty?.name ?? null }),
      phase: t.field({
        type: Phase,
        args: { asOf: t.arg({ type: 'Date', required: false }) },
        resolve: (s, a) => grantPhase(s.grant, a.asOf ?? undefined),
      }),
      commitments: t.field({ type: [CommitmentRef], resolve: (s) => s.grant.commitments }),
      compliance: t.field({
        type: ComplianceRef,
        nullable: true,
        description:
          "The check of a statistical year, or null when the grantee's figures are not shown to you (as Enterprise.annualData).",
        args: {
          year: t.arg.int({ required: true }),
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
      grantId: t.id({ resolve: (d) => d.grantId }),
      townCode: t.id({ resolve: (d) => d.townCode }),
      stage: t.field({ type: Stage, resolve: (d) => d.stage }),
      dueOn: t.field({ type: 'Date', nullable: true, resolve: (d) => d.dueOn }),
      checkYear: t.int({ nullable: true, resolve: (d) => d.checkYear }),
    }),
  });

  const ResupplyTownRef = builder.objectRef<ResupplyTownRow>('GrantResupplyTown').implement({
    fields: (t) => ({
      townCode: t.id({ resolve: (r) => r.townCode }),
      town: t.field({ type: refs.Town, resolve: (r, _a, ctx) => townOf(ctx, r.townCode) }),
      grants: t.int({ resolve: (r) => r.grants }),
      area: t.field({ type: refs.Area, resolve: (r) => r.area }),
    }),
  });

  const ResupplyRef = builder
    .objectRef<{ year: number; grants: number; area: LandGrant['area']; towns: readonly ResupplyTownRow[] }>(
      'GrantResupply',
    )
    .implement({
      description: '亩 re-supplied as 标准地 in a year (退散进集): per town and in total.',
      fields: (t) => ({
        year: t.int({ resolve: (r) => r.year }),
        grants: t.int({ resolve: (r) => r.grants }),
        area: t.field({ type: refs.Area, resolve: (r) => r.area }),
        towns: t.field({ type: [ResupplyTownRef], resolve: (r) => r.towns }),
      }),
    });

  builder.queryFields((t) => ({
    landGrants: t.field({
      type: [GrantRef],
      description: "A city's land grants (标准地), of one town if given, ordered by id.",
      args: { city: t.arg.id({ required: true }), town: t.arg.id({ required: false }) },
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
      args: { city: t.arg.id({ required: true }), year: t.arg.int({ required: true }) },
      resolve: async (_r, a, ctx) => {
        const region = await requireRegion(ctx, a.city);
        return (await checkedYear(ctx, region.code, a.year, undefined)).due;
      },
    }),
    grantResupply: t.field({
      type: ResupplyRef,
      description: '亩 re-supplied as 标准地 from land vacated in 退散进集, per town, in a year.',
      args: { city: t.arg.id({ required: true }), year: t.arg.int({ required: true }) },
      resolve: async (_r, a, ctx) =>
        grantResupply(ctx.repository, { city: (await requireRegion(ctx, a.city)).code, year: a.year }),
    }),
  }));

  const SaveInput = builder.inputType('SaveLandGrantsInput', {
    fields: (t) => ({
      city: t.id({ required: true }),
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
      args: { input: t.arg({ type: SaveInput, required: true }) },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'SaveLandGrantsResult' },
        result: { name: 'SaveLandGrantsSuccess' },
        dataField: { name: 'grants' },
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
