import { describe, expect, it } from 'vitest';
import { GBT4754_2017_DIVISIONS, GBT4754_2017_SECTIONS } from '../../src/data/industry-gbt4754-2017';
import { ValidationError } from '../../src/errors';
import {
  industryName,
  isManufacturing,
  isUtility,
  parseIndustryCode,
  safeParseIndustryCode,
  sectionName,
  sectionOf,
} from '../../src/ids/industry';

function firstIssue(fn: () => unknown): { field: string; rule: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    const issue = (e as ValidationError).issues[0];
    if (issue === undefined) throw new Error('no issue');
    return { field: issue.field, rule: issue.rule };
  }
  throw new Error('expected a ValidationError');
}

describe('GB/T 4754-2017 data', () => {
  it('sections cover divisions 01-97 contiguously and every division has a name', () => {
    expect(GBT4754_2017_SECTIONS).toHaveLength(20);
    let next = 1;
    for (const s of GBT4754_2017_SECTIONS) {
      expect(s.firstDivision).toBe(next);
      expect(s.lastDivision).toBeGreaterThanOrEqual(s.firstDivision);
      next = s.lastDivision + 1;
    }
    expect(next).toBe(98);
    expect(Object.keys(GBT4754_2017_DIVISIONS)).toHaveLength(97);
    for (let d = 1; d <= 97; d++) {
      expect(GBT4754_2017_DIVISIONS[String(d).padStart(2, '0')]).toBeTruthy();
    }
  });
});

describe('国民经济行业分类代码', () => {
  it('parses every accepted form', () => {
    expect(parseIndustryCode('C')).toEqual({ section: 'C', code: 'C', level: 'section' });
    expect(parseIndustryCode('C17')).toEqual({ section: 'C', division: '17', code: '17', level: 'division' });
    expect(parseIndustryCode('17')).toEqual({ section: 'C', division: '17', code: '17', level: 'division' });
    expect(parseIndustryCode('175')).toEqual({
      section: 'C',
      division: '17',
      group: '175',
      code: '175',
      level: 'group',
    });
    const full = { section: 'C', division: '17', group: '175', class: '1751', code: '1751', level: 'class' };
    expect(parseIndustryCode('1751')).toEqual(full);
    expect(parseIndustryCode('C1751')).toEqual(full);
    expect(parseIndustryCode(' c1751 ')).toEqual(full);
    expect(parseIndustryCode('0111').section).toBe('A');
    expect(parseIndustryCode('9700').section).toBe('T');
  });

  it('names the rule and field of each failure', () => {
    expect(firstIssue(() => parseIndustryCode('00'))).toEqual({ field: 'industry', rule: 'industry.unknownDivision' });
    expect(firstIssue(() => parseIndustryCode('98'))).toEqual({ field: 'industry', rule: 'industry.unknownDivision' });
    expect(firstIssue(() => parseIndustryCode('9911'))).toEqual({
      field: 'industry',
      rule: 'industry.unknownDivision',
    });
    expect(firstIssue(() => parseIndustryCode('A17', 'enterprise.industry'))).toEqual({
      field: 'enterprise.industry',
      rule: 'industry.sectionMismatch',
    });
    expect(firstIssue(() => parseIndustryCode('D17'))).toEqual({ field: 'industry', rule: 'industry.sectionMismatch' });
    expect(firstIssue(() => parseIndustryCode('U'))).toEqual({ field: 'industry', rule: 'industry.unknownSection' });
    expect(firstIssue(() => parseIndustryCode('1'))).toEqual({ field: 'industry', rule: 'industry.format' });
    expect(firstIssue(() => parseIndustryCode('17511'))).toEqual({ field: 'industry', rule: 'industry.format' });
    expect(firstIssue(() => parseIndustryCode(''))).toEqual({ field: 'industry', rule: 'industry.format' });
    expect(firstIssue(() => parseIndustryCode('C-17'))).toEqual({ field: 'industry', rule: 'industry.format' });
    const r = safeParseIndustryCode(17 as unknown as string);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.rule).toBe('industry.type');
  });

  it('gives the most specific known name', () => {
    expect(industryName('2822')).toBe('涤纶纤维制造');
    expect(industryName('282')).toBe('合成纤维制造');
    expect(industryName('2827')).toBe('合成纤维制造'); // unknown class → group
    expect(industryName('1799')).toBe('纺织业'); // unknown group and class → division
    expect(industryName('C1932')).toBe('毛皮服装加工');
    expect(industryName('3031')).toBe('粘土砖瓦及建筑砌块制造');
    expect(industryName('17')).toBe('纺织业');
    expect(industryName('C')).toBe('制造业');
    expect(industryName(parseIndustryCode('44'))).toBe('电力、热力生产和供应业');
    expect(sectionName('d')).toBe('电力、热力、燃气及水生产和供应业');
    expect(sectionName('Z')).toBeUndefined();
  });

  it('classifies manufacturing and utilities', () => {
    expect(isManufacturing('1751')).toBe(true);
    expect(isManufacturing('13')).toBe(true);
    expect(isManufacturing('43')).toBe(true);
    expect(isManufacturing('C')).toBe(true);
    expect(isManufacturing('12')).toBe(false);
    expect(isManufacturing('44')).toBe(false);
    expect(isUtility('4411')).toBe(true);
    expect(isUtility('45')).toBe(true);
    expect(isUtility('46')).toBe(true);
    expect(isUtility('D')).toBe(true);
    expect(isUtility('43')).toBe(false);
    expect(isUtility('47')).toBe(false);
  });

  it('maps divisions to sections', () => {
    const expected: Record<string, string> = {
      '01': 'A',
      '05': 'A',
      '06': 'B',
      '12': 'B',
      '13': 'C',
      '43': 'C',
      '44': 'D',
      '46': 'D',
      '47': 'E',
      '50': 'E',
      '51': 'F',
      '52': 'F',
      '53': 'G',
      '60': 'G',
      '61': 'H',
      '62': 'H',
      '63': 'I',
      '65': 'I',
      '66': 'J',
      '69': 'J',
      '70': 'K',
      '71': 'L',
      '72': 'L',
      '73': 'M',
      '75': 'M',
      '76': 'N',
      '79': 'N',
      '80': 'O',
      '82': 'O',
      '83': 'P',
      '84': 'Q',
      '85': 'Q',
      '86': 'R',
      '90': 'R',
      '91': 'S',
      '96': 'S',
      '97': 'T',
    };
    for (const [division, letter] of Object.entries(expected)) {
      expect(sectionOf(division)).toBe(letter);
    }
    expect(sectionOf(17)).toBe('C');
    expect(sectionOf(1)).toBe('A');
    expect(firstIssue(() => sectionOf('98'))).toEqual({ field: 'division', rule: 'industry.unknownDivision' });
    expect(firstIssue(() => sectionOf(1.5))).toEqual({ field: 'division', rule: 'industry.unknownDivision' });
  });
});
