import { UNIT_LABELS } from '../labels';

/**
 * Units by kind. `factor` is how many base units one of this unit holds; every
 * factor is an integer, so converting *into* the base unit is always exact.
 *
 * Area's base unit is 1/15 m², so that 1 亩 = 10000 units and 1 m² = 15 units:
 * 亩 -> m² (×2000/3) and m² -> 亩 (×0.0015) both stay exact.
 */
export const UNITS = {
  mu: { kind: 'area', factor: 10_000n },
  squareMetre: { kind: 'area', factor: 15n },
  wanSquareMetre: { kind: 'area', factor: 150_000n },
  hectare: { kind: 'area', factor: 150_000n },
  yuan: { kind: 'money', factor: 1n },
  wanYuan: { kind: 'money', factor: 10_000n },
  yiYuan: { kind: 'money', factor: 100_000_000n },
  tce: { kind: 'energy', factor: 1n },
  wanTce: { kind: 'energy', factor: 10_000n },
  kWh: { kind: 'electricity', factor: 1n },
  wanKWh: { kind: 'electricity', factor: 10_000n },
  tonne: { kind: 'emission', factor: 1n },
  equivalentTonne: { kind: 'emissionEquivalent', factor: 1n },
  person: { kind: 'headcount', factor: 1n },
  waterTonne: { kind: 'water', factor: 1n },
} as const satisfies Record<keyof typeof UNIT_LABELS, { kind: string; factor: bigint }>;

/** Any unit key: `mu`, `wanYuan`, `tce`, ... */
export type Unit = keyof typeof UNITS;

/** Kinds of quantity. Values of different kinds never add up. */
export type Kind = (typeof UNITS)[Unit]['kind'];

/** The units of one kind, e.g. `UnitOf<'area'>` = `'mu' | 'squareMetre' | ...`. */
export type UnitOf<K extends Kind> = { [U in Unit]: (typeof UNITS)[U]['kind'] extends K ? U : never }[Unit];

/** The unit a kind is shown in when none is named. */
export const DEFAULT_UNIT: { readonly [K in Kind]: UnitOf<K> } = {
  area: 'mu',
  money: 'wanYuan',
  energy: 'tce',
  electricity: 'wanKWh',
  emission: 'tonne',
  emissionEquivalent: 'equivalentTonne',
  headcount: 'person',
  water: 'waterTonne',
};

/**
 * Default units of a per-unit value (numerator kind / denominator kind), as
 * 亩均 reporting uses them: 万元/亩, 万元/吨标准煤, 万元/人, 万元/万千瓦时.
 */
export function defaultRateUnits(num: Kind, den: Kind): { num: Unit; den: Unit } {
  if (num === 'money') return { num: 'wanYuan', den: DEFAULT_UNIT[den] };
  return { num: DEFAULT_UNIT[num], den: DEFAULT_UNIT[den] };
}

export function unitLabel(unit: Unit): string {
  return UNIT_LABELS[unit];
}

export function isUnit(value: string): value is Unit {
  return Object.hasOwn(UNITS, value);
}
