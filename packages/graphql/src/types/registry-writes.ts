import {
  annualDataSchema,
  type Enterprise,
  enterpriseSchema,
  type FieldIssue,
  landParcelSchema,
  parkSchema,
  type Region,
  type RegistryChanges,
  ValidationError,
} from '@mujun/core';
import { safeParseWith } from '@mujun/core/model';
import { actorOf } from '../auth';
import type { MujunBuilder } from '../builder';
import type { MujunContext } from '../context';
import { NotAuthorisedError } from '../errors';
import { authorizeWrite } from '../policy';
import type { MujunRefs } from '../refs';

function townCodeOf(region: Region, town: string): string | undefined {
  return region.towns.find((t) => t.code === town || t.name === town || t.fullName === town)?.code;
}

/**
 * The code of the town an input record names (code, name or full name); an
 * unknown town is collected as an issue on `<field>.town` and the given text
 * kept, so the record's other fields are still checked in the same pass.
 */
function inputTownCode(region: Region, town: unknown, field: string, issues: FieldIssue[]): string {
  const code = townCodeOf(region, String(town));
  if (code) return code;
  issues.push({ field: `${field}.town`, rule: 'reference.town', message: `no town ${town} in ${region.code}` });
  return String(town);
}

/**
 * Writes one kind of registry record. The repository names a refused
 * record by its path in the changes (`annualData.3.uscc`): the client is
 * told the path in its own input (`input.records.3.uscc`).
 */
