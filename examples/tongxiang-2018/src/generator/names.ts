import { makeUscc } from '@mujun/core';
import { USCC_CHARSET } from '@mujun/core/ids';
import type { Random } from './random';

/*
 * Made-up names in the style of a county's registers: 桐乡市 + a two-character
 * trade name + the line of business + 有限公司; 个体工商户 named after their
 * owner and workshop; villages with plausible names. None is a real firm.
 */

const TRADE = [...'华新永恒宏盛达鑫隆瑞丰祥泰佳金宇嘉诚和兴远通凯利源明德昌顺旺富康安益腾飞龙凤锦绣天海博信'];
const SURNAMES = [...'沈张王李陈徐朱钱吴周姚沈费屠金杨蔡俞陆顾施钟胡孙褚'];
const GIVEN = [...'建国明华伟强勇军平林芳娟英红敏杰峰斌海波荣根福法龙'];
const VILLAGE = [...'东西南北新永丰民众联和桥港塘浜湾庄墩'];

/** Words of the line of business for a GB/T 4754 class. */
export const BUSINESS: Readonly<Record<string, string>> = {
  '1711': '纺织',
  '1713': '印染',
  '1752': '染整',
  '1761': '针织',
  '1763': '毛衫',
  '1771': '家纺',
  '1829': '服饰',
  '1830': '服饰',
  '1910': '皮革',
  '1931': '皮草',
  '1932': '裘皮服饰',
  '2822': '化纤',
  '2826': '氨纶',
  '2921': '塑料',
  '3031': '砖瓦',
  '3021': '建材',
  '3061': '玻纤',
  '3062': '复合材料',
  '3360': '金属表面处理',
  '3391': '铸造',
  '3551': '纺机',
  '4430': '热电',
};

export function businessOf(industry: string): string {
  return BUSINESS[industry] ?? '实业';
}

const two = (rng: Random, chars: readonly string[]) => `${rng.pick(chars)}${rng.pick(chars)}`;

/** 桐乡市华盛化纤有限公司. */
export function companyName(rng: Random, industry: string): string {
  return `桐乡市${two(rng, TRADE)}${businessOf(industry)}有限公司`;
}

/** 桐乡市石门镇沈建国毛衫加工厂 (个体工商户). */
export function soleTraderName(rng: Random, townFullName: string, industry: string): string {
  return `桐乡市${townFullName}${rng.pick(SURNAMES)}${two(rng, GIVEN)}${businessOf(industry)}加工厂`;
}

/** 永丰村 */
export function villageName(rng: Random): string {
  return `${two(rng, VILLAGE)}村`;
}

/** 石门镇永丰村沈某某毛衫作坊: an unregistered workshop, named as the 台账 names it. */
export function workshopName(rng: Random, townFullName: string, village: string, industry: string): string {
  return `${townFullName}${village}${rng.pick(SURNAMES)}某某${businessOf(industry)}作坊`;
}

/**
 * A new 统一社会信用代码 of 桐乡 (330483): 91 (企业) or 92 (个体工商户), the
 * 主体标识码 `MA…` for registrations since 2015-10, a numeric 组织机构代码
 * body before; both check characters computed by `makeUscc`.
 */
export function newUscc(rng: Random, used: Set<string>, kind: 'company' | 'soleTrader', registeredOn: string): string {
  for (;;) {
    const modern = registeredOn >= '2015-10-01';
    const chars = USCC_CHARSET.slice(0, 10);
    let body = modern ? 'MA' : String(rng.between(1, 7));
    while (body.length < 8) body += modern ? rng.pick([...USCC_CHARSET]) : rng.pick([...chars]);
    const uscc = makeUscc({
      authority: '9',
      orgType: kind === 'company' ? '1' : '2',
      divisionCode: '330483',
      orgCodeBody: body,
    });
    if (!used.has(uscc)) {
      used.add(uscc);
      return uscc;
    }
  }
}
