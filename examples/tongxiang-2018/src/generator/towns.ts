import { TONGXIANG_2018 } from '@mujun/core';

/**
 * How the synthetic records are spread over the 11 towns. Only the city
 * totals are published; the split, the pace of each town's year and the
 * town targets are invented to look like a county's records (石门 strong and
 * early in vacating, as the article says).
 */
export interface TownPlan {
  readonly code: string;
  readonly name: string;
  readonly fullName: string;
  /** Two letters for record ids: 石门 → SM. */
  readonly abbr: string;
  /** 2018 整治低散乱企业(作坊), 家 (the city's 4692 split over towns). */
  readonly lowScattered: number;
  /** Weights of the town's share of 腾退签约 4574亩 and 复垦立项 2562亩. */
  readonly signedWeight: number;
  readonly approvedWeight: number;
  /** 2018 新建小微企业园, 平方米 (the city's 470000 split over towns). */
  readonly floorArea: number;
  /** Weight of the town's share of the city's 585 入园 (石门: exactly 54). */
  readonly entriesWeight: number;
  /** Monthly weights of the town's 2018 pace (campaign pushes in Q2 and Q4; 石门 early). */
  readonly pace: readonly number[];
  /** Days from the last 签约 to 拆除 and from 拆除 to 复垦立项. */
  readonly lag: { readonly demolish: readonly [number, number]; readonly approve: readonly [number, number] };
  /** 规上 and 规下 industrial firms with annual data. */
  readonly aboveCount: number;
  readonly belowCount: number;
  /** Industry classes (GB/T 4754-2017) of the town's firms, with weights. */
  readonly industries: readonly (readonly [string, number])[];
  /** 2019 records up to 2019-08-31: 低散乱 家, 园区外腾退签约 (0.01亩), 入园 家. */
  readonly y2019: { readonly lowScattered: number; readonly signed: number; readonly entries: number };
}

const Q2Q4 = [3, 3, 7, 10, 11, 10, 6, 6, 8, 12, 13, 11];
const code = (name: string) => {
  const t = TONGXIANG_2018.towns.find((x) => x.name === name);
  if (!t) throw new Error(`no town ${name}`);
  return t;
};

function plan(name: string, abbr: string, p: Omit<TownPlan, 'code' | 'name' | 'fullName' | 'abbr'>): TownPlan {
  const t = code(name);
  return { code: t.code, name: t.name, fullName: t.fullName, abbr, ...p };
}

