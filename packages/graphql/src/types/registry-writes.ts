import {
  annualDataSchema,
  type Enterprise,
  enterpriseSchema,
  type FieldIssue,
  type Region,
  safeParseWith,
  ValidationError,
} from '@mujun/core';
import { actorOf, canWrite, canWriteCity, canWriteTown } from '../auth';
import type { MujunBuilder } from '../builder';
import type { MujunContext } from '../context';
import { NotAuthorisedError } from '../errors';
import { requireRegion } from '../lookups';
import { authMessages } from '../messages';
import type { MujunRefs } from '../refs';

/** Refuses the write unless the principal may write in `city`. */
export function checkCity(ctx: MujunContext, city: string): void {
  if (!canWrite(ctx.principal))
    throw new NotAuthorisedError(authMessages.writeDenied, { requiredRole: 'townOperator' });
  if (!canWriteCity(ctx.principal, city)) {
    throw new NotAuthorisedError(authMessages.cityDenied(city), { requiredRole: 'cityAdmin', division: city });
  }
}

/** Refuses the write unless the principal may write the town (a town operator: its own town only). */
export function checkTown(ctx: MujunContext, field: string, townCode: string): void {
  if (!canWriteTown(ctx.principal, townCode)) {
    throw new NotAuthorisedError(authMessages.townDenied(field, townCode), {
      requiredRole: 'cityAdmin',
      division: townCode,
    });
  }
}

function townCodeOf(region: Region, town: string): string | undefined {
  return region.towns.find((t) => t.code === town || t.name === town || t.fullName === town)?.code;
}

/** Drops null and undefined values: GraphQL sends null for omitted optional fields. */
export function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

const annualDataInputs = new WeakMap<MujunBuilder, ReturnType<typeof makeAnnualDataInput>>();

function makeAnnualDataInput(builder: MujunBuilder, refs: MujunRefs) {
  const ref = builder.inputType('AnnualDataInput', {
    description: "One year of an enterprise's figures (replaces that year). Units as named on each field.",
    fields: (t) => ({
      uscc: t.string({ required: true }),
      year: t.int({ required: true }),
      scale: t.field({ type: refs.Scale, required: true }),
      tax: t.field({ type: 'Decimal', required: false, description: '税收, 万元.' }),
      valueAdded: t.field({ type: 'Decimal', required: false, description: '工业增加值, 万元.' }),
      revenue: t.field({ type: 'Decimal', required: false, description: '营业收入, 万元.' }),
      rdExpense: t.field({ type: 'Decimal', required: false, description: 'R&D 经费, 万元.' }),
      employees: t.int({ required: false, description: '年平均职工人数.' }),
      energy: t.field({ type: 'Decimal', required: false, description: '综合能耗, 吨标准煤.' }),
      emissionEquivalent: t.field({ type: 'Decimal', required: false, description: '排放当量, 当量吨.' }),
      electricity: t.field({ type: 'Decimal', required: false, description: '用电量, 万千瓦时.' }),
      landArea: t.field({ type: 'Decimal', required: false, description: '用地面积, 亩.' }),
    }),
  });
  return ref;
}

/** The `AnnualDataInput` type of a builder (defined once; `saveAnnualData` and objection corrections share it). */
export function annualDataInputRef(builder: MujunBuilder, refs: MujunRefs) {
  let ref = annualDataInputs.get(builder);
  if (!ref) {
    ref = makeAnnualDataInput(builder, refs);
    annualDataInputs.set(builder, ref);
  }
  return ref;
}

/**
 * Registry writes (基础数据维护): `saveEnterprises` and `saveAnnualData`.
 * A town operator writes only enterprises of its own town, and cannot move
 * an enterprise out of (or into) another town. All or nothing, audited.
 */
