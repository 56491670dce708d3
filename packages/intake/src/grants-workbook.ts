import type { Rational } from '@mujun/core';
import {
  COMMITMENT_STATUS_LABELS,
  CONSEQUENCE_LABELS,
  type CommitmentInput,
  GRANT_COMPARATOR_LABELS,
  GRANT_INDICATOR_KEYS,
  GRANT_INDICATORS,
  GRANT_STAGE_LABELS,
  GRANT_UNIT_LABELS,
  GRANT_VERDICT_LABELS,
  type GrantIndicator,
  type GrantsChecked,
} from '@mujun/core/grants';
import ExcelJS from 'exceljs';
import type { Table } from './read';

/*
 * 标准地 spreadsheets: the import template (one row per grant, one column per
 * indicator, derived from GRANT_INDICATORS) and the yearly check workbook. Cells are
 * written as text, so no spreadsheet turns an exact figure into a binary fraction.
 */

/** The scalar columns of the grant template: header and the grant field it fills. */
export const GRANT_TEMPLATE_COLUMNS = [
  ['地块编号', 'id'],
  ['公告号', 'notice'],
  ['地块名称', 'parcelName'],
  ['镇街道代码', 'townCode'],
  ['宗地编号', 'parcelId'],
  ['腾退再供应', 'supply'],
  ['出让面积(平方米)', 'areaSquareMetres'],
  ['土地用途', 'landUse'],
  ['行业代码', 'industry'],
  ['出让年限', 'termYears'],
  ['起始价单价', 'rate'],
  ['单价单位', 'rateUnit'],
  ['起始价取整(万元)', 'startStep'],
  ['起始价取整方式', 'startMode'],
  ['保证金比例', 'depositShare'],
  ['保证金取整(万元)', 'depositStep'],
  ['保证金取整方式', 'depositMode'],
  ['计价依据', 'pricingSource'],
  ['起始价(万元)', 'startPrice'],
  ['保证金(万元)', 'deposit'],
  ['成交价(万元)', 'transactionPrice'],
  ['成交日期', 'grantedOn'],
  ['签约日期', 'signedOn'],
  ['约定开工日期', 'agreedStartOn'],
  ['约定竣工日期', 'agreedCompletionOn'],
  ['实际开工日期', 'startedOn'],
  ['实际竣工日期', 'completedOn'],
  ['投产日期', 'productionOn'],
  ['竞得人统一社会信用代码', 'granteeUscc'],
  ['合同签订方', 'counterparty'],
  ['达产复核(投产后年数)', 'offsetYears'],
] as const;

type ScalarKey = (typeof GRANT_TEMPLATE_COLUMNS)[number][1];

/** The header of an indicator's column: `亩均税收(万元/亩)`. */
export function indicatorHeader(i: GrantIndicator): string {
  const unit = GRANT_UNIT_LABELS[GRANT_INDICATORS[i].unit];
  return unit ? `${GRANT_INDICATORS[i].label}(${unit})` : GRANT_INDICATORS[i].label;
}

const MODES: Record<string, string> = {
  向上: 'up',
  向下: 'down',
  四舍五入: 'halfUp',
  up: 'up',
  down: 'down',
  halfUp: 'halfUp',
};
const RATE_UNITS: Record<string, { per: string; rateUnit: string }> = {
  '万元/亩': { per: 'mu', rateUnit: 'wanYuan' },
  '元/平方米': { per: 'squareMetre', rateUnit: 'yuan' },
};

/**
 * A commitment cell: `≥501` / `>=501` / `501` (不少于), `≤65` / `<=65` (不超过), `2.0-3.5`
 * or `2.0~3.5` (a range). Empty: no commitment. Anything else is kept as given so the
 * core refuses it naming the column.
 */
export function parseCommitmentCell(text: string): Pick<CommitmentInput, 'comparator' | 'value' | 'min' | 'max'> {
  const t = text.trim();
  const range = /^([0-9.]+)\s*[-~～至–]\s*([0-9.]+)$/.exec(t);
  if (range) return { comparator: 'between', min: range[1] as string, max: range[2] as string };
  const atMost = /^(?:≤|<=|不超过)\s*(.+)$/.exec(t);
  if (atMost) return { comparator: 'atMost', value: (atMost[1] as string).trim() };
  const atLeast = /^(?:≥|>=|不少于|不低于)\s*(.+)$/.exec(t);
  return { comparator: 'atLeast', value: (atLeast ? (atLeast[1] as string) : t).trim() };
}

