import { Rational } from '../exact/rational';
import { daysBetween, epochDay, isLeapYear } from '../model/date';
import type { Money } from '../quantity/kinds';
import type { GrantCompliance } from './checks';
import type { Consequence, ConsequenceKind, Milestone } from './consequences';
import { GRANT_INDICATORS } from './indicators';
import { type LandGrant, landPrice } from './model';

/** What one consequence rule comes to for a grant as of a date, with its basis shown. */
export interface PenaltyAssessment {
  readonly kind: ConsequenceKind;
  /** The rule's index in the grant's `consequences`. */
  readonly index: number;
  readonly source: string;
  /** Whether the rule's condition holds as of the date. */
  readonly applies: boolean;
  /** The amount due (万元), exact; null for a rule without an amount (收回) or that does not apply. */
  readonly amount: Money | null;
  /** Days late (违约金), else null. */
  readonly days: number | null;
  /** How the amount (or the decision) was reached, in words with the figures. */
  readonly basis: string;
}

const THOUSAND = Rational.of(1000n);

/** `date` plus `months` calendar months, clamped to the month's last day (2024-01-31 + 1 → 2024-02-29). */
export function addMonths(date: string, months: number): string {
  epochDay(date, 'date');
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] as number;
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function milestoneDates(g: LandGrant, m: Milestone): { agreed: string | undefined; actual: string | undefined } {
  return m === 'start'
    ? { agreed: g.agreedStartOn, actual: g.startedOn }
    : { agreed: g.agreedCompletionOn, actual: g.completedOn };
}

/**
 * Days a milestone is late as of `asOf`: from the agreed date to the actual date (or to
 * `asOf` while it has not happened). Done on the agreed date: 0; the day after: 1.
 */
export function daysLate(agreed: string, actual: string | undefined, asOf: string): number {
  const end = actual !== undefined && actual <= asOf ? actual : asOf;
  return Math.max(0, daysBetween(agreed, end));
}

const wan = (m: Money) => `${m.toDecimal('wanYuan').toFixed()}万元`;
const exact = (r: Rational) => (r.isFiniteDecimal() ? r.toDecimal().toFixed() : r.toString());

function assess(g: LandGrant, c: Consequence, index: number, compliance: GrantCompliance | undefined, asOf: string) {
  const out = { kind: c.kind, index, source: c.source };
  const no = (basis: string): PenaltyAssessment => ({ ...out, applies: false, amount: null, days: null, basis });
  switch (c.kind) {
    case 'shortfallCash': {
      const r = compliance?.rows.find((x) => x.indicator === c.indicator && x.status === 'short');
      const label = GRANT_INDICATORS[c.indicator].label;
      if (!r?.shortfallTotal || !r.shortfall) return no(`${label}: no shortfall`);
      const multiplier = c.multiplier ?? Rational.ONE;
      const amount = r.shortfallTotal.times(multiplier);
      return {
        ...out,
        applies: true,
        amount,
        days: null,
        basis: `${label} short by ${exact(r.shortfall)}万元/亩 × ${g.area.toDecimal('mu').toFixed()}亩 × ${exact(multiplier)} = ${wan(amount)}`,
      };
    }
    case 'lateFee': {
      const { agreed, actual } = milestoneDates(g, c.milestone);
      if (agreed === undefined) return no(`no agreed ${c.milestone} date`);
      const days = daysLate(agreed, actual, asOf);
      if (days === 0) return no(`${c.milestone} not late as of ${asOf} (agreed ${agreed})`);
      const price = landPrice(g, c.basis);
      let amount = price.times(c.perMilleDaily.dividedBy(THOUSAND)).times(Rational.of(BigInt(days)));
      let capped = '';
      if (c.capShare !== undefined) {
        const cap = price.times(c.capShare);
        if (amount.compare(cap) > 0) {
          amount = cap;
          capped = `, capped at ${exact(c.capShare)} × price = ${wan(cap)}`;
        }
      }
      return {
        ...out,
        applies: true,
        amount,
        days,
        basis: `${days} days late (agreed ${agreed}) × ${exact(c.perMilleDaily)}‰ × ${wan(price)}${capped}`,
      };
    }
    case 'depositForfeiture': {
      const { agreed, actual } = milestoneDates(g, c.milestone);
      if (agreed === undefined) return no(`no agreed ${c.milestone} date`);
      if (daysLate(agreed, actual, asOf) === 0) return no(`${c.milestone} not missed as of ${asOf} (agreed ${agreed})`);
      const share = c.share ?? Rational.ONE;
      const amount = g.deposit.times(share);
      return {
        ...out,
        applies: true,
        amount,
        days: null,
        basis: `${c.milestone} missed (agreed ${agreed}): ${exact(share)} × deposit ${wan(g.deposit)}`,
      };
    }
    case 'idleFee':
    case 'takeBack': {
      if (g.agreedStartOn === undefined) return no('no agreed start date');
      const threshold = addMonths(g.agreedStartOn, c.afterMonths);
      const unstarted = g.startedOn === undefined || g.startedOn > asOf || g.startedOn >= threshold;
      if (asOf < threshold || !unstarted) {
        return no(`not unstarted for ${c.afterMonths} months past ${g.agreedStartOn} as of ${asOf}`);
      }
      if (c.kind === 'takeBack') {
        return {
          ...out,
          applies: true,
          amount: null,
          days: null,
          basis: `unstarted ${c.afterMonths} months past ${g.agreedStartOn} (from ${threshold}): land may be taken back`,
        };
      }
      const price = landPrice(g, c.basis);
      const amount = price.times(c.share);
      return {
        ...out,
        applies: true,
        amount,
        days: null,
        basis: `unstarted ${c.afterMonths} months past ${g.agreedStartOn} (from ${threshold}): ${exact(c.share)} × ${wan(price)}`,
      };
    }
  }
}

/**
 * Every consequence rule of a grant as of `asOf`, computed exactly with its basis. A
 * 差额补缴 rule reads `compliance` (the check of the year the shortfall is assessed for).
 */
export function assessConsequences(
  grant: LandGrant,
  compliance: GrantCompliance | undefined,
  asOf: string,
): PenaltyAssessment[] {
  epochDay(asOf, 'asOf');
  return grant.consequences.map((c, i) => assess(grant, c, i, compliance, asOf));
}
