import { parseRegion, type Region, type RegionInput } from '../model/region';

/**
 * 桐乡市 (330483) and its 11 towns of 2018–2019: 街道 梧桐, 凤鸣, 高桥; 镇 乌镇,
 * 濮院, 屠甸, 崇福, 洲泉, 大麻, 河山, 石门 (the article of 2019-01-24 ranks
 * these). 龙翔街道, split off later, is not part of this period.
 *
 * The 9-digit town parts follow the 统计用区划代码 pattern (街道 00x, 镇 1xx)
 * but are provisional: they have not been checked against the National
 * Bureau of Statistics table, so treat them as this library's keys.
 */
export const TONGXIANG_2018_INPUT: RegionInput = {
  code: '330483',
  name: '桐乡市',
  validFrom: 2018,
  validTo: 2019,
  towns: [
    { code: '330483001000', name: '梧桐', fullName: '梧桐街道', kind: 'subdistrict' },
    { code: '330483002000', name: '凤鸣', fullName: '凤鸣街道', kind: 'subdistrict' },
    { code: '330483003000', name: '高桥', fullName: '高桥街道', kind: 'subdistrict' },
    { code: '330483101000', name: '乌镇', fullName: '乌镇镇', kind: 'town' },
    { code: '330483102000', name: '濮院', fullName: '濮院镇', kind: 'town' },
    { code: '330483103000', name: '屠甸', fullName: '屠甸镇', kind: 'town' },
    { code: '330483104000', name: '崇福', fullName: '崇福镇', kind: 'town' },
    { code: '330483105000', name: '洲泉', fullName: '洲泉镇', kind: 'town' },
    { code: '330483106000', name: '大麻', fullName: '大麻镇', kind: 'town' },
    { code: '330483107000', name: '河山', fullName: '河山镇', kind: 'town' },
    { code: '330483108000', name: '石门', fullName: '石门镇', kind: 'town' },
  ],
};

/** 桐乡市 2018–2019, validated. */
export const TONGXIANG_2018: Region = parseRegion(TONGXIANG_2018_INPUT);
