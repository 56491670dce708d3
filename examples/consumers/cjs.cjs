// A CommonJS consumer: resolves @mujun/core through its package exports (dist/index.cjs).
const { Area, Money, per } = require('@mujun/core');
const { UNIT_LABELS } = require('@mujun/core/labels');

const perMu = per(Money.wanYuan('90'), Area.mu('30'));
console.log(
  JSON.stringify({
    format: 'cjs',
    mu: Area.squareMetres('470000').toDecimal('mu').toFixed(),
    perMu: perMu.format({ places: 2 }),
    // A subpath entry: the Chinese labels.
    muLabel: UNIT_LABELS.mu,
  }),
);
