import { type Kind, UNITS, type Unit } from '@mujun/core';
import { UNIT_LABELS } from '@mujun/core/labels';

/**
 * Unit labels as departments write them, beyond mujun's own `UNIT_LABELS`
 * (元, 万元, 亩, 平方米, ...): 度 for 千瓦时, 吨标煤, m², ㎡. Looked up per kind,
 * because 吨 means 当量吨 in an emission-equivalent column and 吨 of COD in
 * another.
 */
const SYNONYMS: readonly (readonly [string, Unit])[] = [
  ['m2', 'squareMetre'],
  ['m²', 'squareMetre'],
  ['平米', 'squareMetre'],
  ['平方', 'squareMetre'],
  ['万m2', 'wanSquareMetre'],
  ['ha', 'hectare'],
  ['度', 'kWh'],
  ['kwh', 'kWh'],
  ['万度', 'wanKWh'],
  ['万kwh', 'wanKWh'],
  ['吨标煤', 'tce'],
  ['tce', 'tce'],
  ['万吨标煤', 'wanTce'],
  ['吨', 'tonne'],
  ['吨', 'equivalentTonne'],
  ['吨', 'waterTonne'],
  ['t', 'tonne'],
  ['t', 'equivalentTonne'],
  ['t', 'waterTonne'],
  ['人', 'person'],
];

/** Unicode NFKC, whitespace removed, lower case: ㎡ → m2, （万元） → (万元). */
export function normaliseLabel(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const BY_LABEL = new Map<string, Unit[]>();
const add = (label: string, unit: Unit) => {
  const key = normaliseLabel(label);
  BY_LABEL.set(key, [...(BY_LABEL.get(key) ?? []), unit]);
};
for (const [unit, label] of Object.entries(UNIT_LABELS) as [Unit, string][]) add(label, unit);
for (const unit of Object.keys(UNITS) as Unit[]) add(unit, unit);
for (const [label, unit] of SYNONYMS) add(label, unit);

/** The unit of `kind` a label names (`万元`, `平方米`, `度`), or undefined. */
export function unitOfLabel(label: string, kind: Kind): Unit | undefined {
  return BY_LABEL.get(normaliseLabel(label))?.find((u) => UNITS[u].kind === kind);
}
