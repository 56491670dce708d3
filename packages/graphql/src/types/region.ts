import { TOWN_KIND_LABELS } from '@mujun/core/labels';
import type { MujunBuilder } from '../builder';
import { cityOf, requireRegion } from '../lookups';
import type { MujunRefs } from '../refs';

/** Region (a city, 县级市) and Town (镇/街道), with `region(city)` and `regions`. */
export function addRegionTypes(builder: MujunBuilder, refs: MujunRefs): void {
  const TownKind = builder.enumType('TownKind', {
    description: 'A town-level division: 镇 or 街道.',
    values: {
      TOWN: { value: 'town', description: '镇' },
      SUBDISTRICT: { value: 'subdistrict', description: '街道' },
    } as const,
  });

  builder.node(refs.Region, {
    description: 'A county-level city (县级市, e.g. 桐乡市 330483) and its towns.',
    id: { resolve: (r) => r.code },
    loadOne: (code, ctx) => ctx.loaders.region.load(code),
    fields: (t) => ({
      code: t.exposeID('code', { description: '6-digit administrative division code (行政区划代码).' }),
      name: t.exposeString('name', { description: 'Its name, e.g. 桐乡市.' }),
      validFrom: t.int({
        nullable: true,
        description: 'First year this division of towns holds (town boundaries change); null when open.',
        resolve: (r) => r.validFrom ?? null,
      }),
      validTo: t.int({
        nullable: true,
        description: 'Last year this division of towns holds; null when still current.',
        resolve: (r) => r.validTo ?? null,
      }),
      towns: t.field({
        type: [refs.Town],
        description: 'Its towns and subdistricts (乡镇/街道).',
        resolve: (r) => r.towns,
      }),
      town: t.field({
        type: refs.Town,
        nullable: true,
        description: 'A town by 12-digit code or name (石门 or 石门镇).',
        args: { town: t.arg.id({ required: true, description: '12-digit town code, short name or official name.' }) },
        resolve: (r, args) =>
          r.towns.find((x) => x.code === args.town || x.name === args.town || x.fullName === args.town) ?? null,
      }),
    }),
  });

  builder.node(refs.Town, {
    description: 'A town-level division (乡镇/街道) of a city.',
    id: { resolve: (t) => t.code },
    loadOne: async (code, ctx) => (await ctx.loaders.region.load(cityOf(code)))?.towns.find((t) => t.code === code),
    fields: (t) => ({
      code: t.exposeID('code', { description: '12-digit town code (统计用区划代码).' }),
      name: t.exposeString('name', { description: 'Short name used in rankings, e.g. 石门.' }),
      fullName: t.exposeString('fullName', { description: 'Official name, e.g. 石门镇.' }),
      kind: t.field({ type: TownKind, description: '镇 (town) or 街道 (subdistrict).', resolve: (x) => x.kind }),
      kindLabel: t.string({ description: '镇 or 街道.', resolve: (x) => TOWN_KIND_LABELS[x.kind] }),
      region: t.field({
        type: refs.Region,
        description: 'The city (县级市) it belongs to.',
        resolve: (x, _args, ctx) => requireRegion(ctx, cityOf(x.code)),
      }),
    }),
  });

  builder.queryFields((t) => ({
    region: t.field({
      type: refs.Region,
      nullable: true,
      description: 'A city by its 6-digit code, e.g. "330483" for 桐乡市; null when it is not loaded.',
      args: { city: t.arg.id({ required: true, description: '6-digit city code (行政区划代码).' }) },
      resolve: (_root, args, ctx) => ctx.loaders.region.load(String(args.city)).then((r) => r ?? null),
    }),
    regions: t.field({
      type: [refs.Region],
      description: 'Every city this gateway holds.',
      resolve: (_root, _args, ctx) => ctx.repository.listRegions(),
    }),
  }));
}
