import { registryReferences } from '../../src/campaign/index';
import {
  applyBatch,
  type CampaignLedger,
  emptyLedger,
  makeUscc,
  parseRegistry,
  type Registry,
  TONGXIANG_2018,
  TONGXIANG_2018_INPUT,
} from '../../src/index';

/*
 * A synthetic Tongxiang ledger that reproduces the article's 2018 figures:
 * 整治低散乱企业(作坊)4692家, 淘汰落后产能20项, 僵尸企业处置11家, 腾退签约4574亩,
 * 复垦立项2562亩, 新建小微企业园47万平方米, 小微企业入园585家 — and the
 * 崇安砖瓦厂 case in 石门 (4 firms, 45亩, 30 days from 签约 to 复耕).
 * The split over towns is invented; only the city totals come from the article.
 */

export const TOWNS = TONGXIANG_2018.towns.map((t) => t.code);
export const SHIMEN = '330483108000';
export const ZHOUQUAN = '330483105000';
export const WUTONG = '330483001000';

const firm = (prefix: string, n: number) =>
  makeUscc({
    authority: '9',
    orgType: '1',
    divisionCode: '330483',
    orgCodeBody: `${prefix}${String(n).padStart(4, '0')}`,
  });

export const CHONGAN = [1, 2, 3, 4].map((n) => firm('MA3C', n));
export const ZOMBIES = Array.from({ length: 11 }, (_, i) => firm('MA3T', i + 1));
export const SHIMEN_ABOVE = Array.from({ length: 4 }, (_, i) => firm('MA3R', i + 1));

export const parcelOf = (town: string) => `${town}-P`;
export const idleOf = (town: string) => `${town}-IDLE`;
export const inParkOf = (town: string) => `${town}-INPARK`;
export const parkOf = (town: string) => `${town}-PARK`;
export const ZQ_LC = 'ZQ-LC';

const ent = (uscc: string, name: string, townCode: string, flags: string[]) => ({
  uscc,
  name,
  townCode,
  industry: '3031',
  registeredOn: '2008-05-01',
  flags,
});

export const ARTICLE_REGISTRY: Registry = parseRegistry({
  region: TONGXIANG_2018_INPUT,
  parks: [
    ...TOWNS.map((t) => ({
      id: parkOf(t),
      name: `小微企业园${t.slice(6, 9)}`,
      townCode: t,
      kind: 'smallMicroPark',
      phases: [{ phase: 1, floorArea: t === WUTONG ? '470000' : '100000' }],
    })),
    {
      id: ZQ_LC,
      name: '洲泉两创中心',
      townCode: ZHOUQUAN,
      kind: 'standardFactory',
      phases: [
        { phase: 1, floorArea: '50000' },
        { phase: 2, floorArea: '130000' },
      ],
    },
  ],
  parcels: [
    { id: 'SM-CHONGAN', townCode: SHIMEN, area: '45', category: 'outOfParkLowScattered' },
    ...TOWNS.flatMap((t) => [
      { id: parcelOf(t), townCode: t, area: '500', category: 'outOfParkLowScattered' },
      {
        id: idleOf(t),
        townCode: t,
        area: '300',
        category: t === SHIMEN ? 'idleSuppliedNotUsed' : 'idleTransferredNotSupplied',
      },
      { id: inParkOf(t), townCode: t, area: '300', category: 'inParkInefficient', parkId: parkOf(t) },
    ]),
  ],
  enterprises: [
    ...CHONGAN.map((u, i) => ent(u, `崇安砖瓦厂${i + 1}`, SHIMEN, ['lowScattered'])),
    ...ZOMBIES.map((u, i) => ent(u, `僵尸企业${i + 1}`, TOWNS[i % TOWNS.length] ?? SHIMEN, ['zombie'])),
    ...SHIMEN_ABOVE.map((u, i) => ent(u, `石门规上企业${i + 1}`, SHIMEN, [])),
  ],
  annualData: [
    // 石门 规上 2018: Σ税收 400万元 / Σ用地 50亩 = 8万元/亩; 2019: 三家规上 Σ税收 500 / 50亩 = 10万元/亩 (+2).
    { uscc: SHIMEN_ABOVE[0], year: 2018, scale: 'aboveDesignatedSize', revenue: '6000', tax: '250', landArea: '30' },
    { uscc: SHIMEN_ABOVE[1], year: 2018, scale: 'aboveDesignatedSize', revenue: '2500', tax: '150', landArea: '20' },
    { uscc: SHIMEN_ABOVE[0], year: 2019, scale: 'aboveDesignatedSize', revenue: '6500', tax: '300', landArea: '30' },
    { uscc: SHIMEN_ABOVE[1], year: 2019, scale: 'aboveDesignatedSize', revenue: '2600', tax: '160', landArea: '15' },
    { uscc: SHIMEN_ABOVE[2], year: 2019, scale: 'aboveDesignatedSize', revenue: '2100', tax: '40', landArea: '5' },
    { uscc: SHIMEN_ABOVE[3], year: 2019, scale: 'belowDesignatedSize', revenue: '800', tax: '10', landArea: '4' },
  ],
});

type Ev = Record<string, unknown>;

const day = (n: number) => {
  const d = new Date(Date.UTC(2018, 0, 1 + n));
  return d.toISOString().slice(0, 10);
};

