import { type Kind, per, type Quantity, type Rate, unitLabel } from '@mujun/core';
import { SCALE_LABELS } from '@mujun/core/labels';
import { ANNUAL_QUANTITY_FIELD_NAMES, ANNUAL_QUANTITY_FIELDS } from '@mujun/core/model';
import type { MujunBuilder } from '../builder';
import type { MujunRefs } from '../refs';

/** `num / den` when both are there and `den` is positive; null otherwise (no division by zero, no guess). */
function rate<N extends Kind, D extends Kind>(
  num: Quantity<N> | undefined,
  den: Quantity<D> | undefined,
): Rate<Kind, Kind> | null {
  if (!num || !den?.isPositive()) return null;
  return per(num, den) as unknown as Rate<Kind, Kind>;
}

/** The GraphQL object type of a figure's kind (a headcount is an Int). */
function figureRef(refs: MujunRefs, kind: Exclude<Kind, 'headcount'>) {
  const byKind = {
    money: refs.Money,
    energy: refs.Energy,
    emissionEquivalent: refs.EmissionEquivalent,
    electricity: refs.Electricity,
    area: refs.Area,
    water: refs.Water,
    emission: refs.Emission,
  } as const;
  return byKind[kind];
}

/** One enterprise's figures for one year (年度数据) and the per-unit values read from them. */
export function addAnnualDataTypes(_builder: MujunBuilder, refs: MujunRefs): void {
  refs.AnnualData.implement({
    description:
      "One enterprise's figures for one year (年度数据). Any figure may be missing (null); per-unit values are null when a part is missing or the denominator is zero.",
    fields: (t) => ({
      uscc: t.exposeID('uscc', { description: "The enterprise's 统一社会信用代码." }),
      year: t.exposeInt('year', { description: 'The year the figures are for (年度).' }),
      enterprise: t.field({
        type: refs.Enterprise,
        nullable: true,
        description: 'The enterprise (企业); null when the registry does not hold it.',
        resolve: async (d, _args, ctx) => (await ctx.loaders.enterprise.load(d.uscc)) ?? null,
      }),
      scale: t.field({ type: refs.Scale, description: '规上 or 规下 that year.', resolve: (d) => d.scale }),
      scaleLabel: t.string({ description: '规上 or 规下.', resolve: (d) => SCALE_LABELS[d.scale] }),
      // The figures, one field per row of core's ANNUAL_QUANTITY_FIELDS.
      ...Object.fromEntries(
        ANNUAL_QUANTITY_FIELD_NAMES.map((f) => {
          const row = ANNUAL_QUANTITY_FIELDS[f];
          const description = `${row.label} (${unitLabel(row.unit)}).`;
          if (row.kind === 'headcount') {
            return [
              f,
              t.int({
                nullable: true,
                description,
                resolve: (d) => {
                  const q = d[f];
                  return q ? Number(q.in('person' as never).num) : null;
                },
              }),
            ];
          }
          return [
            f,
            t.field({
              type: figureRef(refs, row.kind),
              nullable: true,
              description,
              resolve: (d) => (d[f] as never) ?? null,
            }),
          ];
        }),
      ),
      taxPerMu: t.field({
        type: refs.Rate,
        nullable: true,
        description: '亩均税收 (万元/亩): tax / land area.',
        resolve: (d) => rate(d.tax, d.landArea),
      }),
      valueAddedPerMu: t.field({
        type: refs.Rate,
        nullable: true,
        description: '亩均增加值 (万元/亩): value added / land area.',
        resolve: (d) => rate(d.valueAdded, d.landArea),
      }),
      valueAddedPerEnergy: t.field({
        type: refs.Rate,
        nullable: true,
        description: '单位能耗增加值 (万元/吨标准煤): value added / energy use.',
        resolve: (d) => rate(d.valueAdded, d.energy),
      }),
      valueAddedPerEmission: t.field({
        type: refs.Rate,
        nullable: true,
        description: '单位排放增加值 (万元/当量吨): value added / pollutant emission equivalent.',
        resolve: (d) => rate(d.valueAdded, d.emissionEquivalent),
      }),
      taxPerElectricity: t.field({
        type: refs.Rate,
        nullable: true,
        description: '单位电耗税收 (万元/万千瓦时): tax / electricity used.',
        resolve: (d) => rate(d.tax, d.electricity),
      }),
      valueAddedPerEmployee: t.field({
        type: refs.Rate,
        nullable: true,
        description: '全员劳动生产率 (万元/人): value added / employees.',
        resolve: (d) => rate(d.valueAdded, d.employees),
      }),
      rdIntensity: t.field({
        type: refs.Ratio,
        nullable: true,
        description: 'R&D经费占比: R&D expense / revenue.',
        resolve: (d) => (d.rdExpense && d.revenue?.isPositive() ? d.rdExpense.ratioTo(d.revenue) : null),
      }),
    }),
  });
}
