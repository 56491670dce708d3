import { type Kind, type Park, Quantity, Rate } from '@mujun/core';
import { PARK_KIND_LABELS } from '@mujun/core/labels';
import type { MujunBuilder } from '../builder';
import { cityOf, requireRegion, requireTown, townOf } from '../lookups';
import type { MujunRefs } from '../refs';
import { scopedId, splitScopedId } from './parcel';

/** Parks (小微企业园 / 标准厂房) with their phases, entry criteria and members. */
export function addParkTypes(builder: MujunBuilder, refs: MujunRefs): void {
  refs.ParkPhase.implement({
    description: 'A construction phase (一期, 二期, ...) of a park.',
    fields: (t) => ({
      phase: t.exposeInt('phase', { description: '一期 = 1, 二期 = 2, ...' }),
      floorArea: t.field({ type: refs.Area, description: '建筑面积 planned.', resolve: (ph) => ph.floorArea }),
      plannedCompletion: t.field({
        type: 'Date',
        nullable: true,
        description: 'Planned completion date (计划竣工); null when not set.',
        resolve: (ph) => ph.plannedCompletion ?? null,
      }),
    }),
  });

  refs.EntryCriteria.implement({
    description: '入园标准: what a firm needs to enter the park.',
    fields: (t) => ({
      minTaxPerMu: t.field({
        type: refs.Rate,
        nullable: true,
        description: 'Minimum 亩均税收 (万元/亩).',
        resolve: (c) =>
          c.minTaxPerMu === undefined
            ? null
            : (Rate.of('money', 'area', c.minTaxPerMu, { num: 'wanYuan', den: 'mu' }) as unknown as Rate<Kind, Kind>),
      }),
      industries: t.field({
        type: [refs.Industry],
        description: 'Industries (GB/T 4754) allowed in; empty when any may enter.',
        resolve: (c) => c.industries ?? [],
      }),
      notes: t.string({
        nullable: true,
        description: 'Other conditions, as the park states them.',
        resolve: (c) => c.notes ?? null,
      }),
    }),
  });

  builder.node(refs.Park, {
    description: 'A park: 小微企业园 (small and micro enterprise park) or 标准厂房 (standard factory buildings).',
    id: { resolve: (p) => scopedId(cityOf(p.townCode), p.id) },
    loadOne: async (scoped, ctx) => {
      const { city, id } = splitScopedId(scoped);
      return (await ctx.loaders.parksOfRegion.load(city)).find((p) => p.id === id);
    },
    fields: (t) => ({
      parkId: t.exposeID('id', { description: "The owner's park id, unique in its city." }),
      name: t.exposeString('name', { description: 'Its name (园区名称).' }),
      kind: t.field({ type: refs.ParkKind, description: '小微企业园 or 标准厂房.', resolve: (p) => p.kind }),
      kindLabel: t.string({ description: 'The kind in Chinese.', resolve: (p) => PARK_KIND_LABELS[p.kind] }),
      town: t.field({
        type: refs.Town,
        description: 'The town (乡镇/街道) it lies in.',
        resolve: (p, _args, ctx) => townOf(ctx, p.townCode),
      }),
      phases: t.field({
        type: [refs.ParkPhase],
        description: 'Construction phases (一期, 二期, ...).',
        resolve: (p) => p.phases,
      }),
      floorArea: t.field({
        type: refs.Area,
        description: 'Total planned floor area of all phases.',
        resolve: (p) =>
          Quantity.sum(
            'area',
            p.phases.map((ph) => ph.floorArea),
          ),
      }),
      entryCriteria: t.field({
        type: refs.EntryCriteria,
        nullable: true,
        description: '入园标准; null when it sets none.',
        resolve: (p) => p.entryCriteria ?? null,
      }),
      enterprises: t.field({
        type: [refs.Enterprise],
        description: 'Enterprises that entered the park.',
        resolve: async (p, _args, ctx) =>
          (await ctx.loaders.enterprisesOfRegion.load(cityOf(p.townCode))).filter((e) => e.parkId === p.id),
      }),
      parcels: t.field({
        type: [refs.LandParcel],
        description: 'Land parcels (地块) lying in the park.',
        resolve: async (p, _args, ctx) =>
          (await ctx.loaders.parcelsOfRegion.load(cityOf(p.townCode))).filter((x) => x.parkId === p.id),
      }),
    }),
  });

  const parksOf = async (parks: readonly Park[], town: string | undefined) =>
    town === undefined ? [...parks] : parks.filter((p) => p.townCode === town);

  builder.queryFields((t) => ({
    parks: t.field({
      type: [refs.Park],
      description: "A city's parks, optionally of one town.",
      args: {
        city: t.arg.id({ required: true, description: '6-digit city code.' }),
        town: t.arg.id({ required: false, description: 'Town code or name (石门).' }),
      },
      resolve: async (_root, args, ctx) => {
        const region = await requireRegion(ctx, String(args.city));
        const town = args.town == null ? undefined : requireTown(region, String(args.town)).code;
        return parksOf(await ctx.loaders.parksOfRegion.load(region.code), town);
      },
    }),
  }));

  builder.objectFields(refs.Town, (t) => ({
    parks: t.field({
      type: [refs.Park],
      description: "The town's parks (园区).",
      resolve: async (town, _args, ctx) => parksOf(await ctx.loaders.parksOfRegion.load(cityOf(town.code)), town.code),
    }),
  }));

  builder.objectFields(refs.Region, (t) => ({
    parks: t.field({
      type: [refs.Park],
      description: "The city's parks (园区).",
      resolve: async (region, _args, ctx) => [...(await ctx.loaders.parksOfRegion.load(region.code))],
    }),
  }));
}