export const TOWN_PLANS: readonly TownPlan[] = [
  plan('梧桐', 'WT', {
    lowScattered: 360,
    signedWeight: 250,
    approvedWeight: 130,
    floorArea: 60000,
    entriesWeight: 60,
    pace: [3, 4, 8, 9, 10, 9, 7, 7, 9, 11, 12, 11],
    lag: { demolish: [7, 30], approve: [10, 40] },
    aboveCount: 92,
    belowCount: 150,
    industries: [
      ['3061', 14],
      ['3062', 10],
      ['2822', 8],
      ['1763', 10],
      ['3551', 8],
      ['3360', 4],
      ['4430', 1],
    ],
    y2019: { lowScattered: 170, signed: 5200, entries: 30 },
  }),
  plan('凤鸣', 'FM', {
    lowScattered: 410,
    signedWeight: 330,
    approvedWeight: 170,
    floorArea: 45000,
    entriesWeight: 50,
    pace: Q2Q4,
    lag: { demolish: [7, 30], approve: [10, 40] },
    aboveCount: 48,
    belowCount: 120,
    industries: [
      ['1763', 20],
      ['1830', 10],
      ['2921', 8],
      ['3551', 6],
      ['3391', 3],
    ],
    y2019: { lowScattered: 180, signed: 5600, entries: 22 },
  }),
  plan('高桥', 'GQ', {
    lowScattered: 330,
    signedWeight: 380,
    approvedWeight: 210,
    floorArea: 52000,
    entriesWeight: 55,
    pace: [3, 3, 6, 9, 12, 11, 6, 6, 8, 12, 13, 11],
    lag: { demolish: [7, 30], approve: [10, 40] },
    aboveCount: 55,
    belowCount: 115,
    industries: [
      ['2822', 12],
      ['1752', 8],
      ['3061', 6],
      ['2921', 8],
      ['3551', 5],
    ],
    y2019: { lowScattered: 140, signed: 6100, entries: 24 },
  }),
  plan('乌镇', 'WZ', {
    lowScattered: 300,
    signedWeight: 420,
    approvedWeight: 245,
    floorArea: 30000,
    entriesWeight: 35,
    pace: [2, 3, 6, 10, 11, 10, 7, 6, 8, 12, 14, 11],
    lag: { demolish: [7, 30], approve: [10, 40] },
    aboveCount: 40,
    belowCount: 105,
    industries: [
      ['1771', 10],
      ['1763', 12],
      ['1761', 8],
      ['2921', 5],
    ],
    y2019: { lowScattered: 130, signed: 6300, entries: 15 },
  }),
  plan('濮院', 'PY', {
    lowScattered: 720,
    signedWeight: 410,
    approvedWeight: 215,
    floorArea: 68000,
    entriesWeight: 85,
    pace: [3, 3, 8, 10, 10, 10, 6, 6, 9, 12, 13, 10],
    lag: { demolish: [7, 30], approve: [10, 40] },
    aboveCount: 70,
    belowCount: 170,
    industries: [
      ['1763', 40],
      ['1761', 12],
      ['1762', 6],
      ['1829', 8],
    ],
    y2019: { lowScattered: 260, signed: 6000, entries: 35 },
  }),
  plan('屠甸', 'TD', {
    lowScattered: 380,
    signedWeight: 370,
    approvedWeight: 190,
    floorArea: 25000,
    entriesWeight: 35,
    pace: Q2Q4,
    lag: { demolish: [7, 30], approve: [10, 40] },
    aboveCount: 38,
    belowCount: 100,
    industries: [
      ['3551', 10],
      ['1763', 10],
      ['2921', 8],
      ['3360', 4],
      ['3391', 3],
    ],
    y2019: { lowScattered: 150, signed: 5400, entries: 14 },
  }),
  plan('崇福', 'CF', {
    lowScattered: 610,
    signedWeight: 520,
    approvedWeight: 300,
    floorArea: 55000,
    entriesWeight: 70,
    pace: [3, 3, 6, 8, 10, 10, 7, 7, 9, 13, 14, 12],
    lag: { demolish: [7, 30], approve: [10, 40] },
    aboveCount: 72,
    belowCount: 160,
    industries: [
      ['1931', 22],
      ['1932', 16],
      ['1910', 6],
      ['2822', 6],
      ['1713', 4],
    ],
    y2019: { lowScattered: 230, signed: 6800, entries: 30 },
  }),
  plan('洲泉', 'ZQ', {
    lowScattered: 560,
    signedWeight: 560,
    approvedWeight: 305,
    floorArea: 40000,
    entriesWeight: 48,
    pace: [6, 5, 9, 10, 10, 9, 7, 7, 8, 10, 10, 9],
    lag: { demolish: [7, 30], approve: [10, 40] },
    aboveCount: 80,
    belowCount: 150,
    industries: [
      ['2822', 26],
      ['2826', 6],
      ['1752', 8],
      ['1713', 5],
      ['2921', 6],
      ['3551', 4],
    ],
    y2019: { lowScattered: 38, signed: 19200, entries: 7 },
  }),
  plan('大麻', 'DM', {
    lowScattered: 300,
    signedWeight: 330,
    approvedWeight: 175,
    floorArea: 28000,
    entriesWeight: 33,
    pace: Q2Q4,
    lag: { demolish: [7, 30], approve: [10, 40] },
    aboveCount: 42,
    belowCount: 95,
    industries: [
      ['1771', 10],
      ['2822', 10],
      ['1752', 6],
      ['2921', 5],
    ],
    y2019: { lowScattered: 120, signed: 5000, entries: 14 },
  }),
  plan('河山', 'HS', {
    lowScattered: 290,
    signedWeight: 324,
    approvedWeight: 170,
    floorArea: 22000,
    entriesWeight: 30,
    pace: [2, 3, 6, 9, 11, 11, 7, 6, 8, 12, 14, 11],
    lag: { demolish: [7, 30], approve: [10, 40] },
    aboveCount: 36,
    belowCount: 90,
    industries: [
      ['3031', 4],
      ['3021', 6],
      ['1763', 8],
      ['2921', 6],
      ['3391', 4],
    ],
    y2019: { lowScattered: 110, signed: 4700, entries: 12 },
  }),
  plan('石门', 'SM', {
    lowScattered: 432,
    signedWeight: 680,
    approvedWeight: 450,
    floorArea: 45000,
    entriesWeight: 0,
    pace: [10, 9, 13, 13, 12, 10, 7, 6, 6, 6, 4, 4],
    lag: { demolish: [4, 15], approve: [5, 20] },
    aboveCount: 87,
    belowCount: 130,
    industries: [
      ['3031', 4],
      ['3021', 6],
      ['1931', 8],
      ['1763', 10],
      ['2921', 6],
      ['3391', 5],
      ['3551', 5],
    ],
    y2019: { lowScattered: 205, signed: 7800, entries: 16 },
  }),
];

export const SHIMEN = TOWN_PLANS.find((t) => t.abbr === 'SM') as TownPlan;
export const ZHOUQUAN = TOWN_PLANS.find((t) => t.abbr === 'ZQ') as TownPlan;
