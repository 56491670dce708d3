import { unitLabel, ValidationError } from '@mujun/core';
import { type CanonicalInput, saveAnnualData, saveEnterprises, saveParcels, saveParks } from '@mujun/core/cycle';
import { ANNUAL_QUANTITY_FIELD_NAMES, ANNUAL_QUANTITY_FIELDS } from '@mujun/core/model';
import { actorOf } from '../auth';
import type { MujunBuilder } from '../builder';
import type { MujunContext } from '../context';
import { NotAuthorisedError } from '../errors';
import { authorizeWrite, type WriteOperation } from '../policy';
import type { MujunRefs } from '../refs';

/** Who writes, for the audit trail, and the write policy on the canonical input: every registry step's options. */
function writeOptions(ctx: MujunContext, operation: WriteOperation) {
  return {
    context: { actor: actorOf(ctx.principal), requestId: ctx.requestId },
    authorise: (input: CanonicalInput<object>) => authorizeWrite(ctx, operation, input),
  };
}

/** Drops null and undefined values: GraphQL sends null for omitted optional fields. */
export { compact } from '@mujun/core/cycle';

const annualDataInputs = new WeakMap<MujunBuilder, ReturnType<typeof makeAnnualDataInput>>();

function makeAnnualDataInput(builder: MujunBuilder, refs: MujunRefs) {
  const ref = builder.inputType('AnnualDataInput', {
    description: "One year of an enterprise's figures (replaces that year). Units as named on each field.",
    fields: (t) => ({
      uscc: t.id({ required: true, description: "The enterprise's 统一社会信用代码; it must be registered." }),
      year: t.int({ required: true, description: 'The year (年度) of the figures.' }),
      scale: t.field({ type: refs.Scale, required: true, description: '规上 or 规下 that year.' }),
      // The figures, one field per row of core's ANNUAL_QUANTITY_FIELDS, each in its default unit.
      ...Object.fromEntries(
        ANNUAL_QUANTITY_FIELD_NAMES.map((f) => {
          const row = ANNUAL_QUANTITY_FIELDS[f];
          const description = `${row.label}, ${unitLabel(row.unit)}.`;
          return [
            f,
            row.whole
              ? t.int({ required: false, description })
              : t.field({ type: 'Decimal', required: false, description }),
          ];
        }),
      ),
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
      uscc: t.id({ required: true, description: '统一社会信用代码.' }),
      name: t.string({ required: true, description: 'Registered name (企业名称).' }),
      town: t.id({ required: true, description: 'Town code or name (石门).' }),
      industry: t.string({ required: true, description: 'GB/T 4754-2017 code, e.g. 1751 or C1751.' }),
      registeredOn: t.field({ type: 'Date', required: true, description: '成立日期 (注册日期).' }),
      park: t.id({ required: false, description: 'Park id, if it entered one.' }),
      parcelIds: t.idList({ required: false, description: 'Land parcels (地块) it uses, by parcel id; default none.' }),
      flags: t.field({
        type: [refs.EnterpriseFlag],
        required: false,
        description: 'Problem flags (问题标签); default none.',
      }),
      fourWithout: t.field({
        type: [refs.FourWithout],
        required: false,
        description: '四无 conditions; only with the FOUR_WITHOUT flag.',
      }),
    }),
  });

  const AnnualDataInput = annualDataInputRef(builder, refs);

  const SaveEnterprisesInput = builder.inputType('SaveEnterprisesInput', {
    description: 'Enterprises (企业) of one city to add or replace, all or nothing (基础数据维护).',
    fields: (t) => ({
      city: t.id({ required: true, description: '6-digit city code.' }),
      enterprises: t.field({
        type: [EnterpriseInput],
        required: true,
        description: 'The enterprises; one with a registered USCC replaces it.',
      }),
    }),
  });

  const SaveAnnualDataInput = builder.inputType('SaveAnnualDataInput', {
    description: "Enterprises' figures (年度数据) of one city to add or replace, all or nothing.",
    fields: (t) => ({
      city: t.id({ required: true, description: '6-digit city code.' }),
      records: t.field({
        type: [AnnualDataInput],
        required: true,
        description: 'One record per enterprise and year; each replaces that year of that enterprise.',
      }),
    }),
  });

  const ParcelInput = builder.inputType('LandParcelInput', {
    description: 'A land parcel (地块) to add or replace (keyed by id).',
    fields: (t) => ({
      id: t.id({ required: true, description: "The owner's parcel number, unique in its city." }),
      town: t.id({ required: true, description: 'Town code or name (石门).' }),
      area: t.field({ type: 'Decimal', required: true, description: '面积, 亩.' }),
      category: t.field({ type: refs.ParcelCategory, required: true, description: '用地类别.' }),
      park: t.id({ required: false, description: 'The park it lies in (required for 园区内低效用地).' }),
      holderUscc: t.string({ required: false, description: '土地使用权人: the enterprise holding the land.' }),
      suppliedOn: t.field({ type: 'Date', required: false, description: '供地日期.' }),
    }),
  });

  const ParkPhaseInput = builder.inputType('ParkPhaseInput', {
    description: 'A construction phase (一期, 二期, ...) of a park.',
    fields: (t) => ({
      phase: t.int({ required: true, description: '一期 = 1, 二期 = 2, ...' }),
      floorArea: t.field({ type: 'Decimal', required: true, description: 'Planned floor area, 平方米.' }),
      plannedCompletion: t.field({ type: 'Date', required: false, description: 'Planned completion date (计划竣工).' }),
    }),
  });

  const EntryCriteriaInput = builder.inputType('EntryCriteriaInput', {
    description: '入园标准.',
    fields: (t) => ({
      minTaxPerMu: t.field({ type: 'Decimal', required: false, description: 'Minimum 亩均税收, 万元/亩.' }),
      industries: t.stringList({ required: false, description: 'Allowed GB/T 4754 codes.' }),
      notes: t.string({ required: false, description: 'Other conditions, as the park states them.' }),
    }),
  });

  const ParkInput = builder.inputType('ParkInput', {
    description: 'A park (小微企业园 / 标准厂房) to add or replace (keyed by id).',
    fields: (t) => ({
      id: t.id({ required: true, description: "The owner's park id, unique in its city." }),
      name: t.string({ required: true, description: 'Its name (园区名称).' }),
      town: t.id({ required: true, description: 'Town code or name (石门).' }),
      kind: t.field({ type: refs.ParkKind, required: true, description: '小微企业园 or 标准厂房.' }),
      phases: t.field({
        type: [ParkPhaseInput],
        required: false,
        description: 'Construction phases (一期, 二期, ...); default none.',
      }),
      entryCriteria: t.field({ type: EntryCriteriaInput, required: false, description: '入园标准, if it sets any.' }),
    }),
  });

  const SaveParcelsInput = builder.inputType('SaveParcelsInput', {
    description: 'Land parcels (地块) of one city to add or replace, all or nothing.',
    fields: (t) => ({
      city: t.id({ required: true, description: '6-digit city code.' }),
      parcels: t.field({
        type: [ParcelInput],
        required: true,
        description: 'The parcels; one with a known parcel id replaces it.',
      }),
    }),
  });

  const SaveParksInput = builder.inputType('SaveParksInput', {
    description: 'Parks (园区) of one city to add or replace, all or nothing.',
    fields: (t) => ({
      city: t.id({ required: true, description: '6-digit city code.' }),
      parks: t.field({
        type: [ParkInput],
        required: true,
        description: 'The parks; one with a known park id replaces it.',
      }),
    }),
  });

  builder.mutationFields((t) => ({
    saveEnterprises: t.field({
      type: [refs.Enterprise],
      description: 'Adds or replaces enterprises of a city. Town operators: own town only; city admins: their city.',
      args: {
        input: t.arg({
          type: SaveEnterprisesInput,
          required: true,
          description: 'The city and the enterprises to write.',
        }),
      },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'SaveEnterprisesResult' },
        result: { name: 'SaveEnterprisesSuccess', description: 'Enterprises (企业) saved.' },
        dataField: { name: 'enterprises', description: 'The enterprises as now stored.' },
      },
      resolve: async (_root, { input }, ctx) => {
        return (await saveEnterprises(ctx.repository, input, writeOptions(ctx, 'saveEnterprises'))).value;
      },
    }),
    saveAnnualData: t.field({
      type: [refs.AnnualData],
      description:
        "Adds or replaces enterprises' figures for a year. Town operators: enterprises of their own town only.",
      args: {
        input: t.arg({ type: SaveAnnualDataInput, required: true, description: 'The city and the figures to write.' }),
      },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'SaveAnnualDataResult' },
        result: { name: 'SaveAnnualDataSuccess', description: "Enterprises' figures (年度数据) saved." },
        dataField: { name: 'records', description: 'The figures as now stored.' },
      },
      resolve: async (_root, { input }, ctx) => {
        return (await saveAnnualData(ctx.repository, input, writeOptions(ctx, 'saveAnnualData'))).value;
      },
    }),

    saveParcels: t.field({
      type: [refs.LandParcel],
      description:
        'Adds or replaces land parcels of a city. Town operators: parcels of their own town, in parks of their own town, held by enterprises of their own town; city admins: their city.',
      args: {
        input: t.arg({ type: SaveParcelsInput, required: true, description: 'The city and the parcels to write.' }),
      },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'SaveParcelsResult' },
        result: { name: 'SaveParcelsSuccess', description: 'Land parcels (地块) saved.' },
        dataField: { name: 'parcels', description: 'The parcels as now stored.' },
      },
      resolve: async (_root, { input }, ctx) => {
        return (await saveParcels(ctx.repository, input, writeOptions(ctx, 'saveParcels'))).value;
      },
    }),
    saveParks: t.field({
      type: [refs.Park],
      description:
        'Adds or replaces parks (小微企业园, 标准厂房) of a city. Town operators: parks of their own town; city admins: their city.',
      args: { input: t.arg({ type: SaveParksInput, required: true, description: 'The city and the parks to write.' }) },
      errors: {
        types: [ValidationError, NotAuthorisedError],
        union: { name: 'SaveParksResult' },
        result: { name: 'SaveParksSuccess', description: 'Parks (园区) saved.' },
        dataField: { name: 'parks', description: 'The parks as now stored.' },
      },
      resolve: async (_root, { input }, ctx) => {
        return (await saveParks(ctx.repository, input, writeOptions(ctx, 'saveParks'))).value;
      },
    }),
  }));
}
