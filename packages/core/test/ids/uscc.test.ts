import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';
import {
  describeUscc,
  isValidUscc,
  makeUscc,
  orgCodeCheckChar,
  parseUscc,
  REGISTRATION_AUTHORITIES,
  safeParseUscc,
  USCC_CHARSET,
  usccCheckChar,
} from '../../src/ids/uscc';

/**
 * Real, publicly printed 统一社会信用代码 used as fixtures. Each was checked
 * by hand against both check characters (GB 11714 position 17, GB 32100
 * position 18) before being put here:
 * - 91350100M000100Y43 — the specimen widely reproduced in explanations of GB 32100
 * - 91330100799655058B — 阿里巴巴（中国）有限公司 (Hangzhou)
 * - 9144030071526726XG — 深圳市腾讯计算机系统有限公司 (org-code check char 'X')
 * - 91110000802100433B — 北京百度网讯科技有限公司
 */
const REAL_CODES = ['91350100M000100Y43', '91330100799655058B', '9144030071526726XG', '91110000802100433B'];

function rulesOf(input: string): string[] {
  const r = safeParseUscc(input);
  return r.ok ? [] : r.issues.map((i) => i.rule);
}

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

const CHARSET = [...USCC_CHARSET];
const PROVINCES = ['11', '12', '31', '32', '33', '44', '46', '50', '65', '71', '81', '82'];

const partsArb = fc.record({
  authority: fc.constantFrom(...Object.keys(REGISTRATION_AUTHORITIES)),
  orgType: fc.constantFrom(...CHARSET),
  divisionCode: fc.tuple(fc.constantFrom(...PROVINCES), fc.stringMatching(/^\d{4}$/)).map(([p, rest]) => p + rest),
  orgCodeBody: fc.array(fc.constantFrom(...CHARSET), { minLength: 8, maxLength: 8 }).map((a) => a.join('')),
});

