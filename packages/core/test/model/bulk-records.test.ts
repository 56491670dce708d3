import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainDecimal } from '../../src/exact/plain-decimal';
import {
  annualDataSchema,
  enterpriseSchema,
  isIsoDate,
  landParcelSchema,
  makeUscc,
  Rational,
  safeParseAnnualData,
  toDecimal,
} from '../../src/index';
import { ANNUAL_QUANTITY_FIELDS } from '../../src/model/annual-data';
import { fastAnnualData, fastEnterprise, fastParcel } from '../../src/model/bulk-records';
import { CodeMemo, NO } from '../../src/model/fast-fields';
import { plainTextRule } from '../../src/model/fields';
import { safeParseWith } from '../../src/model/index';

const U = makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: 'M0000001' });
const T = '330483108000';
const firm = { uscc: U, name: '企业', townCode: T, industry: '1751', registeredOn: '2010-01-01' };
const parcel = { id: 'P1', townCode: T, area: '12.5', category: 'outOfParkLowScattered' };
const annual = { uscc: U, year: 2018, scale: 'belowDesignatedSize', tax: '12.34', landArea: '5' };

/** Each fast reading is either NO or exactly the schema's value; the first `good` cases must be read fast. */
function holdsTo(
  schema: { safeParse(v: unknown): { success: boolean; data?: unknown } },
  fast: (v: unknown) => unknown,
  good: unknown[],
  other: unknown[],
) {
  for (const [i, input] of [...good, ...other].entries()) {
    const v = fast(input);
    const z = schema.safeParse(input);
    if (i < good.length) expect(v, `good case ${i} is read on the fast path`).not.toBe(NO);
    if (v !== NO) {
      expect(z.success, `case ${i}: zod accepts what the fast path accepts`).toBe(true);
      expect(v, `case ${i}`).toEqual(z.data);
    }
  }
}

describe('bulk registry records', () => {
  it('enterprises: the fast reading is the schema’s value, or left to the schema', () => {
    const memo = new CodeMemo();
    holdsTo(
      enterpriseSchema,
      (v) => fastEnterprise(v, memo),
      [
        firm,
        { ...firm, name: ' 企业 ', parkId: 'K1', parcelIds: ['P1', 'P2'] },
        { ...firm, flags: ['fourWithout', 'zombie'], fourWithout: ['noLicence'] },
      ],
      [
        { ...firm, fourWithout: ['noLicence'] },
        { ...firm, flags: ['zombie', 'zombie'] },
        { ...firm, parcelIds: ['P1', 'P1'] },
        { ...firm, uscc: 'bad' },
        { ...firm, townCode: '12' },
        { ...firm, industry: '9999' },
        { ...firm, registeredOn: '2010-02-30' },
        { ...firm, name: '' },
        { ...firm, name: 'a\u0000' },
        { ...firm, extra: 1 },
        { ...firm, flags: 'zombie' },
        null,
        [],
      ],
    );
  });

  it('parcels: the fast reading is the schema’s value, or left to the schema', () => {
    const memo = new CodeMemo();
    holdsTo(
      landParcelSchema,
      (v) => fastParcel(v, memo),
      [
        parcel,
        { ...parcel, area: { value: '3000', unit: 'squareMetre' }, holderUscc: U, suppliedOn: '2015-01-01' },
        { ...parcel, category: 'inParkInefficient', parkId: 'K1' },
      ],
      [
        { ...parcel, category: 'inParkInefficient' },
        { ...parcel, parkId: 'K1' },
        { ...parcel, area: '0' },
        { ...parcel, area: ' 5' },
        { ...parcel, area: '1e3' },
        { ...parcel, area: 5 },
        { ...parcel, area: { value: '5', unit: 'yuan' } },
        { ...parcel, suppliedOn: 'x' },
        { ...parcel, id: 'P 1' },
      ],
    );
  });

  it('annual data: the fast reading is the schema’s value, or left to the schema', () => {
    holdsTo(
      annualDataSchema,
      fastAnnualData,
      [
        annual,
        { ...annual, tax: '-3.5', valueAdded: '-1', employees: '12', revenue: '0' },
        { ...annual, scale: 'aboveDesignatedSize', revenue: '2000' },
        { ...annual, revenue: { value: '30000000', unit: 'yuan' } },
      ],
      [
        { ...annual, scale: 'aboveDesignatedSize', revenue: '1999.99' },
        { ...annual, scale: 'aboveDesignatedSize' },
        { ...annual, employees: '2.5' },
        { ...annual, landArea: '-1' },
        { ...annual, year: 1948 },
        { ...annual, year: '2018' },
        { ...annual, tax: 12.5 },
        { ...annual, tax: '1e100' },
        { ...annual, scale: 'big' },
        { ...annual, note: 'x' },
      ],
    );
  });

  it('safeParseAnnualData says what safeParseWith(annualDataSchema) says, fast path or not', () => {
    const cases = [
      annual,
      { ...annual, revenue: { value: '30000000', unit: 'yuan' } },
      { ...annual, scale: 'aboveDesignatedSize', revenue: '1999.99' },
      { ...annual, employees: '2.5', landArea: '-1' },
      { ...annual, tax: 12.5 },
      { ...annual, revenue: { value: '1', unit: 'mu' } },
      { ...annual, note: 'x' },
    ];
    for (const [i, input] of cases.entries())
      expect(safeParseAnnualData(input, 'annualData.0'), `case ${i}`).toEqual(
        safeParseWith(annualDataSchema, input, 'annualData.0'),
      );
    expect(safeParseAnnualData({ ...annual, employees: '2.5' })).toMatchObject({
      ok: false,
      issues: [{ field: 'employees', rule: 'headcount.integer' }],
    });
  });

  it('the figure table says what annualDataSchema says of every field', () => {
    for (const [f, rule] of Object.entries(ANNUAL_QUANTITY_FIELDS)) {
      const parse = (v: string) => annualDataSchema.safeParse({ ...annual, tax: undefined, [f]: v });
      expect(parse('-1').success, `${f} signed`).toBe(rule.signed);
      expect(parse('1.5').success, `${f} whole`).toBe(!rule.whole);
      const r = parse('7');
      const q = r.success ? (r.data as unknown as Record<string, { kind: string }>)[f] : undefined;
      expect(q?.kind, `${f} kind`).toBe(rule.kind);
      expect(fastAnnualData({ ...annual, tax: undefined, [f]: '7' })).toEqual(r.data);
    }
  });
});

