import {
  CAMPAIGN_EVENT_LABELS,
  ENTERPRISE_FLAG_LABELS,
  FOUR_WITHOUT_LABELS,
  PARCEL_CATEGORY_LABELS,
  PARK_KIND_LABELS,
  SCALE_LABELS,
} from '@mujun/core/labels';
import type { MujunBuilder } from '../builder';

/** SCREAMING_CASE GraphQL enum values for camelCase domain values, described by their Chinese label. */
export function valuesOf<V extends string>(labels: Record<V, string>) {
  return Object.fromEntries(
    (Object.keys(labels) as V[]).map((v) => [
      v.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase(),
      { value: v, description: labels[v] },
    ]),
  ) as Record<string, { readonly value: V; readonly description: string }>;
}

const ROUNDING_VALUES = {
  HALF_UP: { value: 'halfUp', description: '四舍五入: half away from zero (the default)' },
  HALF_EVEN: { value: 'halfEven', description: "Banker's rounding: half to the even neighbour" },
  DOWN: { value: 'down', description: '截尾: toward zero' },
  UP: { value: 'up', description: '进一: away from zero' },
} as const;

/**
 * Enums shared by several type families. Pothos makes an enum's ref when it
 * defines it, so these are defined with the refs (see `createRefs`).
 */
export function createEnumRefs(builder: MujunBuilder) {
  return {
    Rounding: builder.enumType('Rounding', {
      description: 'How a value is rounded to `places` decimals. Applies only where `places` is given.',
      values: ROUNDING_VALUES,
    }),
    EnterpriseFlag: builder.enumType('EnterpriseFlag', {
      description: '问题标签: a flag an enterprise carries for campaigns and vetoes.',
      values: valuesOf(ENTERPRISE_FLAG_LABELS),
    }),
    FourWithout: builder.enumType('FourWithout', {
      description: 'The four conditions of 四无.',
      values: valuesOf(FOUR_WITHOUT_LABELS),
    }),
    Scale: builder.enumType('Scale', {
      description: '规上 (营业收入 ≥ 2000万元) or 规下.',
      values: valuesOf(SCALE_LABELS),
    }),
    ParcelCategory: builder.enumType('ParcelCategory', {
      description: '用地类别: what a parcel is, for the campaign.',
      values: valuesOf(PARCEL_CATEGORY_LABELS),
    }),
    CampaignEventType: builder.enumType('CampaignEventType', {
      description: 'The kind of a campaign event (退散进集台账).',
      values: valuesOf(CAMPAIGN_EVENT_LABELS),
    }),
    ParkKind: builder.enumType('ParkKind', {
      description: '小微企业园 or 标准厂房.',
      values: valuesOf(PARK_KIND_LABELS),
    }),
  };
}
