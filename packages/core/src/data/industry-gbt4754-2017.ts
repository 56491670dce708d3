/**
 * Reference data of GB/T 4754-2017 国民经济行业分类 (Industrial
 * classification for national economic activities), as amended by
 * 第1号修改单 (2019), which changed no codes or names used here.
 *
 * Contents: all 20 门类 (sections A–T) with their 大类 ranges, the names of
 * all 97 大类 (divisions 01–97), and a small set of 中类 (groups) and 小类
 * (classes) relevant to Tongxiang's textile, chemical-fibre, leather, glass
 * fibre and building-material industries. The 中类/小类 list is deliberately
 * partial: codes not listed fall back to their 大类 name.
 */

/** 门类 letter of GB/T 4754-2017, A–T. */
export type IndustrySectionLetter =
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'E'
  | 'F'
  | 'G'
  | 'H'
  | 'I'
  | 'J'
  | 'K'
  | 'L'
  | 'M'
  | 'N'
  | 'O'
  | 'P'
  | 'Q'
  | 'R'
  | 'S'
  | 'T';

/** One 门类 (section) of GB/T 4754-2017 with its inclusive 大类 range. */
export interface IndustrySection {
  /** 门类 letter, e.g. `C`. */
  readonly letter: IndustrySectionLetter;
  /** Official Chinese name, e.g. `制造业`. */
  readonly name: string;
  /** First 大类 number of the section, e.g. 13. */
  readonly firstDivision: number;
  /** Last 大类 number of the section (inclusive), e.g. 43. */
  readonly lastDivision: number;
}

/** The 20 门类 of GB/T 4754-2017, in order; together they cover 大类 01–97 without gaps. */
export const GBT4754_2017_SECTIONS: readonly IndustrySection[] = Object.freeze([
  { letter: 'A', name: '农、林、牧、渔业', firstDivision: 1, lastDivision: 5 },
  { letter: 'B', name: '采矿业', firstDivision: 6, lastDivision: 12 },
  { letter: 'C', name: '制造业', firstDivision: 13, lastDivision: 43 },
  { letter: 'D', name: '电力、热力、燃气及水生产和供应业', firstDivision: 44, lastDivision: 46 },
  { letter: 'E', name: '建筑业', firstDivision: 47, lastDivision: 50 },
  { letter: 'F', name: '批发和零售业', firstDivision: 51, lastDivision: 52 },
  { letter: 'G', name: '交通运输、仓储和邮政业', firstDivision: 53, lastDivision: 60 },
  { letter: 'H', name: '住宿和餐饮业', firstDivision: 61, lastDivision: 62 },
  { letter: 'I', name: '信息传输、软件和信息技术服务业', firstDivision: 63, lastDivision: 65 },
  { letter: 'J', name: '金融业', firstDivision: 66, lastDivision: 69 },
  { letter: 'K', name: '房地产业', firstDivision: 70, lastDivision: 70 },
  { letter: 'L', name: '租赁和商务服务业', firstDivision: 71, lastDivision: 72 },
  { letter: 'M', name: '科学研究和技术服务业', firstDivision: 73, lastDivision: 75 },
  { letter: 'N', name: '水利、环境和公共设施管理业', firstDivision: 76, lastDivision: 79 },
  { letter: 'O', name: '居民服务、修理和其他服务业', firstDivision: 80, lastDivision: 82 },
  { letter: 'P', name: '教育', firstDivision: 83, lastDivision: 83 },
  { letter: 'Q', name: '卫生和社会工作', firstDivision: 84, lastDivision: 85 },
  { letter: 'R', name: '文化、体育和娱乐业', firstDivision: 86, lastDivision: 90 },
  { letter: 'S', name: '公共管理、社会保障和社会组织', firstDivision: 91, lastDivision: 96 },
  { letter: 'T', name: '国际组织', firstDivision: 97, lastDivision: 97 },
]);

