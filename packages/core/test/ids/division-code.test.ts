import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';
import {
  divisionLevel,
  isValidDivisionCode,
  isWithin,
  parentDivision,
  parseDivisionCode,
  safeParseDivisionCode,
} from '../../src/ids/division-code';

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

describe('行政区划代码', () => {
  it('parses 6- and 12-digit codes', () => {
    expect(parseDivisionCode('330483')).toBe('330483');
    expect(parseDivisionCode(' 330483001000 ')).toBe('330483001000');
    expect(parseDivisionCode('３３０４８３')).toBe('330483');
    expect(isValidDivisionCode('110101')).toBe(true);
  });

  it('names the rule and field of each failure', () => {
    expect(firstIssue(() => parseDivisionCode('33048'))).toEqual({
      field: 'divisionCode',
      rule: 'divisionCode.length',
    });
    expect(firstIssue(() => parseDivisionCode('3304831'))).toEqual({
      field: 'divisionCode',
      rule: 'divisionCode.length',
    });
    expect(firstIssue(() => parseDivisionCode('33O483', 'town.code'))).toEqual({
      field: 'town.code',
      rule: 'divisionCode.charset',
    });
    expect(firstIssue(() => parseDivisionCode('990483'))).toEqual({
      field: 'divisionCode',
      rule: 'divisionCode.province',
    });
    expect(firstIssue(() => parseDivisionCode('100000'))).toEqual({
      field: 'divisionCode',
      rule: 'divisionCode.province',
    });
    expect(firstIssue(() => parseDivisionCode('330083'))).toEqual({
      field: 'divisionCode',
      rule: 'divisionCode.hierarchy',
    });
    expect(firstIssue(() => parseDivisionCode('330483000001'))).toEqual({
      field: 'divisionCode',
      rule: 'divisionCode.hierarchy',
    });
    const r = safeParseDivisionCode(330483 as unknown as string);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.rule).toBe('divisionCode.type');
  });

  it('accepts every province-level code and refuses gaps', () => {
    for (const p of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82']) {
      expect(isValidDivisionCode(`${p}0000`)).toBe(true);
    }
    for (const p of [
      '00',
      '10',
      '16',
      '20',
      '24',
      '30',
      '38',
      '40',
      '47',
      '49',
      '55',
      '60',
      '66',
      '70',
      '72',
      '80',
      '83',
      '99',
    ]) {
      expect(isValidDivisionCode(`${p}0000`)).toBe(false);
    }
  });

  it('derives the level', () => {
    expect(divisionLevel('330000')).toBe('province');
    expect(divisionLevel('330400')).toBe('prefecture');
    expect(divisionLevel('330483')).toBe('county');
    expect(divisionLevel('330483000000')).toBe('county');
    expect(divisionLevel('330483101000')).toBe('town');
    expect(divisionLevel('330483101201')).toBe('village');
  });

  it('walks up to the parent in the same width', () => {
    expect(parentDivision('330483')).toBe('330400');
    expect(parentDivision('330400')).toBe('330000');
    expect(parentDivision('330000')).toBeUndefined();
    expect(parentDivision('330483101201')).toBe('330483101000');
    expect(parentDivision('330483101000')).toBe('330483000000');
    expect(parentDivision('330483000000')).toBe('330400000000');
  });

  it('tests containment across widths', () => {
    expect(isWithin('330483', '330400')).toBe(true);
    expect(isWithin('330483', '330000')).toBe(true);
    expect(isWithin('330483', '330483')).toBe(true);
    expect(isWithin('330483101000', '330483')).toBe(true);
    expect(isWithin('330483101201', '330483101000')).toBe(true);
    expect(isWithin('330400', '330483')).toBe(false);
    expect(isWithin('330482', '330483')).toBe(false);
    expect(isWithin('330483101000', '330483102000')).toBe(false);
    expect(isWithin('320483', '330000')).toBe(false);
    expect(firstIssue(() => isWithin('330483', '3304'))).toEqual({ field: 'parent', rule: 'divisionCode.length' });
  });
});
