import {
  type CampaignEventInput,
  datasetToFiles,
  type EnterpriseAnnualDataInput,
  type EnterpriseFlag,
  type EnterpriseInput,
  type FourWithout,
  type LandParcelInput,
  type ParkInput,
  parseRegistry,
  type RegionInput,
  type RegistryInput,
  safeParseCampaignEvent,
  type TargetInput,
  TONGXIANG_2018_INPUT,
} from '@mujun/core';
import { VACATING_STAGE_STEP } from '@mujun/core/campaign';
import { EVALUATION_PRESET_DOCUMENTS } from '@mujun/core/evaluation';
import type { RankingFile } from '../data';
import { after, dateByProfile, datesByProfile, nextWorkday } from './calendar';
import { companyName, newUscc, soleTraderName, villageName, workshopName } from './names';
import { allocate, at, hundredths, Random } from './random';
import { SHIMEN, TOWN_PLANS, type TownPlan, ZHOUQUAN } from './towns';

/** The seed of the committed files (the article's date). */
export const SEED = 20190124;

/** Seed of the invented 2018 town targets (drawn apart from the records, so tuning one leaves the other). */
const SEED_TARGETS = 2018;

type Ev = CampaignEventInput & { id: string; date: string };

export interface Generated {
  readonly registry: RegistryInput;
  readonly events2018: readonly Ev[];
  readonly events2019: readonly Ev[];
  readonly targets2018: readonly TargetInput[];
  readonly targets2019: readonly TargetInput[];
  readonly ranking: RankingFile;
}

const LOW_SCATTERED_INDUSTRIES: readonly (readonly [string, number])[] = [
  ['1763', 30],
  ['1830', 10],
  ['2921', 12],
  ['1931', 8],
  ['3391', 6],
  ['1713', 4],
  ['3021', 8],
  ['3031', 4],
];
const FOUR_WITHOUT: readonly FourWithout[] = ['noLicence', 'noSafety', 'noLegalPremises', 'noEnvironmentalMeasures'];
const YEAR_END_2018 = '2018-12-28';

const weightedPick = (rng: Random, table: readonly (readonly [string, number])[]) =>
  at(table, rng.weighted(table.map(([, w]) => w)))[0];

const randomDate = (rng: Random, from: string, days: number) => {
  const base = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  return new Date(base + rng.int(days) * 86_400_000).toISOString().slice(0, 10);
};

/** A parcel area in 0.01亩: many small 低散乱 sites, a few large kilns and yards. */
function parcelArea(rng: Random): number {
  const buckets: readonly [number, number, number][] = [
    [150, 600, 45],
    [600, 1500, 33],
    [1500, 4000, 16],
    [4000, 10000, 5],
    [10000, 16000, 1],
  ];
  const [lo, hi] = at(buckets, rng.weighted(buckets.map((b) => b[2])));
  return rng.between(lo, hi);
}

interface Builder {
  readonly rng: Random;
  readonly used: Set<string>;
  readonly enterprises: EnterpriseInput[];
  readonly byUscc: Map<string, EnterpriseInput>;
  readonly parcels: LandParcelInput[];
  readonly parks: ParkInput[];
  readonly annual: EnterpriseAnnualDataInput[];
  readonly ev18: Ev[];
  readonly ev19: Ev[];
  readonly counters: Map<string, number>;
}

function nextId(b: Builder, prefix: string, width = 4): string {
  const n = (b.counters.get(prefix) ?? 0) + 1;
  b.counters.set(prefix, n);
  return `${prefix}-${String(n).padStart(width, '0')}`;
}

function addEnterprise(b: Builder, e: EnterpriseInput): EnterpriseInput {
  b.enterprises.push(e);
  b.byUscc.set(e.uscc, e);
  return e;
}

/** A firm with annual data for 2017 and 2018. */
function industrialFirm(b: Builder, t: TownPlan, above: boolean): EnterpriseInput {
  const { rng } = b;
  const industry = weightedPick(rng, t.industries);
  const registeredOn = rng.chance(4) ? randomDate(rng, '2017-01-01', 360) : randomDate(rng, '1993-01-01', 8400);
  const uscc = newUscc(rng, b.used, 'company', registeredOn);
  const e = addEnterprise(b, {
    uscc,
    name: companyName(rng, industry),
    townCode: t.code,
    industry,
    registeredOn,
  });
  const utility = industry === '4430';
  // Land (0.01亩): 规上 10–200亩 skewed; 规下 mostly 3–20亩, some under 3亩, some tenants without land.
  const land = above
    ? rng.logNormalish(3200, 10, 22, 800)
    : rng.chance(18)
      ? 0
      : rng.chance(20)
        ? rng.between(80, 299)
        : rng.logNormalish(800, 8, 20, 300);
  // 亩均税收 (0.01万元/亩): 规上 around 22万元/亩, 规下 around 5.
  const taxPerMu = above ? rng.logNormalish(2200, 12, 25, 60) : rng.logNormalish(520, 12, 28, 20);
  let tax = land > 0 ? Math.floor((land * taxPerMu) / 100) : rng.logNormalish(600, 8, 25, 20);
  // 营业收入 (0.01万元): 规上 ≥ 2000万元.
  let revenue = Math.floor((tax * rng.between(800, 2600)) / 100);
  if (above && revenue < 200000) revenue = rng.between(200000, 260000);
  if (!above && revenue >= 200000) revenue = rng.between(30000, 195000);
  if (utility) tax = Math.floor(revenue / 40);
  const year2018 = annualFigures(rng, uscc, 2018, industry, revenue, tax, land, above);
  b.annual.push(year2018.data);
  // 2017: the same firm before a year's growth (−12% to +25%).
  const growth = rng.between(88, 125);
  const r17 = Math.floor((revenue * 100) / growth);
  const t17 = Math.floor((tax * 100) / rng.between(85, 130));
  const land17 = land > 0 && rng.chance(8) ? Math.max(100, land - rng.between(100, 600)) : land;
  b.annual.push(annualFigures(rng, uscc, 2017, industry, r17, t17, land17, r17 >= 200000).data);
  return e;
}