async function saveChanges(
  ctx: MujunContext,
  regionCode: string,
  key: keyof RegistryChanges,
  inputList: string,
  records: readonly unknown[],
): Promise<void> {
  try {
    await ctx.repository.saveRecords(
      regionCode,
      { [key]: records },
      { actor: actorOf(ctx.principal), requestId: ctx.requestId },
    );
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw new ValidationError(
      e.issues.map((issue) => ({
        ...issue,
        field: issue.field.startsWith(`${key}.`)
          ? `input.${inputList}.${issue.field.slice(key.length + 1)}`
          : issue.field,
      })),
    );
  }
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

  const ParcelInput = builder.inputType('LandParcelInput', {
    description: 'A land parcel (地块) to add or replace (keyed by id).',
    fields: (t) => ({
      id: t.id({ required: true }),
      town: t.id({ required: true, description: 'Town code or name (石门).' }),
      area: t.field({ type: 'Decimal', required: true, description: '面积, 亩.' }),
      category: t.field({ type: refs.ParcelCategory, required: true }),
      park: t.id({ required: false, description: 'The park it lies in (required for 园区内低效用地).' }),
      holderUscc: t.string({ required: false, description: '土地使用权人: the enterprise holding the land.' }),
      suppliedOn: t.field({ type: 'Date', required: false, description: '供地日期.' }),
    }),
  });

  const ParkPhaseInput = builder.inputType('ParkPhaseInput', {
    fields: (t) => ({
      phase: t.int({ required: true, description: '一期 = 1, 二期 = 2, ...' }),
      floorArea: t.field({ type: 'Decimal', required: true, description: 'Planned floor area, 平方米.' }),
      plannedCompletion: t.field({ type: 'Date', required: false }),
    }),
  });

  const EntryCriteriaInput = builder.inputType('EntryCriteriaInput', {
    description: '入园标准.',
    fields: (t) => ({
      minTaxPerMu: t.field({ type: 'Decimal', required: false, description: 'Minimum 亩均税收, 万元/亩.' }),
      industries: t.stringList({ required: false, description: 'Allowed GB/T 4754 codes.' }),
      notes: t.string({ required: false }),
    }),
  });

  const ParkInput = builder.inputType('ParkInput', {
    description: 'A park (小微企业园 / 标准厂房) to add or replace (keyed by id).',
    fields: (t) => ({
      id: t.id({ required: true }),
      name: t.string({ required: true }),
      town: t.id({ required: true, description: 'Town code or name (石门).' }),
      kind: t.field({ type: refs.ParkKind, required: true }),
      phases: t.field({ type: [ParkPhaseInput], required: false }),
      entryCriteria: t.field({ type: EntryCriteriaInput, required: false }),
    }),
  });

  const SaveParcelsInput = builder.inputType('SaveParcelsInput', {
    fields: (t) => ({
      city: t.id({ required: true, description: '6-digit city code.' }),
      parcels: t.field({ type: [ParcelInput], required: true }),
    }),
  });

  const SaveParksInput = builder.inputType('SaveParksInput', {
    fields: (t) => ({
      city: t.id({ required: true, description: '6-digit city code.' }),
      parks: t.field({ type: [ParkInput], required: true }),
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
        const region = await authorizeWrite(ctx, 'saveEnterprises', input);
        const issues: FieldIssue[] = [];
        const records = input.enterprises.map((e, i) => {
          const field = `input.enterprises.${i}`;
          const townCode = inputTownCode(region, e.town, field, issues);
          const { town: _town, park, ...rest } = e;
          const record = compact({ ...rest, townCode, parkId: park });
          const parsed = safeParseWith(enterpriseSchema, record, field);
          if (!parsed.ok) issues.push(...parsed.issues);
          return record;
        });
        if (issues.length > 0) throw new ValidationError(issues);
        await saveChanges(ctx, region.code, 'enterprises', 'enterprises', records);
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
        const region = await authorizeWrite(ctx, 'saveAnnualData', input);
        const city = region.code;
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
          }
          const record = compact({ ...r, employees: r.employees ?? undefined });
          const parsed = safeParseWith(annualDataSchema, record, field);
          if (!parsed.ok) issues.push(...parsed.issues);
          return record;
        });
        if (issues.length > 0) throw new ValidationError(issues);
        await saveChanges(ctx, region.code, 'annualData', 'records', records);
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

    saveParcels: t.field({
      type: [refs.LandParcel],
      description:
        'Adds or replaces land parcels of a city. Town operators: parcels of their own town, in parks of their own town, held by enterprises of their own town; city admins: their city.',
      args: { input: t.arg({ type: SaveParcelsInput, required: true }) },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'SaveParcelsResult' },
        result: { name: 'SaveParcelsSuccess' },
        dataField: { name: 'parcels' },
      },
      resolve: async (_root, { input }, ctx) => {
        const region = await authorizeWrite(ctx, 'saveParcels', input);
        const issues: FieldIssue[] = [];
        const records = input.parcels.map((p, i) => {
          const field = `input.parcels.${i}`;
          const townCode = inputTownCode(region, p.town, field, issues);
          const { town: _town, park, ...rest } = p;
          const record = compact({ ...rest, townCode, parkId: park });
          const parsed = safeParseWith(landParcelSchema, record, field);
          if (!parsed.ok) issues.push(...parsed.issues);
          return record;
        });
        if (issues.length > 0) throw new ValidationError(issues);
        await saveChanges(ctx, region.code, 'parcels', 'parcels', records);
        ctx.loaders.forgetRegion(region.code);
        const wanted = new Set(records.map((r) => String(r.id)));
        return (await ctx.repository.listParcels(region.code)).filter((p) => wanted.has(p.id));
      },
    }),
    saveParks: t.field({
      type: [refs.Park],
      description:
        'Adds or replaces parks (小微企业园, 标准厂房) of a city. Town operators: parks of their own town; city admins: their city.',
      args: { input: t.arg({ type: SaveParksInput, required: true }) },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'SaveParksResult' },
        result: { name: 'SaveParksSuccess' },
        dataField: { name: 'parks' },
      },
      resolve: async (_root, { input }, ctx) => {
        const region = await authorizeWrite(ctx, 'saveParks', input);
        const issues: FieldIssue[] = [];
        const records = input.parks.map((p, i) => {
          const field = `input.parks.${i}`;
          const townCode = inputTownCode(region, p.town, field, issues);
          const { town: _town, phases, entryCriteria, ...rest } = p;
          const record = compact({
            ...rest,
            townCode,
            phases: phases?.map((ph) => compact({ ...ph })),
            entryCriteria: entryCriteria ? compact({ ...entryCriteria }) : undefined,
          });
          const parsed = safeParseWith(parkSchema, record, field);
          if (!parsed.ok) issues.push(...parsed.issues);
          return record;
        });
        if (issues.length > 0) throw new ValidationError(issues);
        await saveChanges(ctx, region.code, 'parks', 'parks', records);
        ctx.loaders.forgetRegion(region.code);
        const wanted = new Set(records.map((r) => String(r.id)));
        return (await ctx.repository.listParks(region.code)).filter((p) => wanted.has(p.id));
      },
    }),
  }));
}
