import type { MeasureName } from '@mujun/core';

/*
 * What the article of 2019-01-24 publishes. Everything else in data/ is
 * synthetic. Source: 《钱江晚报·今日桐乡》2019年01月24日, 记者 周玥,
 * "“退”与“进”齐头并进,激发澎湃活力 — 桐乡强势推进“退散进集攻坚行动”"
 * (shared/seed/tongxiang-2019-01-24-tuisan-jinji.txt).
 */

export const SOURCE = '《钱江晚报·今日桐乡》2019-01-24';

/** 2018年桐乡整治低散乱企业(作坊)4692家，淘汰落后产能20项，完成“僵尸企业”处置11家，全年完成腾退签约4574亩，完成国土复垦立项2562亩，新建小微企业园47万平方米，小微企业入园585家. */
export const QUOTE_2018 =
  '2018年桐乡整治低散乱企业(作坊)4692家，淘汰落后产能20项，完成“僵尸企业”处置11家，全年完成腾退签约4574亩，完成国土复垦立项2562亩，新建小微企业园47万平方米，小微企业入园585家';

export interface PublishedFigure {
  readonly measure: MeasureName;
  /** As the article writes it. */
  readonly text: string;
  /** The same in the measure's unit (平方米 for floor area), as an exact decimal string. */
  readonly value: string;
}

/** The seven figures of 2018, in the article's order. */
export const PUBLISHED_2018: readonly PublishedFigure[] = [
  { measure: 'lowScatteredRemediated', text: '4692家', value: '4692' },
  { measure: 'backwardCapacityItems', text: '20项', value: '20' },
  { measure: 'zombiesDisposed', text: '11家', value: '11' },
  { measure: 'vacatingSigned', text: '4574亩', value: '4574' },
  { measure: 'reclamationApproved', text: '2562亩', value: '2562' },
  { measure: 'parkFloorAreaCompleted', text: '47万平方米', value: '470000' },
  { measure: 'parkEntries', text: '585家', value: '585' },
];

/** 石门 details: 崇安砖瓦厂 4家企业共计45亩土地，从签约到拆除到复耕，前后仅用30天; 鼓励符合标准的54家企业入园; 综合排名始终稳居全市前三. */
export const SHIMEN_DETAILS = {
  chonganParcelId: 'SM-TT-CHONGAN',
  chonganEnterprises: 4,
  chonganMu: '45',
  chonganDays: 30,
  entries: '54',
  topRank: 3,
  quotes: {
    chongan: '崇安砖瓦厂4家企业共计45亩土地，从签约到拆除到复耕，前后仅用30天时间',
    entries: '我们鼓励符合标准的54家企业入园发展',
    ranking: '综合排名始终稳居全市前三',
  },
} as const;