function annualFigures(
  rng: Random,
  uscc: string,
  year: number,
  industry: string,
  revenue: number,
  tax: number,
  land: number,
  above: boolean,
): { data: EnterpriseAnnualDataInput } {
  const heavy = ['2822', '2826', '1713', '1752', '3061', '3391', '4430', '3031'].includes(industry);
  const scale = revenue >= 200000 ? 'aboveDesignatedSize' : 'belowDesignatedSize';
  const valueAdded = Math.floor((revenue * rng.between(14, 30)) / 100);
  // 用电量 (0.01万千瓦时) per 万元 revenue: 规下 workshops use more per 万元 than 规上 plants; heavy industries most.
  const perRevenue = above ? (heavy ? rng.between(6, 16) : rng.between(2, 7)) : rng.between(8, 22);
  const electricity = Math.max(1, Math.floor((revenue * perRevenue) / 100));
  // 综合能耗 (0.01 tce): electricity at 1.229 tce/万千瓦时 and more, heavy industries burn fuel too.
  const energy = Math.floor((electricity * (heavy ? rng.between(180, 320) : rng.between(123, 150))) / 100);
  const data: EnterpriseAnnualDataInput = {
    uscc,
    year,
    scale,
    revenue: hundredths(revenue),
    tax: hundredths(tax),
    employees: String(Math.max(3, Math.floor(revenue / 100 / rng.between(45, 160)))),
    electricity: hundredths(electricity),
    ...(land > 0 ? { landArea: hundredths(land) } : {}),
  };
  if (above || rng.chance(35)) {
    Object.assign(data, {
      valueAdded: hundredths(valueAdded),
      energy: hundredths(Math.max(1, energy)),
      emissionEquivalent: hundredths(Math.max(1, Math.floor((energy * rng.between(2, 8)) / 10000))),
    });
  }
  if (above && rng.chance(85)) data.rdExpense = hundredths(Math.floor((revenue * rng.between(5, 45)) / 1000));
  return { data };
}

/** A registered 低散乱 firm (企业 or 个体工商户) of a town. */
function lowScatteredFirm(b: Builder, t: TownPlan, parcelId?: string): EnterpriseInput {
  const { rng } = b;
  const industry = weightedPick(rng, LOW_SCATTERED_INDUSTRIES);
  const registeredOn = randomDate(rng, '2001-01-01', 6000);
  const sole = rng.chance(60);
  const flags: EnterpriseFlag[] = ['lowScattered'];
  if (rng.chance(40)) flags.push('illegalConstruction');
  if (rng.chance(25)) flags.push('illegalLandUse');
  if (rng.chance(15)) flags.push('heavyPollution');
  if (rng.chance(8)) flags.push('highEnergy');
  return addEnterprise(b, {
    uscc: newUscc(rng, b.used, sole ? 'soleTrader' : 'company', registeredOn),
    name: sole ? soleTraderName(rng, t.fullName, industry) : companyName(rng, industry),
    townCode: t.code,
    industry,
    registeredOn,
    ...(parcelId ? { parcelIds: [parcelId] } : {}),
    flags: flags.sort(),
  });
}

interface VacatingParcel {
  readonly id: string;
  readonly town: TownPlan;
  area: number;
  signed2018: number;
  readonly occupants: string[];
  signDate: string;
  lastSign: string;
}

/**
 * Splits `total` by `weights` (largest remainder) with no part above its
 * cap: a part that would exceed its cap is held at it and the excess goes to
 * the others, again by weight.
 */
export function fill(total: number, weights: readonly number[], caps: readonly number[]): number[] {
  const fixed = new Map<number, number>();
  for (;;) {
    const free = weights.map((_, i) => i).filter((i) => !fixed.has(i));
    const left = total - [...fixed.values()].reduce((a, b) => a + b, 0);
    if (free.length === 0) throw new Error(`fill: caps hold only ${total - left} of ${total}`);
    const parts = allocate(
      left,
      free.map((i) => at(weights, i)),
    );
    const over = free.filter((i, k) => at(parts, k) > at(caps, i));
    if (over.length === 0) return weights.map((_, i) => fixed.get(i) ?? at(parts, free.indexOf(i)));
    for (const i of over) fixed.set(i, at(caps, i));
  }
}