/** One grant input per data row of the template's table, and where each came from (row number). */
export function grantsFromTable(table: Table): { grants: Record<string, unknown>[]; rows: number[] } {
  const [head, ...body] = table.rows;
  const headers = (head?.cells ?? []).map((c) => c.text.trim());
  const col = new Map(headers.map((h, i) => [h, i]));
  const grants: Record<string, unknown>[] = [];
  const rows: number[] = [];
  for (const r of body) {
    const cell = (h: string) => {
      const i = col.get(h);
      return i === undefined ? '' : (r.cells[i]?.text ?? '').trim();
    };
    const v = Object.fromEntries(GRANT_TEMPLATE_COLUMNS.map(([h, k]) => [k, cell(h)])) as Record<ScalarKey, string>;
    if (Object.values(v).every((x) => x === '')) continue;
    const opt = (k: string, x: string) => (x === '' ? {} : { [k]: x });
    const offset = v.offsetYears === '' ? 2 : Number(v.offsetYears);
    const commitments = GRANT_INDICATOR_KEYS.flatMap((indicator) => {
      const text = cell(indicatorHeader(indicator));
      if (text === '') return [];
      const production = GRANT_INDICATORS[indicator].source === 'annual';
      return [
        {
          indicator,
          ...parseCommitmentCell(text),
          stage: production ? 'production' : 'completion',
          ...(production ? { offsetYears: offset } : {}),
          source: v.notice || '导入',
        },
      ];
    });
    const unit = RATE_UNITS[v.rateUnit] ?? { per: v.rateUnit, rateUnit: v.rateUnit };
    grants.push({
      id: v.id,
      listing: { notice: v.notice, parcelName: v.parcelName },
      townCode: v.townCode,
      ...opt('parcelId', v.parcelId),
      supply: v.supply === '是' ? 'vacated' : 'other',
      area: { value: v.areaSquareMetres, unit: 'squareMetre' },
      ...opt('landUse', v.landUse),
      ...opt('industry', v.industry),
      termYears: Number(v.termYears),
      pricing: {
        source: v.pricingSource || v.notice,
        startPrice: {
          per: unit.per,
          rate: v.rate,
          rateUnit: unit.rateUnit,
          ...(v.startStep === '' ? {} : { rounding: { step: v.startStep, mode: MODES[v.startMode] ?? v.startMode } }),
        },
        deposit: {
          share: v.depositShare,
          ...(v.depositStep === ''
            ? {}
            : { rounding: { step: v.depositStep, mode: MODES[v.depositMode] ?? v.depositMode } }),
        },
      },
      ...opt('startPrice', v.startPrice),
      ...opt('deposit', v.deposit),
      ...opt('transactionPrice', v.transactionPrice),
      ...opt('grantedOn', v.grantedOn),
      ...opt('signedOn', v.signedOn),
      ...opt('agreedStartOn', v.agreedStartOn),
      ...opt('agreedCompletionOn', v.agreedCompletionOn),
      ...opt('startedOn', v.startedOn),
      ...opt('completedOn', v.completedOn),
      ...opt('productionOn', v.productionOn),
      ...opt('granteeUscc', v.granteeUscc),
      ...(v.counterparty === '' ? {} : { counterparty: { kind: 'townGovernment', name: v.counterparty } }),
      commitments,
    });
    rows.push(r.row);
  }
  return { grants, rows };
}

/** The column header a grant field path (`grants.3.area`) came from, for error reports. */
export function templateHeaderOf(path: readonly string[]): string | undefined {
  const [top, i, sub] = path;
  if (top === 'commitments' && i !== undefined) return undefined;
  const map: Record<string, string> = Object.fromEntries(GRANT_TEMPLATE_COLUMNS.map(([h, k]) => [k, h]));
  if (top === 'area') return map.areaSquareMetres;
  if (top === 'listing') return sub === 'parcelName' ? map.parcelName : map.notice;
  return top === undefined ? undefined : map[top];
}

function bold(row: ExcelJS.Row): void {
  row.font = { bold: true };
}

