import { registryReferences } from '../../src/campaign/index';
import {
  type CampaignLedger,
  emptyLedger,
  makeUscc,
  parseRegistry,
  type Registry,
  TONGXIANG_2018_INPUT,
} from '../../src/index';

/* A small Tongxiang registry for campaign tests. */

export const SHIMEN = '330483108000';
export const ZHOUQUAN = '330483105000';
export const WUTONG = '330483001000';
export const FENGMING = '330483002000';

export const uscc = (n: number) =>
  makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: `MA2C${String(n).padStart(4, '0')}` });

/** 崇安砖瓦厂: the four firms on one 45亩 parcel in 石门. */
export const CHONGAN = [uscc(1), uscc(2), uscc(3), uscc(4)];
export const ZOMBIE = uscc(10);
export const ZQ_FIRM = uscc(11);
export const SM_BIG = [uscc(20), uscc(21), uscc(22)];

const enterprise = (u: string, name: string, townCode: string, flags: string[] = []) => ({
  uscc: u,
  name,
  townCode,
  industry: '3031',
  registeredOn: '2005-03-01',
  flags,
});

export const REGISTRY_INPUT = {
  region: TONGXIANG_2018_INPUT,
  parks: [
    {
      id: 'ZQ-LC',
      name: '洲泉两创中心',
      townCode: ZHOUQUAN,
      kind: 'standardFactory',
      phases: [
        { phase: 1, floorArea: '50000' },
        { phase: 2, floorArea: '130000' },
      ],
    },
    {
      id: 'SM-PARK',
      name: '石门小微企业园',
      townCode: SHIMEN,
      kind: 'smallMicroPark',
      phases: [{ phase: 1, floorArea: '100000' }],
    },
    {
      id: 'WT-PARK',
      name: '梧桐小微企业园',
      townCode: WUTONG,
      kind: 'smallMicroPark',
      phases: [{ phase: 1, floorArea: '470000' }],
    },
  ],
  parcels: [
    { id: 'SM-CHONGAN', townCode: SHIMEN, area: '45', category: 'outOfParkLowScattered' },
    { id: 'SM-P2', townCode: SHIMEN, area: '120', category: 'outOfParkLowScattered' },
    { id: 'SM-IDLE', townCode: SHIMEN, area: '80', category: 'idleSuppliedNotUsed' },
    { id: 'ZQ-P1', townCode: ZHOUQUAN, area: '200', category: 'outOfParkLowScattered' },
    { id: 'ZQ-P2', townCode: ZHOUQUAN, area: '150', category: 'outOfParkLowScattered' },
    { id: 'WT-IDLE', townCode: WUTONG, area: '1200', category: 'idleTransferredNotSupplied' },
    { id: 'WT-INPARK', townCode: WUTONG, area: '1500', category: 'inParkInefficient', parkId: 'WT-PARK' },
    { id: 'FM-P1', townCode: FENGMING, area: '60', category: 'outOfParkLowScattered' },
  ],
  enterprises: [
    ...CHONGAN.map((u, i) => enterprise(u, `崇安砖瓦厂${i + 1}`, SHIMEN, ['lowScattered'])),
    enterprise(ZOMBIE, '洲泉某僵尸企业', ZHOUQUAN, ['zombie']),
    enterprise(ZQ_FIRM, '洲泉某纺织厂', ZHOUQUAN, ['lowScattered', 'fourWithout']),
    ...SM_BIG.map((u, i) => enterprise(u, `石门规上企业${i + 1}`, SHIMEN)),
  ],
  annualData: [
    // 石门 规上: 2018 Σtax 300万元 / Σland 30亩 = 10万元/亩; 2019 Σtax 360 / 30 = 12万元/亩 (+2).
    { uscc: SM_BIG[0], year: 2018, scale: 'aboveDesignatedSize', revenue: '5000', tax: '200', landArea: '20' },
    { uscc: SM_BIG[1], year: 2018, scale: 'aboveDesignatedSize', revenue: '3000', tax: '100', landArea: '10' },
    { uscc: SM_BIG[0], year: 2019, scale: 'aboveDesignatedSize', revenue: '5600', tax: '240', landArea: '20' },
    { uscc: SM_BIG[1], year: 2019, scale: 'aboveDesignatedSize', revenue: '3100', tax: '120', landArea: '10' },
    { uscc: SM_BIG[2], year: 2019, scale: 'belowDesignatedSize', revenue: '900', tax: '9', landArea: '3' },
  ],
};

export const REGISTRY: Registry = parseRegistry(REGISTRY_INPUT);

export function freshLedger(): CampaignLedger {
  return emptyLedger(registryReferences(REGISTRY));
}
