/**
 * Quickstart: the 2018 figures of Tongxiang's 退散进集 as exact quantities,
 * and a per-mu value. Run with `pnpm start` from the repository root.
 */
import { Area, Money, makeUscc, parseAnnualData, per, TONGXIANG_2018 } from '@mujun/core';

const signed = Area.mu('4574'); // 腾退签约 4574亩
const parks = Area.squareMetres('470000'); // 新建小微企业园 47万平方米

console.log(`${TONGXIANG_2018.name} (${TONGXIANG_2018.code}), ${TONGXIANG_2018.towns.length} 镇(街道)`);
console.log(`腾退签约 ${signed.format('mu', { places: 0 })} = ${signed.format('squareMetre', { places: 2 })}`);
console.log(`新建小微企业园 ${parks.format('wanSquareMetre', { places: 0 })} = ${parks.format('mu', { places: 0 })}`);

// One enterprise's 亩均税收, exact until printed.
const firm = parseAnnualData({
  uscc: makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: 'MA2B0001' }),
  year: 2018,
  scale: 'belowDesignatedSize',
  tax: '10',
  revenue: '850',
  landArea: '3',
});
if (firm.tax && firm.landArea) {
  const taxPerMu = per(firm.tax, firm.landArea);
  console.log(`亩均税收 ${taxPerMu.format({ places: 2 })} (exact: ${taxPerMu.in().toString()} 万元/亩)`);
  console.log(
    `below 3万元/亩 (整治提升)? ${taxPerMu.compare(per(Money.wanYuan('3'), Area.mu('1'))) < 0 ? '是' : '否'}`,
  );
}