/** Builds the whole synthetic dataset. Deterministic in `seed`. */
export function generate(seed = SEED): Generated {
  const b: Builder = {
    rng: new Random(seed),
    used: new Set(),
    enterprises: [],
    byUscc: new Map(),
    parcels: [],
    parks: [],
    annual: [],
    ev18: [],
    ev19: [],
    counters: new Map(),
  };
  const { rng } = b;

  // ---- Parks: a 小微企业园 per town (一期 built before 2018, 二期 completed in 2018), 洲泉两创中心.
  const floorByTown = new Map<string, number[]>();
  for (const t of TOWN_PLANS) {
    const phase1 = rng.between(30, 90) * 1000;
    const parts = rng.chance(50) ? [t.floorArea] : allocate(t.floorArea, [rng.between(3, 7), rng.between(3, 7)]);
    floorByTown.set(t.code, parts);
    b.parks.push({
      id: `${t.abbr}-YQ-1`,
      name: `${t.fullName}小微企业园`,
      townCode: t.code,
      kind: 'smallMicroPark',
      phases: [
        { phase: 1, floorArea: String(phase1), plannedCompletion: `${rng.pick(['2016', '2017'])}-12-31` },
        {
          phase: 2,
          floorArea: String(t.floorArea + (rng.chance(40) ? rng.between(5, 20) * 1000 : 0)),
          plannedCompletion: '2018-12-31',
        },
      ],
      entryCriteria: {
        minTaxPerMu: rng.pick(['10', '15', '20']),
        notes: '符合产业导向，亩均税收不低于入园标准，环保、安全、消防达标',
      },
    });
  }
  b.parks.push({
    id: 'ZQ-LC',
    name: '洲泉两创中心',
    townCode: ZHOUQUAN.code,
    kind: 'standardFactory',
    phases: [
      { phase: 1, floorArea: '50000', plannedCompletion: '2019-12-31' },
      { phase: 2, floorArea: '130000', plannedCompletion: '2021-06-30' },
    ],
    entryCriteria: { minTaxPerMu: '20', notes: '小而精、小而强，符合产业导向的成长型中小微企业' },
  });

  // ---- Industrial firms with annual data; some 规下 firms already sit in their town's park.
  const industrial = new Map<string, EnterpriseInput[]>();
  for (const t of TOWN_PLANS) {
    const list: EnterpriseInput[] = [];
    for (let i = 0; i < t.aboveCount; i++) list.push(industrialFirm(b, t, true));
    for (let i = 0; i < t.belowCount; i++) {
      const e = industrialFirm(b, t, false);
      if (rng.chance(22)) e.parkId = `${t.abbr}-YQ-1`;
      list.push(e);
    }
    industrial.set(t.code, list);
  }

  // ---- Zombies (11 disposed in 2018, 2 in 2019), backward capacity holders (20项 in 2018).
  const zombieTowns = ['WT', 'FM', 'GQ', 'PY', 'PY', 'CF', 'CF', 'ZQ', 'ZQ', 'DM', 'SM', 'TD', 'HS'];
  const zombies = zombieTowns.map((abbr) => {
    const t = TOWN_PLANS.find((x) => x.abbr === abbr) as TownPlan;
    const industry = weightedPick(rng, t.industries);
    const registeredOn = randomDate(rng, '1996-01-01', 5000);
    return {
      town: t,
      e: addEnterprise(b, {
        uscc: newUscc(rng, b.used, 'company', registeredOn),
        name: companyName(rng, industry),
        townCode: t.code,
        industry,
        registeredOn,
        flags: ['zombie'],
      }),
    };
  });
  const backward: [string, number, string][] = [
    ['ZQ', 3, '淘汰落后涤纶长丝生产线'],
    ['ZQ', 2, '淘汰落后加弹机'],
    ['CF', 2, '淘汰落后染色机'],
    ['CF', 2, '淘汰高耗能燃煤导热油炉'],
    ['PY', 3, '淘汰落后印染定型机'],
    ['DM', 2, '淘汰落后化纤纺丝生产线'],
    ['TD', 2, '淘汰落后冲天炉'],
    ['SM', 2, '淘汰落后砖瓦轮窑'],
    ['HS', 2, '淘汰落后铸造工频炉'],
  ];

  // ---- 2018 allocations of the published totals (0.01亩, 家).
  const signedByTown = allocate(
    457400,
    TOWN_PLANS.map((t) => t.signedWeight * rng.between(970, 1030)),
  );
  const others = TOWN_PLANS.filter((t) => t !== SHIMEN);
  const otherEntries = allocate(
    585 - 54,
    others.map((t) => t.entriesWeight),
  );
  const entriesByTown = new Map<string, number>(others.map((t, i) => [t.code, at(otherEntries, i)]));
  entriesByTown.set(SHIMEN.code, 54);

  const vacating: VacatingParcel[] = [];
  const candidatesByTown: { p: VacatingParcel; demolish: string; approve: string }[][] = [];
  const lsEvents = new Map<string, number>(); // 2018 remediations recorded per town so far
  const entries2018 = new Map<string, { uscc: string; date: string }[]>();
  const remediate = (t: TownPlan, date: string, extra: Partial<Ev>, year: 2018 | 2019) => {
    const ev = {
      type: 'lowScatteredRemediated',
      id: nextId(b, `${year}-${t.abbr}-ZZ`),
      date,
      townCode: t.code,
      ...extra,
    } as Ev;
    (year === 2018 ? b.ev18 : b.ev19).push(ev);
    if (year === 2018) lsEvents.set(t.code, (lsEvents.get(t.code) ?? 0) + 1);
    return ev;
  };
  const outcome = (weights: readonly number[]) =>
    at(['closedEliminated', 'upgraded', 'consolidatedIntoPark', 'relocated'] as const, rng.weighted(weights));
  const stage = (
    t: TownPlan,
    year: 2018 | 2019,
    code: string,
    parcelId: string,
    s: string,
    area: number,
    date: string,
    usccs?: string[],
  ) => {
    (year === 2018 ? b.ev18 : b.ev19).push({
      type: 'vacatingStage',
      id: nextId(b, `${year}-${t.abbr}-${code}`),
      date,
      townCode: t.code,
      parcelId,
      stage: s,
      area: hundredths(area),
      ...(usccs && usccs.length > 0 ? { usccs } : {}),
    } as Ev);
  };

  // ---- 石门 崇安砖瓦厂: 4 firms, 45亩, 签约 2018-06-01 → 复耕 2018-07-01 (30 days).
  const chongan = 'SM-TT-CHONGAN';
  b.parcels.push({ id: chongan, townCode: SHIMEN.code, area: '45', category: 'outOfParkLowScattered' });
  const chonganNames = [
    '桐乡市崇安砖瓦厂',
    '桐乡市石门镇崇安新型墙材厂',
    '桐乡市崇安建材有限公司',
    '桐乡市石门镇崇安砖瓦制品厂',
  ];
  const chonganFirms = chonganNames.map((name, i) =>
    addEnterprise(b, {
      uscc: newUscc(rng, b.used, i % 2 === 0 ? 'company' : 'soleTrader', `199${5 + i}-03-0${1 + i}`),
      name,
      townCode: SHIMEN.code,
      industry: '3031',
      registeredOn: `199${5 + i}-03-0${1 + i}`,
      parcelIds: [chongan],
      flags: ['highEnergy', 'illegalLandUse', 'lowScattered'],
    }),
  );
  chonganFirms.forEach((e, i) => {
    remediate(SHIMEN, `2018-05-2${1 + i}`, { uscc: e.uscc, outcome: 'closedEliminated', note: '崇安砖瓦厂' }, 2018);
  });
  [1260, 1140, 1080, 1020].forEach((a, i) => {
    stage(SHIMEN, 2018, 'QY', chongan, 'signed', a, '2018-06-01', [at(chonganFirms, i).uscc]);
  });
  stage(SHIMEN, 2018, 'CC', chongan, 'demolished', 4500, '2018-06-08');
  stage(SHIMEN, 2018, 'LX', chongan, 'reclamationApproved', 4500, '2018-06-15');
  stage(SHIMEN, 2018, 'YS', chongan, 'accepted', 4500, '2018-06-26');
  stage(SHIMEN, 2018, 'FG', chongan, 'reclaimedFarmland', 4500, '2018-07-01');

  TOWN_PLANS.forEach((t, ti) => {
    // ---- 腾退 parcels signed in 2018, exactly the town's share.
    let remaining = at(signedByTown, ti) - (t === SHIMEN ? 4500 : 0);
    const mine: VacatingParcel[] = [];
    while (remaining > 0) {
      let area = parcelArea(rng);
      let signed = rng.chance(12) ? Math.floor((area * rng.between(40, 90)) / 100) : area;
      if (signed >= remaining || remaining - signed < 150) {
        signed = remaining;
        area = Math.max(area, signed);
      }
      remaining -= signed;
      mine.push({
        id: nextId(b, `${t.abbr}-TT`, 3),
        town: t,
        area,
        signed2018: signed,
        occupants: [],
        signDate: '',
        lastSign: '',
      });
    }
    const dates = rng.shuffle(datesByProfile(rng, 2018, mine.length, t.pace));
    mine.forEach((p, i) => {
      p.signDate = at(dates, i);
    });
    mine.sort((x, y) => (x.signDate < y.signDate ? -1 : x.signDate > y.signDate ? 1 : 0));
    for (const p of mine) {
      b.parcels.push({ id: p.id, townCode: t.code, area: hundredths(p.area), category: 'outOfParkLowScattered' });
      const k = rng.weighted([25, 40, 20, 10, 5]);
      for (let i = 0; i < k; i++) p.occupants.push(lowScatteredFirm(b, t, p.id).uscc);
      // Firms on the parcel are remediated first, then sign (one 签约 per firm, a few days apart).
      for (const u of p.occupants) {
        const d = p.signDate > '2018-01-25' ? after(rng, p.signDate, -20, -1) : p.signDate;
        const o = outcome([60, 0, 15, 25]);
        remediate(t, d < '2018-01-02' ? '2018-01-02' : d, { uscc: u, outcome: o }, 2018);
        if (o === 'consolidatedIntoPark') {
          const list = entries2018.get(t.code) ?? [];
          entries2018.set(t.code, list);
          list.push({ uscc: u, date: d });
        }
      }
      if (p.occupants.length === 0) {
        stage(t, 2018, 'QY', p.id, 'signed', p.signed2018, p.signDate);
        p.lastSign = p.signDate;
      } else {
        const parts = allocate(
          p.signed2018,
          p.occupants.map(() => rng.between(5, 15)),
        );
        let d = p.signDate;
        p.occupants.forEach((u, i) => {
          if (at(parts, i) > 0) stage(t, 2018, 'QY', p.id, 'signed', at(parts, i), d, [u]);
          p.lastSign = d;
          const next = after(rng, d, 0, 4);
          d = next > YEAR_END_2018 ? d : next;
        });
      }
    }
    vacating.push(...mine);

    // 拆除 and 复垦立项 follow the last 签约 after the town's usual lags.
    const lag = t.lag;
    const plans = mine.map((p) => {
      const demolish = after(rng, p.lastSign, lag.demolish[0], lag.demolish[1]);
      const approve = after(rng, demolish, lag.approve[0], lag.approve[1]);
      return { p, demolish, approve };
    });
    candidatesByTown.push(
      plans.filter((x) => x.approve <= YEAR_END_2018).sort((x, y) => (x.approve < y.approve ? -1 : 1)),
    );
  });

  // ---- 复垦立项: the city's 2562亩 split by town weights, never above 90% of what a town could approve in time.
  const capacity = candidatesByTown.map((c) => Math.floor((c.reduce((a, x) => a + x.p.signed2018, 0) * 9) / 10));
  const approvedByTown = fill(
    256200 - 4500,
    TOWN_PLANS.map((t) => t.approvedWeight * rng.between(970, 1030)),
    capacity,
  );
  TOWN_PLANS.forEach((t, ti) => {
    const candidates = at(candidatesByTown, ti);
    let toApprove = at(approvedByTown, ti);
    let rest = candidates.reduce((a, x) => a + x.p.signed2018, 0);
    // 拆除 → 复垦立项 (exactly the town's share) → 验收 → 复耕/再利用.
    for (const x of candidates) {
      if (toApprove <= 0) {
        if (x.demolish <= YEAR_END_2018 && rng.chance(45))
          stage(t, 2018, 'CC', x.p.id, 'demolished', x.p.signed2018, x.demolish);
        continue;
      }
      rest -= x.p.signed2018;
      // Not every early parcel gets its 立项 this year: skip some while the rest still cover the share.
      if (rest >= toApprove + 3000 && rng.chance(25)) {
        stage(t, 2018, 'CC', x.p.id, 'demolished', x.p.signed2018, x.demolish);
        continue;
      }
      const approved = Math.min(x.p.signed2018, toApprove);
      toApprove -= approved;
      stage(t, 2018, 'CC', x.p.id, 'demolished', x.p.signed2018, x.demolish);
      stage(t, 2018, 'LX', x.p.id, 'reclamationApproved', approved, x.approve);
      if (approved === x.p.signed2018 && rng.chance(60)) {
        const accept = after(rng, x.approve, 20, 60);
        if (accept <= YEAR_END_2018) {
          stage(t, 2018, 'YS', x.p.id, 'accepted', approved, accept);
          const end = after(rng, accept, 5, 30);
          if (end <= YEAR_END_2018 && rng.chance(70)) {
            stage(t, 2018, 'FG', x.p.id, rng.chance(75) ? 'reclaimedFarmland' : 'reused', approved, end);
          }
        }
      }
    }
    if (toApprove !== 0) throw new Error(`${t.name}: 复垦立项 short by ${toApprove}`);
  });

  // ---- The rest of each town's 4692 share: 低散乱 tenants (registered) and workshops (作坊).
  for (const t of TOWN_PLANS) {
    const left = t.lowScattered - (lsEvents.get(t.code) ?? 0);
    if (left < 0) throw new Error(`${t.name}: more firms on parcels than its 低散乱 share`);
    const tenants = Math.floor((left * rng.between(10, 16)) / 100);
    const dates = rng.shuffle(datesByProfile(rng, 2018, left, t.pace));
    const villages = Array.from({ length: 14 }, () => villageName(rng));
    dates.forEach((date, i) => {
      if (i < tenants) {
        const e = lowScatteredFirm(b, t);
        const o = outcome([30, 45, 20, 5]);
        remediate(t, date, { uscc: e.uscc, outcome: o }, 2018);
        if (o === 'consolidatedIntoPark') {
          const list = entries2018.get(t.code) ?? [];
          entries2018.set(t.code, list);
          list.push({ uscc: e.uscc, date });
        }
        return;
      }
      const industry = weightedPick(rng, LOW_SCATTERED_INDUSTRIES);
      const four = FOUR_WITHOUT.filter((_, k) => (k === 0 ? rng.chance(80) : rng.chance(45)));
      remediate(
        t,
        date,
        {
          workshopName: workshopName(rng, t.fullName, rng.pick(villages), industry),
          outcome: outcome([55, 30, 5, 10]),
          ...(four.length > 0 ? { flags: ['fourWithout'], fourWithout: four } : {}),
        },
        2018,
      );
    });
  }

  // ---- 小微企业入园: 整合入园 firms first, then 规下 firms moving in and newly founded firms.
  for (const t of TOWN_PLANS) {
    const want = entriesByTown.get(t.code) ?? 0;
    const consolidated = (entries2018.get(t.code) ?? []).filter((x) => x.date <= '2018-12-01');
    const park = `${t.abbr}-YQ-1`;
    const picks = consolidated.slice(0, want);
    for (const x of picks) {
      b.ev18.push({
        type: 'parkEntered',
        id: nextId(b, `2018-${t.abbr}-RY`),
        date: after(rng, x.date, 3, 25),
        townCode: t.code,
        parkId: park,
        uscc: x.uscc,
      } as Ev);
      const e = b.byUscc.get(x.uscc);
      if (e) e.parkId = park;
    }
    const movers = rng.shuffle((industrial.get(t.code) ?? []).filter((e) => e.parkId === undefined));
    const dates = datesByProfile(rng, 2018, want - picks.length, t.pace);
    dates.forEach((date, i) => {
      const mover = rng.chance(55) ? movers[i] : undefined;
      if (mover) mover.parkId = park;
      b.ev18.push({
        type: 'parkEntered',
        id: nextId(b, `2018-${t.abbr}-RY`),
        date,
        townCode: t.code,
        parkId: park,
        ...(mover ? { uscc: mover.uscc } : { enterpriseName: companyName(rng, weightedPick(rng, t.industries)) }),
      } as Ev);
    });
    // 新建小微企业园: the town's 二期, completed in one or two steps (Q2, Q4).
    const parts = floorByTown.get(t.code) ?? [];
    const when = [after(rng, '2018-05-15', 0, 40), after(rng, '2018-11-01', 0, 50)];
    parts.forEach((m2, i) => {
      b.ev18.push({
        type: 'parkFloorAreaCompleted',
        id: nextId(b, `2018-${t.abbr}-JC`, 2),
        date: parts.length === 1 ? at(when, rng.int(2)) : at(when, i),
        townCode: t.code,
        parkId: park,
        phase: 2,
        floorArea: String(m2),
      } as Ev);
    });
  }

  // ---- 僵尸企业处置 and 淘汰落后产能.
  const methods = ['bankruptcy', 'mergerRestructuring', 'deregistered', 'debtRestructuring'] as const;
  zombies.forEach(({ town, e }, i) => {
    const y2019 = i >= 11;
    (y2019 ? b.ev19 : b.ev18).push({
      type: 'zombieDisposed',
      id: nextId(b, `${y2019 ? 2019 : 2018}-${town.abbr}-JS`, 2),
      date: y2019 ? after(rng, '2019-03-01', 0, 120) : dateByProfile(rng, 2018, town.pace),
      townCode: town.code,
      uscc: e.uscc,
      method: at(methods, rng.weighted([4, 3, 3, 1])),
    } as Ev);
  });
  for (const [abbr, items, description] of backward) {
    const t = TOWN_PLANS.find((x) => x.abbr === abbr) as TownPlan;
    const firm = rng.pick(industrial.get(t.code) ?? []);
    firm.flags = [...(firm.flags ?? []), 'backwardCapacity'];
    b.ev18.push({
      type: 'backwardCapacityEliminated',
      id: nextId(b, `2018-${t.abbr}-CN`, 2),
      date: dateByProfile(rng, 2018, t.pace),
      townCode: t.code,
      items,
      uscc: firm.uscc,
      description: `${description}${items}${description.includes('炉') || description.includes('窑') ? '座' : '条'}`,
    } as Ev);
  }

  generate2019(b, vacating);

  const region: RegionInput = TONGXIANG_2018_INPUT;
  const registry: RegistryInput = {
    region,
    enterprises: b.enterprises,
    parcels: b.parcels,
    parks: b.parks,
    annualData: b.annual,
  };
  return {
    registry,
    events2018: sortEvents(b.ev18),
    events2019: sortEvents(b.ev19),
    ...targets(b.ev18),
  };
}

