import { type Kind, per, type Quantity, type Rate } from '@mujun/core';
import { SCALE_LABELS } from '@mujun/core/labels';
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

/** One enterprise's figures for one year (年度数据) and the per-unit values read from them. */
export function addAnnualDataTypes(_builder: MujunBuilder, refs: MujunRefs): void {
  refs.AnnualData.implement({
    description:
      "One enterprise's figures for one year. Any figure may be missing (null); per-unit values are null when a part is missing or the denominator is zero.",
    fields: (t) => ({
      uscc: t.exposeString('uscc'),
      year: t.exposeInt('year'),
      enterprise: t.field({
        type: refs.Enterprise,
        nullable: true,
        resolve: async (d, _args, ctx) => (await ctx.loaders.enterprise.load(d.uscc)) ?? null,
      }),
      scale: t.field({ type: refs.Scale, resolve: (d) => d.scale }),
      scaleLabel: t.string({ description: '规上 or 规下.', resolve: (d) => SCALE_LABELS[d.scale] }),
      tax: t.field({
        type: refs.Money,
        nullable: true,
        description: '税收 (tax paid).',
        resolve: (d) => d.tax ?? null,
      }),
      valueAdded: t.field({
        type: refs.Money,
        nullable: true,
        description: '工业增加值 (industrial value added).',
        resolve: (d) => d.valueAdded ?? null,
      }),
      revenue: t.field({
        type: refs.Money,
        nullable: true,
        description: '营业收入 (revenue).',
        resolve: (d) => d.revenue ?? null,
      }),
      rdExpense: t.field({
        type: refs.Money,
        nullable: true,
        description: 'R&D 经费.',
        resolve: (d) => d.rdExpense ?? null,
      }),
      employees: t.int({
        nullable: true,
        description: '年平均职工人数 (average employees).',
        resolve: (d) => (d.employees ? Number(d.employees.in('person').num) : null),
      }),
      energy: t.field({
        type: refs.Energy,
        nullable: true,
        description: '综合能耗.',
        resolve: (d) => d.energy ?? null,
      }),
      emissionEquivalent: t.field({
        type: refs.EmissionEquivalent,
        nullable: true,
        description: '主要污染物排放当量.',
        resolve: (d) => d.emissionEquivalent ?? null,
      }),
      electricity: t.field({
        type: refs.Electricity,
        nullable: true,
        description: '用电量.',
        resolve: (d) => d.electricity ?? null,
      }),
      landArea: t.field({
        type: refs.Area,
        nullable: true,
        description: '用地面积: land used that year.',
        resolve: (d) => d.landArea ?? null,
      }),
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