/** 大类 code (2 digits) → official Chinese name, for all 97 divisions of GB/T 4754-2017. */
export const GBT4754_2017_DIVISIONS: Readonly<Record<string, string>> = Object.freeze({
  // A 农、林、牧、渔业
  '01': '农业',
  '02': '林业',
  '03': '畜牧业',
  '04': '渔业',
  '05': '农、林、牧、渔专业及辅助性活动',
  // B 采矿业
  '06': '煤炭开采和洗选业',
  '07': '石油和天然气开采业',
  '08': '黑色金属矿采选业',
  '09': '有色金属矿采选业',
  '10': '非金属矿采选业',
  '11': '开采专业及辅助性活动',
  '12': '其他采矿业',
  // C 制造业
  '13': '农副食品加工业',
  '14': '食品制造业',
  '15': '酒、饮料和精制茶制造业',
  '16': '烟草制品业',
  '17': '纺织业',
  '18': '纺织服装、服饰业',
  '19': '皮革、毛皮、羽毛及其制品和制鞋业',
  '20': '木材加工和木、竹、藤、棕、草制品业',
  '21': '家具制造业',
  '22': '造纸和纸制品业',
  '23': '印刷和记录媒介复制业',
  '24': '文教、工美、体育和娱乐用品制造业',
  '25': '石油、煤炭及其他燃料加工业',
  '26': '化学原料和化学制品制造业',
  '27': '医药制造业',
  '28': '化学纤维制造业',
  '29': '橡胶和塑料制品业',
  '30': '非金属矿物制品业',
  '31': '黑色金属冶炼和压延加工业',
  '32': '有色金属冶炼和压延加工业',
  '33': '金属制品业',
  '34': '通用设备制造业',
  '35': '专用设备制造业',
  '36': '汽车制造业',
  '37': '铁路、船舶、航空航天和其他运输设备制造业',
  '38': '电气机械和器材制造业',
  '39': '计算机、通信和其他电子设备制造业',
  '40': '仪器仪表制造业',
  '41': '其他制造业',
  '42': '废弃资源综合利用业',
  '43': '金属制品、机械和设备修理业',
  // D 电力、热力、燃气及水生产和供应业
  '44': '电力、热力生产和供应业',
  '45': '燃气生产和供应业',
  '46': '水的生产和供应业',
  // E 建筑业
  '47': '房屋建筑业',
  '48': '土木工程建筑业',
  '49': '建筑安装业',
  '50': '建筑装饰、装修和其他建筑业',
  // F 批发和零售业
  '51': '批发业',
  '52': '零售业',
  // G 交通运输、仓储和邮政业
  '53': '铁路运输业',
  '54': '道路运输业',
  '55': '水上运输业',
  '56': '航空运输业',
  '57': '管道运输业',
  '58': '多式联运和运输代理业',
  '59': '装卸搬运和仓储业',
  '60': '邮政业',
  // H 住宿和餐饮业
  '61': '住宿业',
  '62': '餐饮业',
  // I 信息传输、软件和信息技术服务业
  '63': '电信、广播电视和卫星传输服务',
  '64': '互联网和相关服务',
  '65': '软件和信息技术服务业',
  // J 金融业
  '66': '货币金融服务',
  '67': '资本市场服务',
  '68': '保险业',
  '69': '其他金融业',
  // K 房地产业
  '70': '房地产业',
  // L 租赁和商务服务业
  '71': '租赁业',
  '72': '商务服务业',
  // M 科学研究和技术服务业
  '73': '研究和试验发展',
  '74': '专业技术服务业',
  '75': '科技推广和应用服务业',
  // N 水利、环境和公共设施管理业
  '76': '水利管理业',
  '77': '生态保护和环境治理业',
  '78': '公共设施管理业',
  '79': '土地管理业',
  // O 居民服务、修理和其他服务业
  '80': '居民服务业',
  '81': '机动车、电子产品和日用产品修理业',
  '82': '其他服务业',
  // P 教育
  '83': '教育',
  // Q 卫生和社会工作
  '84': '卫生',
  '85': '社会工作',
  // R 文化、体育和娱乐业
  '86': '新闻和出版业',
  '87': '广播、电视、电影和录音制作业',
  '88': '文化艺术业',
  '89': '体育',
  '90': '娱乐业',
  // S 公共管理、社会保障和社会组织
  '91': '中国共产党机关',
  '92': '国家机构',
  '93': '人民政协、民主党派',
  '94': '社会保障',
  '95': '群众团体、社会团体和其他成员组织',
  '96': '基层群众自治组织及其他组织',
  // T 国际组织
  '97': '国际组织',
});