/** Ledger order: by date, stages of a parcel in their order, then by id. */
function sortEvents(events: readonly Ev[]): Ev[] {
  const rank = (e: Ev) => (e.type === 'vacatingStage' ? VACATING_STAGE_STEP[e.stage as 'signed'] : 9);
  return [...events].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : rank(a) - rank(b) || (a.id < b.id ? -1 : 1),
  );
}

/** 2019 (to 2019-08-31): idle and in-park land, more 腾退, 低散乱, 洲泉两创中心一期, entries. */
function generate2019(b: Builder, vacating2018: readonly VacatingParcel[]): void {
  const { rng } = b;
  const pace2019 = [5, 4, 9, 11, 11, 10, 9, 9, 0, 0, 0, 0];
  const last = 8;
  for (const t of TOWN_PLANS) {
    // Idle land (转而未供 / 供而未用) and its revitalisation.
    const idleCount = rng.between(4, 9);
    for (let i = 0; i < idleCount; i++) {
      const supplied = rng.chance(55);
      const id = nextId(b, `${t.abbr}-XZ`, 2);
      const area = rng.logNormalish(2400, 8, 25, 300);
      b.parcels.push({
        id,
        townCode: t.code,
        area: hundredths(area),
        category: supplied ? 'idleSuppliedNotUsed' : 'idleTransferredNotSupplied',
        ...(supplied ? { suppliedOn: randomDate(rng, '2012-01-01', 1800) } : {}),
      });
      if (rng.chance(45)) {
        const part = rng.chance(60) ? area : Math.floor((area * rng.between(40, 80)) / 100);
        b.ev19.push({
          type: 'idleLandRevitalised',
          id: nextId(b, `2019-${t.abbr}-XZ`),
          date: dateByProfile(rng, 2019, pace2019, last),
          townCode: t.code,
          parcelId: id,
          method: supplied ? 'recovered' : rng.pick(['supplied', 'recovered']),
          area: hundredths(part),
        } as Ev);
      }
    }
    // 园区内低效用地: parcels of in-park firms whose 2018 亩均税收 is low.
    const park = `${t.abbr}-YQ-1`;
    const low = b.enterprises.filter((e) => {
      if (e.townCode !== t.code || e.parkId !== park) return false;
      const d = b.annual.find((x) => x.uscc === e.uscc && x.year === 2018);
      return d?.landArea !== undefined && d.tax !== undefined && Number(d.tax) < Number(d.landArea) * 6;
    });
    for (const e of low) {
      const d = b.annual.find((x) => x.uscc === e.uscc && x.year === 2018);
      const id = nextId(b, `${t.abbr}-DX`, 3);
      b.parcels.push({
        id,
        townCode: t.code,
        area: String(d?.landArea ?? '1'),
        category: 'inParkInefficient',
        parkId: park,
        holderUscc: e.uscc,
      });
      e.parcelIds = [...(e.parcelIds ?? []), id];
      if (rng.chance(38)) {
        b.ev19.push({
          type: 'inParkLandRemediated',
          id: nextId(b, `2019-${t.abbr}-DX`),
          date: dateByProfile(rng, 2019, pace2019, last),
          townCode: t.code,
          parcelId: id,
          area: String(d?.landArea ?? '1'),
          uscc: e.uscc,
        } as Ev);
      }
    }
    // 腾退 2019: the unsigned rest of 2018 parcels, then new parcels; 拆除 and 立项 of 2018 parcels go on.
    let toSign = t.y2019.signed;
    for (const p of vacating2018.filter((x) => x.town === t && x.signed2018 < x.area)) {
      const part = Math.min(p.area - p.signed2018, toSign);
      if (part <= 0) break;
      toSign -= part;
      b.ev19.push(stage19(b, t, p.id, 'signed', part, dateByProfile(rng, 2019, pace2019, 6)));
    }
    while (toSign > 0) {
      let area = parcelArea(rng);
      if (area >= toSign || toSign - area < 150) area = toSign;
      toSign -= area;
      const id = nextId(b, `${t.abbr}-TT`, 3);
      b.parcels.push({ id, townCode: t.code, area: hundredths(area), category: 'outOfParkLowScattered' });
      const date = dateByProfile(rng, 2019, pace2019, last);
      const occupant = rng.chance(55) ? lowScatteredFirm(b, t, id) : undefined;
      if (occupant) {
        b.ev19.push({
          type: 'lowScatteredRemediated',
          id: nextId(b, `2019-${t.abbr}-ZZ`),
          date: date > '2019-01-20' ? after(rng, date, -15, -1) : date,
          townCode: t.code,
          uscc: occupant.uscc,
          outcome: 'closedEliminated',
        } as Ev);
      }
      b.ev19.push(stage19(b, t, id, 'signed', area, date, occupant ? [occupant.uscc] : undefined));
    }
    // 低散乱 2019: workshops (the registered occupants above count too).
    const done = b.ev19.filter((e) => e.type === 'lowScatteredRemediated' && e.townCode === t.code).length;
    const villages = Array.from({ length: 10 }, () => villageName(rng));
    for (const date of datesByProfile(rng, 2019, Math.max(0, t.y2019.lowScattered - done), pace2019, last)) {
      const industry = weightedPick(rng, LOW_SCATTERED_INDUSTRIES);
      b.ev19.push({
        type: 'lowScatteredRemediated',
        id: nextId(b, `2019-${t.abbr}-ZZ`),
        date,
        townCode: t.code,
        workshopName: workshopName(rng, t.fullName, rng.pick(villages), industry),
        outcome: rng.pick(['closedEliminated', 'closedEliminated', 'upgraded', 'relocated']),
        flags: ['fourWithout'],
        fourWithout: ['noLicence', ...(rng.chance(50) ? (['noSafety'] as const) : [])],
      } as Ev);
    }
    // Entries 2019.
    for (const date of datesByProfile(rng, 2019, t.y2019.entries, pace2019, last)) {
      b.ev19.push({
        type: 'parkEntered',
        id: nextId(b, `2019-${t.abbr}-RY`),
        date,
        townCode: t.code,
        parkId: t === ZHOUQUAN && rng.chance(50) ? 'ZQ-LC' : park,
        enterpriseName: companyName(rng, weightedPick(rng, t.industries)),
      } as Ev);
    }
  }
  // 洲泉两创中心 一期 5万平方米: 3万 in May, the rest in August.
  for (const [date, m2] of [
    ['2019-05-24', '30000'],
    ['2019-08-16', '20000'],
  ] as const) {
    b.ev19.push({
      type: 'parkFloorAreaCompleted',
      id: nextId(b, '2019-ZQ-JC', 2),
      date,
      townCode: ZHOUQUAN.code,
      parkId: 'ZQ-LC',
      phase: 1,
      floorArea: m2,
    } as Ev);
  }
}