export function addRegistryWriteTypes(builder: MujunBuilder, refs: MujunRefs): void {
  const EnterpriseInput = builder.inputType('EnterpriseInput', {
    description: 'An enterprise to add or replace (keyed by USCC).',
    fields: (t) => ({
      uscc: t.string({ required: true, description: '统一社会信用代码.' }),
      name: t.string({ required: true }),
      town: t.id({ required: true, description: 'Town code or name (石门).' }),
      industry: t.string({ required: true, description: 'GB/T 4754-2017 code, e.g. 1751 or C1751.' }),
      registeredOn: t.field({ type: 'Date', required: true }),
      park: t.id({ required: false, description: 'Park id, if it entered one.' }),
      parcelIds: t.idList({ required: false }),
      flags: t.field({ type: [refs.EnterpriseFlag], required: false }),
      fourWithout: t.field({ type: [refs.FourWithout], required: false }),
    }),
  });

  const AnnualDataInput = annualDataInputRef(builder, refs);

  const SaveEnterprisesInput = builder.inputType('SaveEnterprisesInput', {
    fields: (t) => ({
      city: t.id({ required: true, description: '6-digit city code.' }),
      enterprises: t.field({ type: [EnterpriseInput], required: true }),
    }),
  });

  const SaveAnnualDataInput = builder.inputType('SaveAnnualDataInput', {
    fields: (t) => ({
      city: t.id({ required: true, description: '6-digit city code.' }),
      records: t.field({ type: [AnnualDataInput], required: true }),
    }),
  });

  builder.mutationFields((t) => ({
    saveEnterprises: t.field({
      type: [refs.Enterprise],
      description: 'Adds or replaces enterprises of a city. Town operators: own town only; city admins: their city.',
      args: { input: t.arg({ type: SaveEnterprisesInput, required: true }) },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'SaveEnterprisesResult' },
        result: { name: 'SaveEnterprisesSuccess' },
        dataField: { name: 'enterprises' },
      },
      resolve: async (_root, { input }, ctx) => {
        const city = String(input.city);
        checkCity(ctx, city);
        const region = await requireRegion(ctx, city, 'input.city');
        const issues: FieldIssue[] = [];
        const records = input.enterprises.map((e, i) => {
          const field = `input.enterprises.${i}`;
          const townCode = townCodeOf(region, String(e.town));
          if (!townCode) {
            issues.push({ field: `${field}.town`, rule: 'reference.town', message: `no town ${e.town} in ${city}` });
          } else {
            checkTown(ctx, `${field}.town`, townCode);
          }
          const { town: _town, park, ...rest } = e;
          const record = compact({ ...rest, townCode: townCode ?? String(e.town), parkId: park });
          const parsed = safeParseWith(enterpriseSchema, record, field);
          if (!parsed.ok) issues.push(...parsed.issues);
          return record;
        });
        // Moving an enterprise between towns writes both towns.
        const current = await ctx.loaders.enterprise.loadMany(records.map((r) => String(r.uscc)));
        current.forEach((c, i) => {
          if (c && !(c instanceof Error)) checkTown(ctx, `input.enterprises.${i}.uscc`, c.townCode);
        });
        if (issues.length > 0) throw new ValidationError(issues);
        await ctx.repository.saveRecords(
          region.code,
          { enterprises: records },
          { actor: actorOf(ctx.principal), requestId: ctx.requestId },
        );
        const saved = await ctx.repository.getEnterprises(records.map((r) => String(r.uscc)));
        ctx.loaders.forgetRegion(region.code);
        return saved.filter((e): e is Enterprise => e !== undefined);
      },
    }),
    saveAnnualData: t.field({
      type: [refs.AnnualData],
      description:
        "Adds or replaces enterprises' figures for a year. Town operators: enterprises of their own town only.",
      args: { input: t.arg({ type: SaveAnnualDataInput, required: true }) },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'SaveAnnualDataResult' },
        result: { name: 'SaveAnnualDataSuccess' },
        dataField: { name: 'records' },
      },
      resolve: async (_root, { input }, ctx) => {
        const city = String(input.city);
        checkCity(ctx, city);
        const region = await requireRegion(ctx, city, 'input.city');
        const owners = await ctx.loaders.enterprise.loadMany(input.records.map((r) => r.uscc));
        const issues: FieldIssue[] = [];
        const records = input.records.map((r, i) => {
          const field = `input.records.${i}`;
          const owner = owners[i];
          if (!owner || owner instanceof Error || !owner.townCode.startsWith(region.code)) {
            issues.push({
              field: `${field}.uscc`,
              rule: 'reference.enterprise',
              message: `no enterprise ${r.uscc} in ${city}: save it first`,
            });
          } else {
            checkTown(ctx, `${field}.uscc`, owner.townCode);
          }
          const record = compact({ ...r, employees: r.employees ?? undefined });
          const parsed = safeParseWith(annualDataSchema, record, field);
          if (!parsed.ok) issues.push(...parsed.issues);
          return record;
        });
        if (issues.length > 0) throw new ValidationError(issues);
        await ctx.repository.saveRecords(
          region.code,
          { annualData: records },
          { actor: actorOf(ctx.principal), requestId: ctx.requestId },
        );
        const years = [...new Set(records.map((r) => Number(r.year)))];
        const wanted = new Set(records.map((r) => `${String(r.uscc)}|${String(r.year)}`));
        const rows = (
          await Promise.all(
            years.map((year) =>
              ctx.repository.listAnnualData({
                year,
                usccs: records.map((r) => String(r.uscc)),
                regionCode: region.code,
              }),
            ),
          )
        )
          .flat()
          .filter((d) => wanted.has(`${d.uscc}|${d.year}`));
        ctx.loaders.forgetRegion(region.code);
        return rows;
      },
    }),
  }));
}
