import { invalid } from '../errors';
import type { RationalInput } from '../exact/rational';
import { Quantity } from './quantity';
import { Rate } from './rate';
import type { Kind, UnitOf } from './units';

/** 面积: land and floor area (亩, 平方米, 万平方米, 公顷). */
export type Area = Quantity<'area'>;
/** 金额: money (元, 万元, 亿元). */
export type Money = Quantity<'money'>;
/** 综合能耗: energy use (吨标准煤). */
export type Energy = Quantity<'energy'>;
/** 用电量: electricity use (千瓦时, 万千瓦时). */
export type Electricity = Quantity<'electricity'>;
/** 排放量: physical emission of a pollutant (吨), e.g. COD. */
export type Emission = Quantity<'emission'>;
/** 主要污染物排放当量: pollution equivalents (当量吨). */
export type EmissionEquivalent = Quantity<'emissionEquivalent'>;
/** 人数: a headcount, e.g. 年平均职工人数. */
export type Headcount = Quantity<'headcount'>;
/** 用水量: water use (吨). */
export type Water = Quantity<'water'>;

function factory<K extends Kind>(kind: K) {
  return {
    of: (amount: RationalInput, unit: UnitOf<K>, field?: string): Quantity<K> => Quantity.of(kind, amount, unit, field),
    zero: (): Quantity<K> => Quantity.zero(kind),
    sum: (values: Iterable<Quantity<K>>): Quantity<K> => Quantity.sum(kind, values),
  };
}

const area = factory('area');
/**
 * Factories for `Area`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { Area } from '@mujun/core';
 *
 * const signed = Area.mu('4574'); // 腾退签约 4574亩
 * assert.equal(signed.format('squareMetre', { places: 2 }), '3049333.33平方米');
 * assert.ok(Area.squareMetres(signed.in('squareMetre')).equals(signed)); // exact both ways
 * assert.equal(Area.squareMetres('470000').format('mu', { places: 0 }), '705亩');
 * ```
 */
export const Area = {
  ...area,
  mu: (amount: RationalInput, field?: string): Area => area.of(amount, 'mu', field),
  squareMetres: (amount: RationalInput, field?: string): Area => area.of(amount, 'squareMetre', field),
  hectares: (amount: RationalInput, field?: string): Area => area.of(amount, 'hectare', field),
};

const money = factory('money');
/**
 * Factories for `Money`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { Money } from '@mujun/core';
 *
 * const tax = Money.sum([Money.yuan('12345.67'), Money.wanYuan('1.5')]);
 * assert.equal(tax.in('yuan').toString(), '2734567/100'); // 27345.67 元, no float
 * assert.equal(tax.format('wanYuan', { places: 2 }), '2.73万元');
 * ```
 */
export const Money = {
  ...money,
  yuan: (amount: RationalInput, field?: string): Money => money.of(amount, 'yuan', field),
  wanYuan: (amount: RationalInput, field?: string): Money => money.of(amount, 'wanYuan', field),
  yiYuan: (amount: RationalInput, field?: string): Money => money.of(amount, 'yiYuan', field),
};

const energy = factory('energy');
/** Factories for `Energy` (吨标准煤). */
export const Energy = {
  ...energy,
  tce: (amount: RationalInput, field?: string): Energy => energy.of(amount, 'tce', field),
};

const electricity = factory('electricity');
/** Factories for `Electricity`. */
export const Electricity = {
  ...electricity,
  kWh: (amount: RationalInput, field?: string): Electricity => electricity.of(amount, 'kWh', field),
  wanKWh: (amount: RationalInput, field?: string): Electricity => electricity.of(amount, 'wanKWh', field),
};

const emission = factory('emission');
/** Factories for `Emission` (吨). */
export const Emission = {
  ...emission,
  tonnes: (amount: RationalInput, field?: string): Emission => emission.of(amount, 'tonne', field),
};

const emissionEquivalent = factory('emissionEquivalent');
/** Factories for `EmissionEquivalent` (当量吨). */
export const EmissionEquivalent = {
  ...emissionEquivalent,
  tonnes: (amount: RationalInput, field?: string): EmissionEquivalent =>
    emissionEquivalent.of(amount, 'equivalentTonne', field),
};

const headcount = factory('headcount');
/**
 * Factories for `Headcount`: whole people only.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { Headcount, ValidationError } from '@mujun/core';
 *
 * assert.equal(Headcount.persons(12).in('person').toString(), '12');
 * assert.throws(() => Headcount.persons('1.5'), ValidationError); // whole people only
 * ```
 */
export const Headcount = {
  ...headcount,
  persons: (count: number | bigint | string, field = 'headcount'): Headcount => {
    const q = headcount.of(count, 'person', field);
    if (!q.base.isInteger()) throw invalid(field, 'headcount.integer', `a headcount is a whole number, got ${count}`);
    return q;
  },
};

const water = factory('water');
/** Factories for `Water` (吨). */
export const Water = {
  ...water,
  tonnes: (amount: RationalInput, field?: string): Water => water.of(amount, 'waterTonne', field),
};

/**
 * A per-unit value: `per(tax, land)` is 亩均税收 (万元/亩 when shown).
 * @throws ArithmeticError when `denominator` is zero
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { Area, Money, per } from '@mujun/core';
 *
 * const taxPerMu = per(Money.wanYuan('10'), Area.mu('3')); // 亩均税收, exactly 10/3 万元/亩
 * assert.equal(taxPerMu.format({ places: 2 }), '3.33万元/亩');
 * assert.equal(taxPerMu.in().toString(), '10/3');
 * ```
 */
export function per<N extends Kind, D extends Kind>(numerator: Quantity<N>, denominator: Quantity<D>): Rate<N, D> {
  return Rate.between(numerator, denominator);
}