/** The grant import template: headers, notes and one example row (桐土告字[2023]50号 2023-15地块). */
export async function grantsTemplateWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('标准地');
  const headers = [...GRANT_TEMPLATE_COLUMNS.map(([h]) => h), ...GRANT_INDICATOR_KEYS.map(indicatorHeader)];
  bold(ws.addRow(headers));
  const example: Record<string, string> = {
    地块编号: '2023-15',
    公告号: '桐土告字[2023]50号',
    地块名称: '桐乡市河山镇2023-15地块',
    镇街道代码: '330483107000',
    腾退再供应: '否',
    '出让面积(平方米)': '13167.39',
    土地用途: '工业用地',
    行业代码: 'C17',
    出让年限: '49',
    起始价单价: '67.8',
    单价单位: '万元/亩',
    '起始价取整(万元)': '1',
    起始价取整方式: '向上',
    保证金比例: '0.1',
    '保证金取整(万元)': '10',
    保证金取整方式: '向上',
    '起始价(万元)': '1340',
    '保证金(万元)': '140',
    '达产复核(投产后年数)': '2',
    [indicatorHeader('investmentIntensity')]: '≥501',
    [indicatorHeader('equipmentShare')]: '≥50.5',
    [indicatorHeader('rdShare')]: '≥3.3',
    [indicatorHeader('valueAddedPerEnergy')]: '≥0.998',
    [indicatorHeader('valueAddedPerEmission')]: '≥27883',
    [indicatorHeader('taxPerMu')]: '≥39.13',
    [indicatorHeader('salesPerMu')]: '≥759',
    [indicatorHeader('floorAreaRatio')]: '2.0-3.5',
    [indicatorHeader('buildingDensity')]: '≤65',
    [indicatorHeader('greenRatio')]: '5-10',
  };
  ws.addRow(headers.map((h) => example[h] ?? ''));
  ws.getRow(1).getCell(6).note = '是: 退散进集腾退地块再供应 (需填宗地编号, 台账已验收)';
  ws.getRow(1).getCell(12).note = '万元/亩 或 元/平方米';
  ws.getRow(1).getCell(14).note = '向上 / 向下 / 四舍五入';
  ws.getRow(1).getCell(29).note = '统一社会信用代码, 须已在企业名录中';
  ws.getRow(1).getCell(31).note = '年度数据类指标在 投产年份 + N 年 复核 (默认2)';
  const firstIndicator = GRANT_TEMPLATE_COLUMNS.length + 1;
  ws.getRow(1).getCell(firstIndicator).note = '≥x 不少于, ≤x 不超过, a-b 区间; 空: 无承诺';
  // Everything is text: typed figures stay the decimals they were typed as.
  for (let c = 1; c <= headers.length; c++) ws.getColumn(c).numFmt = '@';
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Reported once, at this boundary: exact when the value is a finite decimal, else 四舍五入 to 4 places. */
function reported(r: Rational | null): string {
  if (r === null) return '';
  return r.isFiniteDecimal() ? r.toDecimal().toFixed() : r.toFixed({ places: 4, rounding: 'halfUp' });
}

/**
 * 标准地复核 workbook: 复核结果 (one row per grant and commitment: committed, actual,
 * status, shortfall), 违约责任 (each consequence with its amount and basis) and 应复核清单.
 */
export async function grantsCheckWorkbook(checked: GrantsChecked): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const rows = workbook.addWorksheet('复核结果');
  bold(
    rows.addRow([
      '地块编号',
      '地块名称',
      '镇街道代码',
      '竞得人',
      '指标',
      '复核时点',
      '复核年度',
      '承诺',
      '实际(非有限小数四舍五入4位)',
      '单位',
      '状态',
      '差额',
      '差额合计(万元)',
      '说明',
      '结论',
    ]),
  );
  for (const { grant, compliance } of checked.rows) {
    for (const r of compliance.rows) {
      const unit = GRANT_UNIT_LABELS[r.unit];
      const committed =
        r.comparator === 'between'
          ? `${reported(r.min)}–${reported(r.max)}`
          : `${GRANT_COMPARATOR_LABELS[r.comparator]}${reported(r.value)}`;
      rows.addRow([
        grant.id,
        grant.listing.parcelName,
        grant.townCode,
        grant.granteeUscc ?? '',
        GRANT_INDICATORS[r.indicator].label,
        GRANT_STAGE_LABELS[r.stage],
        r.checkYear ?? '',
        committed,
        reported(r.actual),
        unit,
        COMMITMENT_STATUS_LABELS[r.status],
        reported(r.shortfall),
        r.shortfallTotal ? reported(r.shortfallTotal.in('wanYuan')) : '',
        r.reason ?? '',
        GRANT_VERDICT_LABELS[compliance.verdict],
      ]);
    }
  }
  rows.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  const penalties = workbook.addWorksheet('违约责任');
  bold(penalties.addRow(['地块编号', '竞得人', '责任', '是否触发', '金额(万元)', '逾期天数', '计算依据', '条款来源']));
  for (const { grant, penalties: list } of checked.rows) {
    for (const p of list) {
      penalties.addRow([
        grant.id,
        grant.granteeUscc ?? '',
        CONSEQUENCE_LABELS[p.kind],
        p.applies ? '是' : '否',
        p.amount ? reported(p.amount.in('wanYuan')) : '',
        p.days ?? '',
        p.basis,
        p.source,
      ]);
    }
  }
  const due = workbook.addWorksheet('应复核清单');
  bold(due.addRow(['地块编号', '镇街道代码', '竞得人', '复核时点', '到期日', '复核年度']));
  for (const d of checked.due) {
    due.addRow([
      d.grantId,
      d.townCode,
      d.granteeUscc ?? '',
      GRANT_STAGE_LABELS[d.stage],
      d.dueOn ?? '',
      d.checkYear ?? '',
    ]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