function stage19(
  b: Builder,
  t: TownPlan,
  parcelId: string,
  s: string,
  area: number,
  date: string,
  usccs?: string[],
): Ev {
  return {
    type: 'vacatingStage',
    id: nextId(b, `2019-${t.abbr}-QY`),
    date: nextWorkday(date),
    townCode: t.code,
    parcelId,
    stage: s,
    area: hundredths(area),
    ...(usccs ? { usccs } : {}),
  } as Ev;
}

/**
 * 2018 targets (年初确定的目标任务; not published, invented below what was
 * reached, since the city 提前超额完成) and the article's 2019 targets.
 */
function targets(ev18: readonly Ev[]): Pick<Generated, 'targets2018' | 'targets2019' | 'ranking'> {
  const Y2018 = { from: '2018-01-01', to: '2018-12-31' };
  const Y2019 = { from: '2019-01-01', to: '2019-12-31' };
  // Town targets: the city target split over towns in proportion to what each planned (石门 planned modestly and did more).
  const rng = new Random(SEED_TARGETS);
  const planned: Record<string, number> = Object.fromEntries(
    TOWN_PLANS.map((t) => [t.abbr, t === SHIMEN ? 72 : rng.between(80, 96)]),
  );
  const byTown = (
    id: string,
    measure: string,
    label: string,
    value: number,
    step: number,
    share: (t: TownPlan) => number,
  ) => {
    const parts = allocate(
      value / step,
      TOWN_PLANS.map((t) => share(t) * (planned[t.abbr] ?? 88)),
    );
    return {
      id,
      label,
      measure,
      period: Y2018,
      value: String(value),
      children: TOWN_PLANS.map((t, i) => ({
        id: `${id}-${t.abbr}`,
        townCode: t.code,
        value: String(at(parts, i) * step),
      })),
    };
  };
  const count = (type: string, town: string) => ev18.filter((e) => e.type === type && e.townCode === town).length;
  const targets2018: TargetInput[] = [
    byTown('2018-ls', 'lowScatteredRemediated', '整治低散乱企业(作坊)', 4000, 5, (t) => t.lowScattered),
    byTown('2018-signed', 'vacatingSigned', '腾退签约', 4000, 5, (t) => t.signedWeight),
    byTown('2018-approved', 'reclamationApproved', '国土复垦立项', 2200, 5, (t) => t.approvedWeight),
    byTown('2018-entries', 'parkEntries', '小微企业入园', 500, 1, (t) => Math.max(1, count('parkEntered', t.code))),
    { id: '2018-backward', label: '淘汰落后产能', measure: 'backwardCapacityItems', period: Y2018, value: '15' },
    { id: '2018-zombies', label: '僵尸企业处置', measure: 'zombiesDisposed', period: Y2018, value: '10' },
    {
      id: '2018-parks',
      label: '新建小微企业园',
      measure: 'parkFloorAreaCompleted',
      period: Y2018,
      value: { value: '40', unit: 'wanSquareMetre' },
    },
  ];
  const targets2019: TargetInput[] = [
    {
      id: '2019-city',
      label: '全市盘活存量用地3000亩',
      measure: 'landRevitalised',
      period: Y2019,
      value: '3000',
      children: [
        { id: '2019-city-idle', label: '“转而未供、供而未用”闲置土地处置', category: 'idle', value: '1000' },
        { id: '2019-city-inPark', label: '园区内低效土地处置', category: 'inParkInefficient', value: '1000' },
        {
          id: '2019-city-outOfPark',
          label: '园区外“低散乱”企业土地腾退',
          category: 'outOfParkLowScattered',
          value: '1000',
        },
      ],
    },
    {
      id: '2019-zq-ls',
      label: '洲泉 整治低散乱企业50家以上',
      measure: 'lowScatteredRemediated',
      townCode: ZHOUQUAN.code,
      period: Y2019,
      value: '50',
    },
    {
      id: '2019-zq-signed',
      label: '洲泉 腾退签约面积300亩以上',
      measure: 'vacatingSigned',
      townCode: ZHOUQUAN.code,
      period: Y2019,
      value: '300',
    },
    {
      id: '2019-zq-factory',
      label: '洲泉 标准厂房一期5万平方米',
      measure: 'parkFloorAreaCompleted',
      townCode: ZHOUQUAN.code,
      category: 'standardFactory',
      period: Y2019,
      value: { value: '5', unit: 'wanSquareMetre' },
    },
    {
      id: '2019-zq-entries',
      label: '洲泉 入园企业不少于10家',
      measure: 'parkEntries',
      townCode: ZHOUQUAN.code,
      period: Y2019,
      value: '10',
    },
    {
      id: '2019-sm-ls',
      label: '石门 整治“低散乱”企业300家',
      measure: 'lowScatteredRemediated',
      townCode: SHIMEN.code,
      period: Y2019,
      value: '300',
    },
    {
      id: '2019-sm-signed',
      label: '石门 签约腾退土地100亩',
      measure: 'vacatingSigned',
      townCode: SHIMEN.code,
      period: Y2019,
      value: '100',
    },
    {
      id: '2019-sm-revitalised',
      label: '石门 盘活存量土地100亩',
      measure: 'landRevitalised',
      townCode: SHIMEN.code,
      period: Y2019,
      value: '100',
    },
    {
      id: '2019-sm-above',
      label: '石门 实现规上企业100家',
      measure: 'aboveDesignatedSizeEnterprises',
      townCode: SHIMEN.code,
      period: Y2019,
      value: '100',
    },
    {
      id: '2019-sm-tax',
      label: '石门 增加规上工业企业亩均税收2万元',
      measure: 'aboveDesignatedTaxPerMuIncrease',
      townCode: SHIMEN.code,
      period: Y2019,
      value: '2',
    },
  ];
  const ranking: RankingFile = {
    title: '2018年退散进集每周量化排序',
    year: 2018,
    cap: '1.5',
    components: [
      { key: 'signed', label: '腾退签约', weight: '30', targetId: '2018-signed' },
      { key: 'approved', label: '国土复垦立项', weight: '25', targetId: '2018-approved' },
      { key: 'lowScattered', label: '整治低散乱', weight: '25', targetId: '2018-ls' },
      { key: 'entries', label: '小微企业入园', weight: '20', targetId: '2018-entries' },
    ],
  };
  return { targets2018, targets2019, ranking };
}

