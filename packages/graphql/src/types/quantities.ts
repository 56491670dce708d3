import { type Kind, type Quantity, Rational, type UnitOf, unitLabel } from '@mujun/core';
import type { ImplementableObjectRef } from '@pothos/core';
import type { MujunBuilder, MujunTypes } from '../builder';
import type { MujunRefs } from '../refs';

const HUNDRED = Rational.of(100n);

type UnitFields<K extends Kind> = Record<string, { unit: UnitOf<K>; description: string }>;

/**
 * Quantities as objects that name their unit: `Area { mu squareMetres
 * hectares wanSquareMetres }`, `Money { yuan wanYuan yiYuan }`, ... Each unit
 * field takes optional `places` and `rounding`.
 *
 * They are value types (数值类型): no identity, the same wherever they appear.
 * In the federation subgraph they are `@shareable` (as `PageInfo` is), so a
 * neighbour subgraph that defines `Money`, `Area`, `Rate`, … alike composes
 * with mujun's instead of failing on INVALID_FIELD_SHARING.
 */
export function addQuantityTypes(_builder: MujunBuilder, refs: MujunRefs): void {
  /** The arguments of every `text` field: a label for people is always rounded, so `places` is required. */
  const textArgs = (t: PothosSchemaTypes.ObjectFieldBuilder<MujunTypes, unknown>) => ({
    places: t.arg.int({ required: true, description: 'Decimal places shown (0–100).' }),
    rounding: t.arg({ type: refs.Rounding, required: false, description: 'Default HALF_UP (四舍五入).' }),
  });

  function quantityType<K extends Kind>(
    ref: ImplementableObjectRef<MujunTypes, Quantity<K>>,
    description: string,
    units: UnitFields<K>,
    defaultUnit: UnitOf<K>,
  ): void {
    ref.implement({
      description,
      shareable: true,
      fields: (t) => ({
        ...Object.fromEntries(
          Object.entries(units).map(([fieldName, { unit, description: d }]) => [
            fieldName,
            t.exact({ description: `${d} (${unitLabel(unit)})`, unit: unitLabel(unit), resolve: (q) => q.in(unit) }),
          ]),
        ),
        text: t.string({
          description: `For people: rounded and labelled in ${unitLabel(defaultUnit)}, e.g. "4574.00亩".`,
          args: textArgs(t),
          resolve: (q, args) => q.format(defaultUnit, { places: args.places, rounding: args.rounding ?? 'halfUp' }),
        }),
      }),
    });
  }

  quantityType(
    refs.Area,
    'An area (面积), exact in every unit: 1亩 = 10000/15 m² = 1/15 公顷.',
    {
      mu: { unit: 'mu', description: 'Mu' },
      squareMetres: { unit: 'squareMetre', description: 'Square metres' },
      wanSquareMetres: { unit: 'wanSquareMetre', description: 'Ten thousand square metres' },
      hectares: { unit: 'hectare', description: 'Hectares' },
    },
    'mu',
  );
  quantityType(
    refs.Money,
    'An amount of money (金额) in 元 and its 万元 / 亿元 views.',
    {
      yuan: { unit: 'yuan', description: 'Yuan' },
      wanYuan: { unit: 'wanYuan', description: 'Ten thousand yuan' },
      yiYuan: { unit: 'yiYuan', description: 'Hundred million yuan' },
    },
    'wanYuan',
  );
  quantityType(
    refs.Energy,
    '综合能耗: energy use in tonnes of standard coal equivalent.',
    {
      tce: { unit: 'tce', description: 'Tonnes of standard coal' },
      wanTce: { unit: 'wanTce', description: 'Ten thousand tonnes of standard coal' },
    },
    'tce',
  );
  quantityType(
    refs.Electricity,
    '用电量: electricity used.',
    {
      kWh: { unit: 'kWh', description: 'Kilowatt-hours' },
      wanKWh: { unit: 'wanKWh', description: 'Ten thousand kilowatt-hours' },
    },
    'wanKWh',
  );
  quantityType(
    refs.Emission,
    '排放量: emissions in tonnes.',
    { tonnes: { unit: 'tonne', description: 'Tonnes' } },
    'tonne',
  );
  quantityType(
    refs.EmissionEquivalent,
    '主要污染物排放当量: pollutant emissions in equivalent tonnes.',
    { equivalentTonnes: { unit: 'equivalentTonne', description: 'Equivalent tonnes' } },
    'equivalentTonne',
  );
  quantityType(
    refs.Water,
    '用水量: water used in tonnes.',
    { tonnes: { unit: 'waterTonne', description: 'Tonnes of water' } },
    'waterTonne',
  );

  refs.Rate.implement({
    shareable: true,
    description: 'A per-unit value such as 亩均税收, exact, shown in its reporting unit (万元/亩, 万元/吨标准煤, ...).',
    fields: (t) => ({
      value: t.exact({ description: 'The value in `unit`.', unit: (r) => r.unitLabel(), resolve: (r) => r.in() }),
      unit: t.string({ description: 'Unit label, e.g. 万元/亩.', resolve: (r) => r.unitLabel() }),
      numeratorUnit: t.string({
        description: 'Unit key of the numerator, e.g. wanYuan.',
        resolve: (r) => r.defaultUnits().num,
      }),
      denominatorUnit: t.string({
        description: 'Unit key of the denominator, e.g. mu.',
        resolve: (r) => r.defaultUnits().den,
      }),
      text: t.string({
        description: 'For people: rounded and labelled, e.g. "3.33万元/亩".',
        args: textArgs(t),
        resolve: (r, args) => r.format({ places: args.places, rounding: args.rounding ?? 'halfUp' }),
      }),
    }),
  });

  refs.Ratio.implement({
    shareable: true,
    description: 'A dimensionless ratio (e.g. R&D经费占比), exact.',
    fields: (t) => ({
      value: t.exact({
        description: 'The ratio as a fraction, e.g. 0.035 for 3.5%.',
        unit: 'ratio',
        resolve: (r) => r,
      }),
      percent: t.exact({ description: 'The ratio × 100.', unit: '%', resolve: (r) => r.times(HUNDRED) }),
    }),
  });
}
