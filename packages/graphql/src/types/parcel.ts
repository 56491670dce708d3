import type { LandParcel, ParcelCategory } from '@mujun/core';
import { PARCEL_CATEGORY_LABELS } from '@mujun/core/labels';
import type { MujunBuilder } from '../builder';
import type { MujunContext } from '../context';
import { cityOf, requireRegion, requireTown, townOf } from '../lookups';
import { type ConnectionArgs, pageOf, pageRequest } from '../paging';
import { totalCountField } from '../paging-fields';
import type { MujunRefs } from '../refs';

/** Global ids of parcels and parks carry their city: parcel and park ids are unique per city. */
export function scopedId(city: string, id: string): string {
  return `${city}:${id}`;
}

export function splitScopedId(scoped: string): { city: string; id: string } {
  const i = scoped.indexOf(':');
  return { city: scoped.slice(0, i), id: scoped.slice(i + 1) };
}

async function parcelPage(
  ctx: MujunContext,
  filter: {
    city: string;
    town?: string | null | undefined;
    category?: ParcelCategory | null | undefined;
    park?: string | null | undefined;
  },
  args: ConnectionArgs,
) {
  const page = pageRequest(args, ctx.limits);
  const region = await requireRegion(ctx, filter.city);
  const town = filter.town == null ? undefined : requireTown(region, filter.town);
  const all = await ctx.loaders.parcelsOfRegion.load(region.code);
  const rows = all.filter(
    (p) =>
      (!town || p.townCode === town.code) &&
      (filter.category == null || p.category === filter.category) &&
      (filter.park == null || p.parkId === filter.park),
  );
  return pageOf(rows, page, (p: LandParcel) => p.id);
}

/** Land parcels (地块) as Relay nodes, and the `parcels` lists. */
export function addParcelTypes(builder: MujunBuilder, refs: MujunRefs): void {
  const ParcelConnection = builder.connectionObject(
    {
      type: refs.LandParcel,
      name: 'LandParcelConnection',
      description: 'A page (分页) of land parcels (地块), ordered by parcel id.',
      fields: totalCountField,
    },
    { name: 'LandParcelEdge', description: 'A land parcel (地块) on a page, with its cursor.' },
  );

  builder.node(refs.LandParcel, {
    description: 'A land parcel (地块): its area, town, category and park.',
    id: { resolve: (p) => scopedId(cityOf(p.townCode), p.id) },
    loadOne: async (scoped, ctx) => {
      const { city, id } = splitScopedId(scoped);
      return (await ctx.loaders.parcelsOfRegion.load(city)).find((p) => p.id === id);
    },
    fields: (t) => ({
      parcelId: t.exposeID('id', { description: "The owner's parcel number, unique in its city." }),
      town: t.field({
        type: refs.Town,
        description: 'The town (乡镇/街道) it lies in.',
        resolve: (p, _args, ctx) => townOf(ctx, p.townCode),
      }),
      area: t.field({ type: refs.Area, description: 'Its registered area (登记面积).', resolve: (p) => p.area }),
      category: t.field({ type: refs.ParcelCategory, description: '用地类别.', resolve: (p) => p.category }),
      categoryLabel: t.string({
        description: '用地类别 in Chinese.',
        resolve: (p) => PARCEL_CATEGORY_LABELS[p.category],
      }),
      park: t.field({
        type: refs.Park,
        nullable: true,
        description: 'The park (园区) it lies in, if any.',
        resolve: async (p, _args, ctx) =>
          p.parkId === undefined
            ? null
            : ((await ctx.loaders.parksOfRegion.load(cityOf(p.townCode))).find((k) => k.id === p.parkId) ?? null),
      }),
      holder: t.field({
        type: refs.Enterprise,
        nullable: true,
        description: '土地使用权人: the enterprise holding the land.',
        resolve: async (p, _args, ctx) =>
          p.holderUscc === undefined ? null : ((await ctx.loaders.enterprise.load(p.holderUscc)) ?? null),
      }),
      suppliedOn: t.field({
        type: 'Date',
        nullable: true,
        description: '供地日期.',
        resolve: (p) => p.suppliedOn ?? null,
      }),
    }),
  });

  const filterArgs = builder.args((t) => ({
    category: t.field({ type: refs.ParcelCategory, required: false, description: 'Parcels of this 用地类别.' }),
    park: t.id({ required: false, description: 'Parcels in this park (its park id).' }),
  }));

  builder.queryFields((t) => ({
    parcels: t.connection(
      {
        type: refs.LandParcel,
        description: "A city's land parcels ordered by parcel id.",
        args: {
          city: t.arg.id({ required: true, description: '6-digit city code.' }),
          town: t.arg.id({ required: false, description: 'Town code or name (石门).' }),
          ...filterArgs,
        },
        resolve: (_root, args, ctx) => parcelPage(ctx, { ...args, city: String(args.city) }, args),
      },
      ParcelConnection,
    ),
  }));

  builder.objectFields(refs.Town, (t) => ({
    parcels: t.connection(
      {
        type: refs.LandParcel,
        description: "The town's land parcels ordered by parcel id.",
        args: filterArgs,
        resolve: (town, args, ctx) => parcelPage(ctx, { ...args, city: cityOf(town.code), town: town.code }, args),
      },
      ParcelConnection,
    ),
  }));
}