/** The implementations the fast predicates replaced, kept as oracles. */
const OLD_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function oldIsIsoDate(s: string): boolean {
  const m = OLD_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(Date.UTC(y, mo - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d;
}
// biome-ignore lint/suspicious/noControlCharactersInRegex: the old rule, as an oracle
const OLD_CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the old rule, as an oracle
const OLD_CONTROL_IN_NOTES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const OLD_LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function oldPlainTextRule(s: string, multiline: boolean) {
  if (OLD_LONE.test(s)) return 'text.surrogate';
  if ((multiline ? OLD_CONTROL_IN_NOTES : OLD_CONTROL).test(s)) return 'text.control';
  return undefined;
}

describe('fast predicates against the rules they replaced', () => {
  it('isIsoDate', () => {
    const digit = fc.constantFrom(...'0123456789');
    const tricky = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
        .map(
          ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        ),
      fc.array(fc.oneof(digit, fc.constantFrom('-', ' ', '１', 'a')), { maxLength: 11 }).map((cs) => cs.join('')),
    );
    fc.assert(
      fc.property(tricky, (s) => {
        expect(isIsoDate(s), s).toBe(oldIsIsoDate(s));
      }),
      { numRuns: 5000 },
    );
    for (const s of ['2000-02-29', '1900-02-29', '2018-02-29', '0099-12-31', '0100-01-01', '2018-12-31', '+2018-01-1'])
      expect(isIsoDate(s), s).toBe(oldIsIsoDate(s));
  });

  it('plainTextRule', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\uD800', '\uDC00', '\uD83D\uDE00', '\t', '\n', '\r', '\u0085', 'a', '作'),
    );
    const text = fc.array(unit, { maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, fc.boolean(), (s, multiline) => {
        expect(plainTextRule(s, multiline)).toBe(oldPlainTextRule(s, multiline));
      }),
      { numRuns: 5000 },
    );
  });

  it('plainDecimal reads only what toDecimal reads, to the same value', () => {
    const decimalish = fc
      .array(fc.constantFrom(...'0123456789', '.', '-', '+', 'e', ' '), { maxLength: 18 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.oneof(decimalish, fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }).map(String)), (s) => {
        const d = plainDecimal(s);
        if (d === undefined) return;
        expect(Number.isSafeInteger(d.units), s).toBe(true);
        expect(Rational.of(BigInt(d.units), 10n ** BigInt(d.places)).equals(Rational.from(toDecimal(s))), s).toBe(true);
      }),
      { numRuns: 5000 },
    );
    expect(plainDecimal('481.94')).toEqual({ units: 48194, places: 2 });
    for (const s of ['', '.5', '5.', '1e3', ' 1', '1234567890123456', '+-1'])
      expect(plainDecimal(s), s).toBeUndefined();
  });
});