describe('统一社会信用代码 (USCC)', () => {
  it('accepts real published codes', () => {
    for (const code of REAL_CODES) {
      expect(parseUscc(code)).toBe(code);
      expect(isValidUscc(code)).toBe(true);
    }
  });

  it('computes both check characters of real codes', () => {
    for (const code of REAL_CODES) {
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code.charAt(16));
      expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
    }
  });

  it('normalises whitespace, lower case and full-width characters', () => {
    expect(parseUscc('  91330100799655058b ')).toBe('91330100799655058B');
    expect(parseUscc('9144030071526726xg')).toBe('9144030071526726XG');
    expect(parseUscc('９１３３０１００７９９６５５０５８Ｂ')).toBe('91330100799655058B');
  });

  it('describes the parts of a code', () => {
    expect(describeUscc('91330100799655058B')).toEqual({
      registrationAuthority: '9',
      registrationAuthorityName: '工商',
      organisationType: '1',
      organisationTypeName: '企业',
      divisionCode: '330100',
      organisationCode: '799655058',
    });
  });

  it('makeUscc output always parses (property)', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const code = makeUscc(parts);
        expect(code).toHaveLength(18);
        expect(parseUscc(code)).toBe(code);
        const d = describeUscc(code);
        expect(d.divisionCode).toBe(parts.divisionCode);
        expect(d.organisationCode.slice(0, 8)).toBe(parts.orgCodeBody);
      }),
    );
  });

  it('detects any single-character substitution (property)', () => {
    fc.assert(
      fc.property(partsArb, fc.nat(17), fc.nat(29), (parts, pos, shift) => {
        const code = makeUscc(parts);
        const original = USCC_CHARSET.indexOf(code.charAt(pos));
        const replacement = USCC_CHARSET.charAt((original + 1 + shift) % 31);
        const mangled = code.slice(0, pos) + replacement + code.slice(pos + 1);
        const rules = rulesOf(mangled);
        // 31 is prime and every weight is non-zero mod 31, so the final check always catches it.
        expect(rules).toContain('uscc.checkDigit');
        if (pos === 16) expect(rules).toContain('uscc.orgCodeCheckDigit');
      }),
    );
  });

  it('detects any transposition of adjacent different characters (property)', () => {
    fc.assert(
      fc.property(partsArb, fc.nat(15), (parts, pos) => {
        const code = makeUscc(parts);
        const a = code.charAt(pos);
        const b = code.charAt(pos + 1);
        fc.pre(a !== b);
        const swapped = code.slice(0, pos) + b + a + code.slice(pos + 2);
        expect(isValidUscc(swapped)).toBe(false);
        expect(rulesOf(swapped)).toContain('uscc.checkDigit');
      }),
    );
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('refuses the letter %s', (letter) => {
    const code = `91330100799655058${letter}`;
    expect(firstIssue(() => parseUscc(code))).toEqual({ field: 'uscc', rule: 'uscc.charset' });
    // lower case is upper-cased first, so it is still refused
    expect(rulesOf(code.toLowerCase())).toEqual(['uscc.charset']);
  });

  it('refuses a wrong length', () => {
    expect(firstIssue(() => parseUscc('91330100799655058'))).toEqual({ field: 'uscc', rule: 'uscc.length' });
    expect(firstIssue(() => parseUscc('91330100799655058BB'))).toEqual({ field: 'uscc', rule: 'uscc.length' });
    expect(firstIssue(() => parseUscc(''))).toEqual({ field: 'uscc', rule: 'uscc.length' });
  });

  it('uses the caller-supplied field name', () => {
    expect(firstIssue(() => parseUscc('91330100799655058', 'enterprises.3.uscc'))).toEqual({
      field: 'enterprises.3.uscc',
      rule: 'uscc.length',
    });
  });

  it('reports a bad org-code check character on its own when the final check is recomputed', () => {
    const good = '91330100799655058B';
    const first16 = good.slice(0, 16);
    const badOrgCheck = '7'; // correct is '8'
    const first17 = first16 + badOrgCheck;
    const mangled = first17 + usccCheckChar(first17);
    const r = safeParseUscc(mangled);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]?.field).toBe('uscc');
      expect(r.issues[0]?.rule).toBe('uscc.orgCodeCheckDigit');
    }
  });

  it('reports a bad final check character', () => {
    expect(firstIssue(() => parseUscc('91330100799655058C'))).toEqual({ field: 'uscc', rule: 'uscc.checkDigit' });
  });

  it('refuses an unknown registration authority with otherwise correct checks', () => {
    const first17 = `B1330100799655058`;
    expect(firstIssue(() => parseUscc(first17 + usccCheckChar(first17)))).toEqual({
      field: 'uscc',
      rule: 'uscc.registrationAuthority',
    });
  });

  it('refuses a non-division code in positions 3-8 with otherwise correct checks', () => {
    for (const division of ['990100', '00A100']) {
      const first17 = `91${division}799655058`;
      expect(firstIssue(() => parseUscc(first17 + usccCheckChar(first17)))).toEqual({
        field: 'uscc',
        rule: 'uscc.divisionCode',
      });
    }
    // national-level registration uses 100000
    const national = '91100000799655058';
    expect(isValidUscc(national + usccCheckChar(national))).toBe(true);
  });

  it('refuses non-strings without throwing from safeParse', () => {
    const r = safeParseUscc(42 as unknown as string);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.rule).toBe('uscc.type');
  });

  it('orgCodeCheckChar maps 10 to X and 11 to 0', () => {
    expect(orgCodeCheckChar('71526726')).toBe('X');
    // search a body whose check is 11 → '0'
    let found = false;
    for (let n = 0; n < 200 && !found; n++) {
      const body = String(n).padStart(8, '0');
      let sum = 0;
      [3, 7, 9, 10, 5, 8, 4, 2].forEach((w, i) => {
        sum += w * Number(body.charAt(i));
      });
      if (sum % 11 === 0) {
        expect(orgCodeCheckChar(body)).toBe('0');
        found = true;
      }
    }
    expect(found).toBe(true);
  });

  it('check-character helpers validate their input', () => {
    expect(firstIssue(() => usccCheckChar('9133'))).toEqual({ field: 'first17', rule: 'uscc.length' });
    expect(firstIssue(() => usccCheckChar('9133010079965505O'))).toEqual({ field: 'first17', rule: 'uscc.charset' });
    expect(firstIssue(() => orgCodeCheckChar('7996550'))).toEqual({ field: 'first8', rule: 'uscc.length' });
    expect(firstIssue(() => orgCodeCheckChar('7996550-'))).toEqual({ field: 'first8', rule: 'uscc.charset' });
  });

  it('makeUscc builds a Tongxiang code and names bad parts', () => {
    const code = makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: '14600034' });
    expect(code).toBe('91330483146000345D');
    expect(
      firstIssue(() => makeUscc({ authority: 'B', orgType: '1', divisionCode: '330483', orgCodeBody: '14600034' })),
    ).toEqual({
      field: 'authority',
      rule: 'uscc.registrationAuthority',
    });
    expect(
      firstIssue(() => makeUscc({ authority: '9', orgType: '1', divisionCode: '990483', orgCodeBody: '14600034' })),
    ).toEqual({
      field: 'divisionCode',
      rule: 'uscc.divisionCode',
    });
    expect(
      firstIssue(() => makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: '1460003O' })),
    ).toEqual({
      field: 'orgCodeBody',
      rule: 'uscc.charset',
    });
    expect(
      firstIssue(() => makeUscc({ authority: '9', orgType: 'I', divisionCode: '330483', orgCodeBody: '14600034' })),
    ).toEqual({
      field: 'orgType',
      rule: 'uscc.charset',
    });
  });
});
