import {
  type Enterprise,
  type EnterpriseFlag,
  type IndustryCode,
  industryName,
  invalid,
  isManufacturing,
  per,
  Rate,
  type Scale,
  safeParseIndustryCode,
} from '@mujun/core';
import { isUtility, sectionName } from '@mujun/core/ids';
import { ENTERPRISE_FLAG_LABELS } from '@mujun/core/labels';
import type { MujunBuilder } from '../builder';
import { annualDataKey, type MujunContext } from '../context';
import { cityOf, requireRegion, requireTown, townOf } from '../lookups';
import { gatewayMessages } from '../messages';
import { type Connection, type ConnectionArgs, pageOf, pageRequest } from '../paging';
import { totalCountField } from '../paging-fields';
import type { MujunRefs } from '../refs';
import { firmView, seesAllFigures } from '../run-policy';

/** Filters of an enterprise list, as dashboards ask for them. */
export interface EnterpriseFilter {
  /** 6-digit city code. */
  readonly city: string;
  /** Town code or name. */
  readonly town?: string | null | undefined;
  /** Enterprises carrying every flag listed. */
  readonly flags?: readonly EnterpriseFlag[] | null | undefined;
  /** Only enterprises with annual data for this year; the year `scale` and `taxPerMuBelow` read. */
  readonly year?: number | null | undefined;
  readonly scale?: Scale | null | undefined;
  /** 亩均税收 (万元/亩) strictly below this value; enterprises without tax or land that year are left out. */
  readonly taxPerMuBelow?: string | null | undefined;
  /** Members of this park (its id). */
  readonly park?: string | null | undefined;
  /** GB/T 4754 code prefix, e.g. "17" (纺织业) or "C". */
  readonly industry?: string | null | undefined;
}

const byUscc = (e: Enterprise) => e.uscc;

function industryMatches(code: IndustryCode, wanted: string): boolean {
  const w = wanted.trim().toUpperCase();
  return /^[A-Z]$/.test(w) ? code.section === w : code.code.startsWith(w.replace(/^[A-Z]/, ''));
}

/**
 * A page of a city's enterprises ordered by USCC. Without filters on annual
 * data or flags the repository pages (one call); with them the city's
 * enterprises and that year's data are read once per request and filtered here.
 */
export async function enterprisePage(
  ctx: MujunContext,
  filter: EnterpriseFilter,
  args: ConnectionArgs,
): Promise<Connection<Enterprise>> {
  const page = pageRequest(args, ctx.limits);
  const region = await requireRegion(ctx, filter.city);
  const town = filter.town == null ? undefined : requireTown(region, filter.town);
  const year = filter.year ?? undefined;
  if (year === undefined && filter.scale != null)
    throw invalid('year', 'filter.yearNeeded', gatewayMessages.yearNeeded('scale'));
  if (year === undefined && filter.taxPerMuBelow != null) {
    throw invalid('year', 'filter.yearNeeded', gatewayMessages.yearNeeded('taxPerMuBelow'));
  }
  // A filter by a firm's tax would reveal it: only to those who see every listed firm's figures.
  if (filter.taxPerMuBelow != null && !seesAllFigures(ctx.principal, region.code, town?.code)) {
    throw invalid('taxPerMuBelow', 'figures.hidden', gatewayMessages.figuresHidden('taxPerMuBelow'));
  }
  if (filter.industry != null && !safeParseIndustryCode(filter.industry.trim().toUpperCase()).ok) {
    throw invalid('industry', 'filter.industry', gatewayMessages.unknownIndustry(filter.industry));
  }
  if (filter.park != null) {
    const parks = await ctx.loaders.parksOfRegion.load(region.code);
    if (!parks.some((p) => p.id === filter.park)) {
      throw invalid('park', 'reference.park', gatewayMessages.unknownPark(String(filter.park), region.code));
    }
  }
  const simple = year === undefined && !filter.flags?.length && filter.park == null && filter.industry == null;

  const snapshot = await ctx.loaders.snapshot.load(region.code);
  if (simple && snapshot && !town) {
    // The city's enterprises are already sorted by USCC: find the page, copy nothing else.
    return pageOf(snapshot.enterprises, page, byUscc);
  }
  const [all, data] = await Promise.all([
    ctx.loaders.enterprisesOfRegion.load(region.code),
    year === undefined ? undefined : ctx.loaders.annualDataOfRegion.load(`${region.code}|${year}`),
  ]);
  const below =
    filter.taxPerMuBelow == null
      ? undefined
      : Rate.of('money', 'area', filter.taxPerMuBelow, { num: 'wanYuan', den: 'mu' }, 'taxPerMuBelow');
  const flags = filter.flags ?? [];
  const rows = all.filter((e) => {
    if (town && e.townCode !== town.code) return false;
    if (!flags.every((f) => e.flags.includes(f))) return false;
    if (filter.park != null && e.parkId !== filter.park) return false;
    if (filter.industry != null && !industryMatches(e.industry, filter.industry)) return false;
    if (data) {
      const d = data.get(e.uscc);
      if (!d) return false;
      if (filter.scale != null && d.scale !== filter.scale) return false;
      if (below) {
        if (!d.tax || !d.landArea?.isPositive()) return false;
        if (per(d.tax, d.landArea).compare(below) >= 0) return false;
      }
    }
    return true;
  });
  const result = pageOf(rows, page, byUscc);
  for (const { node } of result.edges) {
    ctx.loaders.enterprise.prime(node.uscc, node);
    const d = data?.get(node.uscc);
    if (d && year !== undefined) ctx.loaders.annualData.prime(annualDataKey(node.uscc, year), d);
  }
  return result;
}