/**
 * The 亩均 evaluation scheme evaluate-2018 runs: mujun's template preset
 * (weights as 黄岩 2022, benchmarks derived from 桐乡's own firms as ratios of
 * sums, classes A20/B60/C15/D5) set for 桐乡市 2018. Not an official scheme.
 */
export function scheme2018(): unknown {
  const template = EVALUATION_PRESET_DOCUMENTS['template-percentile'] as Record<string, unknown>;
  return {
    ...template,
    id: 'tongxiang-2018-example',
    name: '桐乡市2018年度亩均效益综合评价（示例方案，非官方）',
    jurisdiction: { code: '330483', name: '桐乡市' },
    year: 2018,
    sources: [
      'mujun template-percentile preset set for 桐乡市 2018: an example, not the city’s published scheme; benchmarks are derived from the (synthetic) records',
    ],
  };
}

/** JSON as committed: two-space indent, final newline. */
export const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Every file of data/: the CSVs written by the library's own canonical
 * writer from the validated registry and events, and the JSON targets and
 * ranking. Throws if a record breaks a rule.
 */
export function generateFiles(seed = SEED): Record<string, string> {
  const g = generate(seed);
  const registry = parseRegistry(g.registry);
  const events = [...g.events2018, ...g.events2019].map((e) => {
    const r = safeParseCampaignEvent(e);
    if (!r.ok) throw new Error(`event ${e.id}: ${JSON.stringify(r.issues)}`);
    return r.value;
  });
  return {
    ...datasetToFiles({ registry, events }),
    'targets-2018.json': jsonText(g.targets2018),
    'targets-2019.json': jsonText(g.targets2019),
    'ranking-2018.json': jsonText(g.ranking),
    'scheme-2018.json': jsonText(scheme2018()),
  };
}
