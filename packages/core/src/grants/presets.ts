import type { ConsequenceInput } from './consequences';
import type { PricingRuleInput } from './pricing';

/**
 * Pricing rules of published listings (出让公告), each with its source. Rules differ
 * per jurisdiction: these reproduce the listings' start prices and deposits exactly.
 */
export const PRICING_PRESETS = {
  /** 桐土告字[2023]50号 (桐乡市河山镇): ⌈亩 × 67.8⌉ 万元; deposit 10% rounded up to 10 万元. */
  tongxiang2023Heshan: {
    source: '桐土告字[2023]50号 出让公告: 起始价 = ⌈出让面积(亩) × 67.8万元⌉, 保证金 = 起始价 × 10% 向上取整到10万元',
    startPrice: { per: 'mu', rate: '67.8', rateUnit: 'wanYuan', rounding: { step: '1', mode: 'up' } },
    deposit: { share: '0.1', rounding: { step: '10', mode: 'up' } },
  },
  /** 嘉土告开字[2026]01号 (嘉兴经开): 1221 元/m² (= 81.4 万元/亩); deposit 10% rounded down to 1 万元. */
  jiaxingJingkai2026: {
    source: '嘉土告开字[2026]01号 出让公告: 起始价 1221元/平方米, 保证金 = 起始价 × 10% 向下取整到1万元',
    startPrice: { per: 'squareMetre', rate: '1221', rateUnit: 'yuan' },
    deposit: { share: '0.1', rounding: { step: '1', mode: 'down' } },
  },
} as const satisfies Record<string, PricingRuleInput>;

/**
 * Consequence presets with their sources. No Zhejiang contract rate is published in a
 * form we could cite, so the only preset is the national rule on idle land:
 * 《闲置土地处置办法》(国土资源部令第53号, 2012) 第十四条 — unstarted one year past the
 * agreed start, a 土地闲置费 of 20% of the land price; two years, taken back without
 * compensation. Contract rates (违约金 ‰ per day, 差额补缴) are entered per grant.
 */
export const CONSEQUENCE_PRESETS = {
  idleLandMeasures2012: [
    {
      kind: 'idleFee',
      afterMonths: 12,
      share: '0.2',
      basis: 'transactionPrice',
      source:
        '《闲置土地处置办法》(国土资源部令第53号) 第十四条第一项: 未动工开发满一年, 按出让价款的20%征缴土地闲置费',
    },
    {
      kind: 'takeBack',
      afterMonths: 24,
      source: '《闲置土地处置办法》(国土资源部令第53号) 第十四条第二项: 未动工开发满两年, 无偿收回国有建设用地使用权',
    },
  ],
} as const satisfies Record<string, readonly ConsequenceInput[]>;
