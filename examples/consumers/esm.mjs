// An ESM consumer: resolves @mujun/core through its package exports (dist/index.js).
import { Area, Money, per } from '@mujun/core';
import { UNIT_LABELS } from '@mujun/core/labels';

const perMu = per(Money.wanYuan('90'), Area.mu('30'));
console.log(
  JSON.stringify({
    format: 'esm',
    mu: Area.squareMetres('470000').toDecimal('mu').toFixed(),
    perMu: perMu.format({ places: 2 }),
    // A subpath entry: the Chinese labels.
    muLabel: UNIT_LABELS.mu,
  }),
);