/** Enterprise (企业) as a Relay node keyed by its 统一社会信用代码, and the `enterprises` lists. */
export function addEnterpriseTypes(builder: MujunBuilder, refs: MujunRefs) {
  refs.Industry.implement({
    description: '国民经济行业分类 (GB/T 4754-2017) code of an enterprise.',
    fields: (t) => ({
      code: t.exposeString('code', { description: 'Canonical code, e.g. 1751.' }),
      name: t.string({ description: 'Chinese name, where the library knows it.', resolve: (c) => industryName(c) }),
      section: t.exposeString('section', { description: '门类 letter, e.g. C.' }),
      sectionName: t.string({
        nullable: true,
        description: '门类 name, e.g. 制造业.',
        resolve: (c) => sectionName(c.section) ?? null,
      }),
      division: t.string({ nullable: true, description: '大类 (2 digits).', resolve: (c) => c.division ?? null }),
      group: t.string({ nullable: true, description: '中类 (3 digits).', resolve: (c) => c.group ?? null }),
      class: t.string({ nullable: true, description: '小类 (4 digits).', resolve: (c) => c.class ?? null }),
      manufacturing: t.boolean({ description: '制造业 (门类 C).', resolve: (c) => isManufacturing(c) }),
      utility: t.boolean({
        description: '公用事业 (门类 D): often exempt from ratings.',
        resolve: (c) => isUtility(c),
      }),
    }),
  });

  const filterArgs = builder.args((t) => ({
    flags: t.field({
      type: [refs.EnterpriseFlag],
      required: false,
      description: 'Only enterprises carrying every flag listed.',
    }),
    year: t.int({ required: false, description: 'Only enterprises with annual data for this year.' }),
    scale: t.field({ type: refs.Scale, required: false, description: '规上 or 规下 in `year`.' }),
    taxPerMuBelow: t.field({
      type: 'Decimal',
      required: false,
      description: '亩均税收 (万元/亩) in `year` strictly below this; needs `year`.',
    }),
    park: t.id({ required: false, description: 'Members of this park (its park id).' }),
    industry: t.string({ required: false, description: 'GB/T 4754 code prefix, e.g. "17" or "C".' }),
  }));

  const EnterpriseConnection = builder.connectionObject(
    {
      type: refs.Enterprise,
      name: 'EnterpriseConnection',
      description: 'A page (分页) of enterprises (企业), ordered by USCC.',
      fields: totalCountField,
    },
    { name: 'EnterpriseEdge', description: 'An enterprise (企业) on a page, with its cursor.' },
  );

  builder.node(refs.Enterprise, {
    description: 'An enterprise (企业), keyed by its 统一社会信用代码 (USCC).',
    id: { resolve: (e) => e.uscc },
    loadMany: (usccs, ctx) => ctx.repository.getEnterprises(usccs),
    fields: (t) => ({
      uscc: t.exposeID('uscc', { description: '统一社会信用代码, both check digits verified.' }),
      name: t.exposeString('name', { description: 'Registered name (企业名称).' }),
      town: t.field({
        type: refs.Town,
        description: 'The town (乡镇/街道) it is registered in.',
        resolve: (e, _args, ctx) => townOf(ctx, e.townCode),
      }),
      industry: t.field({
        type: refs.Industry,
        description: 'Its industry (国民经济行业分类).',
        resolve: (e) => e.industry,
      }),
      registeredOn: t.field({ type: 'Date', description: '成立日期.', resolve: (e) => e.registeredOn }),
      park: t.field({
        type: refs.Park,
        nullable: true,
        description: 'The park (小微企业园 / 标准厂房) it entered, if any.',
        resolve: async (e, _args, ctx) => {
          if (e.parkId === undefined) return null;
          const parks = await ctx.loaders.parksOfRegion.load(cityOf(e.townCode));
          return parks.find((p) => p.id === e.parkId) ?? null;
        },
      }),
      parcels: t.field({
        type: [refs.LandParcel],
        description: 'Land parcels it uses.',
        resolve: async (e, _args, ctx) => {
          if (e.parcelIds.length === 0) return [];
          const parcels = await ctx.loaders.parcelsOfRegion.load(cityOf(e.townCode));
          const byId = new Map(parcels.map((p) => [p.id, p]));
          return e.parcelIds.flatMap((id) => byId.get(id) ?? []);
        },
      }),
      flags: t.field({
        type: [refs.EnterpriseFlag],
        description: 'Its problem flags (问题标签): 低散乱, 四无, 僵尸企业, ...',
        resolve: (e) => e.flags,
      }),
      flagLabels: t.stringList({
        description: 'The flags in Chinese (低散乱, 四无, ...).',
        resolve: (e) => e.flags.map((f) => ENTERPRISE_FLAG_LABELS[f]),
      }),
      fourWithout: t.field({
        type: [refs.FourWithout],
        description: '四无 conditions.',
        resolve: (e) => e.fourWithout,
      }),
      annualData: t.field({
        type: refs.AnnualData,
        nullable: true,
        description:
          "Its figures for one year (年度数据), or null when none were reported or when they are not shown to you: firms' figures are confidential outside the city's admins and the firm's own town's operators.",
        args: { year: t.arg.int({ required: true, description: 'The year (年度) of the figures.' }) },
        resolve: async (e, args, ctx) => {
          if (!firmView(ctx.principal, cityOf(e.townCode), e.townCode, false).figures) return null;
          return (await ctx.loaders.annualData.load(annualDataKey(e.uscc, args.year))) ?? null;
        },
      }),
    }),
  });

  builder.queryFields((t) => ({
    enterprise: t.field({
      type: refs.Enterprise,
      nullable: true,
      description: 'An enterprise by its USCC (统一社会信用代码).',
      args: { uscc: t.arg.id({ required: true, description: '统一社会信用代码, 18 characters.' }) },
      resolve: async (_root, args, ctx) => (await ctx.loaders.enterprise.load(String(args.uscc))) ?? null,
    }),
    enterprises: t.connection(
      {
        type: refs.Enterprise,
        description: "A city's enterprises ordered by USCC, filtered as dashboards need.",
        args: {
          city: t.arg.id({ required: true, description: '6-digit city code, e.g. "330483".' }),
          town: t.arg.id({ required: false, description: 'Town code or name (石门).' }),
          ...filterArgs,
        },
        resolve: (_root, args, ctx) => enterprisePage(ctx, { ...args, city: String(args.city) }, args),
      },
      EnterpriseConnection,
    ),
  }));

  builder.objectFields(refs.Region, (t) => ({
    enterprises: t.connection(
      {
        type: refs.Enterprise,
        description: "The city's enterprises ordered by USCC, filtered as dashboards need.",
        args: { town: t.arg.id({ required: false, description: 'Town code or name (石门).' }), ...filterArgs },
        resolve: (region, args, ctx) => enterprisePage(ctx, { ...args, city: region.code }, args),
      },
      EnterpriseConnection,
    ),
  }));

  builder.objectFields(refs.Town, (t) => ({
    enterprises: t.connection(
      {
        type: refs.Enterprise,
        description: "The town's enterprises ordered by USCC, filtered as dashboards need.",
        args: filterArgs,
        resolve: (town, args, ctx) => enterprisePage(ctx, { ...args, city: cityOf(town.code), town: town.code }, args),
      },
      EnterpriseConnection,
    ),
  }));
}