/**
 * Selected 中类 (3-digit groups) and 小类 (4-digit classes) of GB/T
 * 4754-2017 → official Chinese name. Partial by design (textiles, apparel,
 * leather and fur, chemical fibres, plastics, building materials and glass
 * fibre — Tongxiang's main industries).
 */
export const GBT4754_2017_DETAIL: Readonly<Record<string, string>> = Object.freeze({
  // 17 纺织业
  '171': '棉纺织及印染精加工',
  '1711': '棉纺纱加工',
  '1712': '棉织造加工',
  '1713': '棉印染精加工',
  '172': '毛纺织及染整精加工',
  '173': '麻纺织及染整精加工',
  '174': '丝绢纺织及印染精加工',
  '1741': '缫丝加工',
  '1742': '绢纺和丝织加工',
  '1743': '丝印染精加工',
  '175': '化纤织造及印染精加工',
  '1751': '化纤织造加工',
  '1752': '化纤织物染整精加工',
  '176': '针织或钩针编织物及其制品制造',
  '1761': '针织或钩针编织物织造',
  '1762': '针织或钩针编织物印染精加工',
  '1763': '针织或钩针编织品制造',
  '177': '家用纺织制成品制造',
  '1771': '床上用品制造',
  '178': '产业用纺织制成品制造',
  '1781': '非织造布制造',
  // 18 纺织服装、服饰业
  '181': '机织服装制造',
  '182': '针织或钩针编织服装制造',
  '1821': '运动休闲针织服装制造',
  '1829': '其他针织或钩针编织服装制造',
  '183': '服饰制造',
  '1830': '服饰制造',
  // 19 皮革、毛皮、羽毛及其制品和制鞋业
  '191': '皮革鞣制加工',
  '1910': '皮革鞣制加工',
  '192': '皮革制品制造',
  '1921': '皮革服装制造',
  '1922': '皮箱、包(袋)制造',
  '193': '毛皮鞣制及制品加工',
  '1931': '毛皮鞣制加工',
  '1932': '毛皮服装加工',
  '1939': '其他毛皮制品加工',
  '195': '制鞋业',
  // 26 化学原料和化学制品制造业
  '265': '合成材料制造',
  '2651': '初级形态塑料及合成树脂制造',
  '2653': '合成纤维单(聚合)体制造',
  // 28 化学纤维制造业
  '281': '纤维素纤维原料及纤维制造',
  '282': '合成纤维制造',
  '2821': '锦纶纤维制造',
  '2822': '涤纶纤维制造',
  '2823': '腈纶纤维制造',
  '2825': '丙纶纤维制造',
  '2826': '氨纶纤维制造',
  '2829': '其他合成纤维制造',
  '283': '生物基材料制造',
  // 29 橡胶和塑料制品业
  '291': '橡胶制品业',
  '292': '塑料制品业',
  '2921': '塑料薄膜制造',
  // 30 非金属矿物制品业
  '301': '水泥、石灰和石膏制造',
  '3011': '水泥制造',
  '3012': '石灰和石膏制造',
  '302': '石膏、水泥制品及类似制品制造',
  '3021': '水泥制品制造',
  '303': '砖瓦、石材等建筑材料制造',
  '3031': '粘土砖瓦及建筑砌块制造',
  '3032': '建筑用石加工',
  '306': '玻璃纤维和玻璃纤维增强塑料制品制造',
  '3061': '玻璃纤维及制品制造',
  '3062': '玻璃纤维增强塑料制品制造',
  // 33 金属制品业
  '336': '金属表面处理及热处理加工',
  '3360': '金属表面处理及热处理加工',
  '339': '其他金属制品制造',
  '3391': '黑色金属铸造',
  '3392': '有色金属铸造',
  // 35 专用设备制造业
  '3551': '纺织专用设备制造',
});
