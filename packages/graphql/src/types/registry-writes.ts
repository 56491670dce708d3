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
      uscc: t.id({ required: true }),
      year: t.int({ required: true }),
      scale: t.field({ type: refs.Scale, required: true }),
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
        return (await saveEnterprises(ctx.repository, input, writeOptions(ctx, 'saveEnterprises'))).value;
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
        return (await saveAnnualData(ctx.repository, input, writeOptions(ctx, 'saveAnnualData'))).value;
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
        return (await saveParcels(ctx.repository, input, writeOptions(ctx, 'saveParcels'))).value;
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
        return (await saveParks(ctx.repository, input, writeOptions(ctx, 'saveParks'))).value;
      },
    }),
  }));
}