/** The 2018 events: one batch per kind. */
export function article2018Events(): Ev[][] {
  const n = TOWNS.length;
  const town = (i: number) => TOWNS[i % n] ?? SHIMEN;
  const outcomes = ['closedEliminated', 'upgraded', 'consolidatedIntoPark', 'relocated'];
  const lowScattered: Ev[] = CHONGAN.map((u, i) => ({
    type: 'lowScatteredRemediated',
    id: `LS-CA-${i + 1}`,
    date: '2018-05-20',
    townCode: SHIMEN,
    uscc: u,
    outcome: 'closedEliminated',
  }));
  for (let i = 0; lowScattered.length < 4692; i++) {
    lowScattered.push({
      type: 'lowScatteredRemediated',
      id: `LS-${i}`,
      date: day(i % 360),
      townCode: town(i),
      workshopName: `作坊${i}`,
      outcome: outcomes[i % 4],
      flags: i % 3 === 0 ? ['fourWithout'] : [],
    });
  }
  const backward: Ev[] = [3, 3, 3, 3, 2, 2, 2, 2].map((items, i) => ({
    type: 'backwardCapacityEliminated',
    id: `BC-${i}`,
    date: day(30 * i + 10),
    townCode: town(i),
    items,
  }));
  const zombies: Ev[] = ZOMBIES.map((u, i) => ({
    type: 'zombieDisposed',
    id: `ZB-${i}`,
    date: day(20 * i + 5),
    townCode: town(i),
    uscc: u,
    method: i % 2 === 0 ? 'bankruptcy' : 'mergerRestructuring',
  }));
  const stage = (
    id: string,
    parcelId: string,
    townCode: string,
    s: string,
    area: string,
    date: string,
    extra: Ev = {},
  ) => ({
    type: 'vacatingStage',
    id,
    date,
    townCode,
    parcelId,
    stage: s,
    area,
    note: '《钱江晚报·今日桐乡》2019-01-24',
    ...extra,
  });
  // 崇安砖瓦厂: four firms sign on 06-01 (45亩), demolished, 复垦立项, 验收, 复耕 on 07-01.
  const chongan: Ev[] = [
    ...['12', '11', '11', '11'].map((a, i) =>
      stage(`CA-S${i + 1}`, 'SM-CHONGAN', SHIMEN, 'signed', a, '2018-06-01', { usccs: [CHONGAN[i]] }),
    ),
    stage('CA-D', 'SM-CHONGAN', SHIMEN, 'demolished', '45', '2018-06-10'),
    stage('CA-R', 'SM-CHONGAN', SHIMEN, 'reclamationApproved', '45', '2018-06-15'),
    stage('CA-A', 'SM-CHONGAN', SHIMEN, 'accepted', '45', '2018-06-25'),
    stage('CA-F', 'SM-CHONGAN', SHIMEN, 'reclaimedFarmland', '45', '2018-07-01'),
  ];
  // Other parcels: 411亩 signed per town (石门 419), 228亩 demolished and approved (石门 237).
  const vacating: Ev[] = TOWNS.flatMap((t) => {
    const signed = t === SHIMEN ? '419' : '411';
    const approved = t === SHIMEN ? '237' : '228';
    return [
      stage(`${t}-S1`, parcelOf(t), t, 'signed', '200', '2018-03-15'),
      stage(`${t}-S2`, parcelOf(t), t, 'signed', String(Number(signed) - 200), '2018-08-15'),
      stage(`${t}-D`, parcelOf(t), t, 'demolished', approved, '2018-09-01'),
      stage(`${t}-R`, parcelOf(t), t, 'reclamationApproved', approved, '2018-11-20'),
    ];
  });
  const floor: Ev[] = [
    {
      type: 'parkFloorAreaCompleted',
      id: 'PF-1',
      date: '2018-06-30',
      townCode: WUTONG,
      parkId: parkOf(WUTONG),
      phase: 1,
      floorArea: '300000',
    },
    {
      type: 'parkFloorAreaCompleted',
      id: 'PF-2',
      date: '2018-12-20',
      townCode: WUTONG,
      parkId: parkOf(WUTONG),
      phase: 1,
      floorArea: { value: '17', unit: 'wanSquareMetre' },
    },
  ];
  const entries: Ev[] = [];
  for (let i = 0; i < 54; i++) {
    entries.push({
      type: 'parkEntered',
      id: `PE-SM-${i}`,
      date: day(100 + i),
      townCode: SHIMEN,
      parkId: parkOf(SHIMEN),
      enterpriseName: `石门入园企业${i}`,
    });
  }
  for (let i = 0; entries.length < 585; i++) {
    const t = TOWNS.filter((x) => x !== SHIMEN)[i % (n - 1)] ?? WUTONG;
    entries.push({
      type: 'parkEntered',
      id: `PE-${i}`,
      date: day(i % 350),
      townCode: t,
      parkId: parkOf(t),
      enterpriseName: `入园企业${i}`,
    });
  }
  return [lowScattered, backward, zombies, chongan, vacating, floor, entries];
}

export function articleLedger(): CampaignLedger {
  let ledger = emptyLedger(registryReferences(ARTICLE_REGISTRY));
  for (const batch of article2018Events()) {
    const r = applyBatchOrThrow(ledger, batch);
    ledger = r;
  }
  return ledger;
}

function applyBatchOrThrow(ledger: CampaignLedger, batch: readonly unknown[]): CampaignLedger {
  const r = applyBatch(ledger, batch);
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 5), null, 2));
  return r.state;
}
