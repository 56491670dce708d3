import { z } from 'zod';
import type { FieldIssue } from '../errors';
import { ValidationError } from '../errors';
import { exactDecimalString, Rational } from '../exact/rational';
import type { IndustryCode } from '../ids/industry';
import {
  divisionCodeField,
  idField,
  industryField,
  isoDateField,
  nameField,
  nonNegativeQuantityField,
  parseWith,
  positiveQuantityField,
  safeParseWith,
  textField,
  usccField,
} from '../model/fields';
import type { Money } from '../quantity/kinds';
import { Quantity } from '../quantity/quantity';
import { commitmentSchema } from './commitments';
import { consequenceSchema } from './consequences';
import { GRANT_INDICATORS } from './indicators';
import { priceGrant, pricingRuleSchema } from './pricing';

/** At most this many grants per write, commitments and consequences per grant (documented limits). */
export const GRANT_LIMITS = { grantsPerWrite: 1000, commitments: 40, consequences: 20 } as const;

/**
 * 竣工验收 facts (construction facts): what the acceptance survey measured.
 * Floor and land areas in m² by default, money in 万元.
 */
export const constructionFactsSchema = z.object({
  /** The date of the acceptance survey (验收日期). */
  surveyedOn: isoDateField,
  /** 总建筑面积 (计容), for 容积率. */
  floorArea: nonNegativeQuantityField('area', 'squareMetre').optional(),
  /** 建筑基底面积, for 建筑密度. */
  buildingFootprint: nonNegativeQuantityField('area', 'squareMetre').optional(),
  /** 绿地面积, for 绿地率. */
  greenArea: nonNegativeQuantityField('area', 'squareMetre').optional(),
  /** 固定资产投资 (万元), for 投资强度. */
  fixedAssetInvestment: nonNegativeQuantityField('money', 'wanYuan').optional(),
  /** 设备投资 (万元), for 设备投资占比. */
  equipmentInvestment: nonNegativeQuantityField('money', 'wanYuan').optional(),
});
export type ConstructionFacts = z.output<typeof constructionFactsSchema>;

/** Where the land comes from: `vacated` re-supplies land cleared in 退散进集; `other` any other source. */
export const grantSupplySchema = z.enum(['vacated', 'other']);
export type GrantSupply = z.infer<typeof grantSupplySchema>;

const DATE_ORDER = [
  ['listedOn', 'grantedOn'],
  ['grantedOn', 'signedOn'],
  ['signedOn', 'agreedStartOn'],
  ['agreedStartOn', 'agreedCompletionOn'],
  ['grantedOn', 'startedOn'],
  ['startedOn', 'completedOn'],
  ['startedOn', 'productionOn'],
] as const;

/**
 * A land grant (标准地出让): the listing, the land, its price, its dates, the grantee and
 * counterparty of the 投资建设合同, its commitments, its consequences and, once surveyed,
 * its construction facts. Areas in 亩 by default (`{ value, unit: 'squareMetre' }` for m²),
 * money in 万元, dates `YYYY-MM-DD`.
 */
export const landGrantSchema = z
  .object({
    /** The grant's id in its region (e.g. the 地块 number). */
    id: idField,
    listing: z.object({
      /** 公告号, e.g. 桐土告字[2023]50号, kept as text. */
      notice: nameField,
      /** 地块 name, e.g. 桐乡市河山镇2023-15地块. */
      parcelName: nameField,
    }),
    /** The town (镇/街道) the land lies in, 12 digits. */
    townCode: divisionCodeField,
    /** A registry parcel the grant covers (required for `supply: vacated`). */
    parcelId: idField.optional(),
    supply: grantSupplySchema.default('other'),
    /** 出让面积. */
    area: positiveQuantityField('area', 'mu'),
    /** 土地用途, e.g. 工业用地. */
    landUse: nameField.default('工业用地'),
    /** 产业类别 (GB/T 4754-2017). */
    industry: industryField.optional(),
    /** 出让年限 in years. */
    termYears: z.number().int().min(1).max(70),
    pricing: pricingRuleSchema,
    /** 出让起始价 (万元) as published: checked against `pricing`; computed when absent. */
    startPrice: positiveQuantityField('money', 'wanYuan').optional(),
    /** 竞买保证金 (万元) as published: checked against `pricing`; computed when absent. */
    deposit: nonNegativeQuantityField('money', 'wanYuan').optional(),
    /** 成交价 (万元). */
    transactionPrice: positiveQuantityField('money', 'wanYuan').optional(),
    listedOn: isoDateField.optional(),
    /** 成交 / 出让 date. */
    grantedOn: isoDateField.optional(),
    /** 投资建设合同 signing date. */
    signedOn: isoDateField.optional(),
    agreedStartOn: isoDateField.optional(),
    agreedCompletionOn: isoDateField.optional(),
    startedOn: isoDateField.optional(),
    completedOn: isoDateField.optional(),
    /** 投产 date: 达产复核 is anchored on its year. */
    productionOn: isoDateField.optional(),
    /** 竞得人 (统一社会信用代码), once granted. */
    granteeUscc: usccField.optional(),
    counterparty: z
      .object({
        kind: z.enum(['townGovernment', 'parkCommittee']),
        name: nameField,
      })
      .optional(),
    commitments: z.array(commitmentSchema).max(GRANT_LIMITS.commitments),
    consequences: z.array(consequenceSchema).max(GRANT_LIMITS.consequences).default([]),
    construction: constructionFactsSchema.optional(),
    note: textField(1000).optional(),
  })
  .superRefine((g, ctx) => {
    // A bad area is reported by its own field; prices are judged only on a good one.
    const price = g.area.isPositive() ? priceGrant(g.pricing, g.area) : undefined;
    if (price && g.startPrice && !g.startPrice.equals(price.startPrice)) {
      ctx.addIssue({
        code: 'custom',
        path: ['startPrice'],
        message: `the pricing rule gives ${price.startPrice.toString()}, not ${g.startPrice.toString()}`,
        params: { rule: 'grant.startPrice' },
      });
    }
    if (price && g.deposit && !g.deposit.equals(price.deposit)) {
      ctx.addIssue({
        code: 'custom',
        path: ['deposit'],
        message: `the pricing rule gives ${price.deposit.toString()}, not ${g.deposit.toString()}`,
        params: { rule: 'grant.deposit' },
      });
    }
    if (price && g.transactionPrice && g.transactionPrice.compare(price.startPrice) < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['transactionPrice'],
        message: `below the start price ${price.startPrice.toString()}`,
        params: { rule: 'grant.transactionBelowStart' },
      });
    }
    for (const [a, b] of DATE_ORDER) {
      const x = g[a];
      const y = g[b];
      if (x !== undefined && y !== undefined && y < x) {
        ctx.addIssue({
          code: 'custom',
          path: [b],
          message: `${b} ${y} is before ${a} ${x}`,
          params: { rule: 'grant.dateOrder' },
        });
      }
    }
    if (g.supply === 'vacated' && g.parcelId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['parcelId'],
        message: 'a grant of vacated land (supply: vacated) names the parcel it re-supplies',
        params: { rule: 'grant.vacatedParcel' },
      });
    }
    const seen = new Set<string>();
    g.commitments.forEach((c, i) => {
      const key = `${c.indicator}|${c.stage}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['commitments', i, 'indicator'],
          message: `${GRANT_INDICATORS[c.indicator].label} is committed twice at ${c.stage}`,
          params: { rule: 'grant.commitmentDuplicate' },
        });
      }
      seen.add(key);
    });
    g.consequences.forEach((c, i) => {
      if (c.kind === 'shortfallCash' && !GRANT_INDICATORS[c.indicator].perMuMoney) {
        ctx.addIssue({
          code: 'custom',
          path: ['consequences', i, 'indicator'],
          message: `${GRANT_INDICATORS[c.indicator].label} is not a per-mu money indicator`,
          params: { rule: 'grant.consequenceIndicator' },
        });
      }
    });
  })
  .transform((g) => {
    const price = priceGrant(g.pricing, g.area);
    return { ...g, startPrice: price.startPrice, deposit: price.deposit };
  });

/** A validated land grant: `startPrice` and `deposit` always present (given and checked, or computed). */
export type LandGrant = z.output<typeof landGrantSchema>;
export type LandGrantInput = z.input<typeof landGrantSchema>;

/** Validates one grant. @throws ValidationError naming each bad field (`grant.commitments.2.value`) */
export function parseLandGrant(input: unknown, root = 'grant'): LandGrant {
  return parseWith(landGrantSchema, input, root);
}

/** Validates a list of grants, collecting every row's errors (`grants.3.area`); all or nothing. */
export function parseLandGrants(inputs: readonly unknown[], root = 'grants'): LandGrant[] {
  if (inputs.length > GRANT_LIMITS.grantsPerWrite) {
    throw new ValidationError([
      {
        field: root,
        rule: 'too_big',
        message: `at most ${GRANT_LIMITS.grantsPerWrite} grants per write, got ${inputs.length}`,
      },
    ]);
  }
  const out: LandGrant[] = [];
  const issues: FieldIssue[] = [];
  const ids = new Set<string>();
  inputs.forEach((input, i) => {
    const r = safeParseWith(landGrantSchema, input, `${root}.${i}`);
    if (!r.ok) {
      for (const i of r.issues) issues.push(i);
      return;
    }
    if (ids.has(r.value.id)) {
      issues.push({ field: `${root}.${i}.id`, rule: 'unique', message: `grant ${r.value.id} is listed twice` });
    }
    ids.add(r.value.id);
    out.push(r.value);
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return out;
}

/** Where a grant stands, from its dates and grantee. */
export type GrantPhase = 'listed' | 'granted' | 'underConstruction' | 'completed' | 'inProduction';

/** The phase of a grant as of `asOf` (dates after it do not count yet). */
export function grantPhase(g: LandGrant, asOf?: string): GrantPhase {
  const by = (d: string | undefined) => d !== undefined && (asOf === undefined || d <= asOf);
  if (by(g.productionOn)) return 'inProduction';
  if (by(g.completedOn)) return 'completed';
  if (by(g.startedOn)) return 'underConstruction';
  if (g.granteeUscc !== undefined && (g.grantedOn === undefined || by(g.grantedOn))) return 'granted';
  return 'listed';
}

/** The price consequences are a share of: the transaction price, else the start price. */
export function landPrice(g: LandGrant, basis: 'transactionPrice' | 'startPrice'): Money {
  return basis === 'transactionPrice' ? (g.transactionPrice ?? g.startPrice) : g.startPrice;
}

/** The grant in its input form (decimal strings; what a store persists and `parseLandGrant` reads back). */
export function grantToJson(g: LandGrant): Record<string, unknown> {
  return toPlain(g) as Record<string, unknown>;
}

function isIndustryCode(v: unknown): v is IndustryCode {
  return v !== null && typeof v === 'object' && 'section' in v && 'code' in v && typeof v.code === 'string';
}

/** Quantities as `{ value, unit }` in their default unit, fractions as exact decimal strings. */
function toPlain(v: unknown): unknown {
  if (v instanceof Quantity) {
    const j = v.toJSON();
    return { value: j.value, unit: j.unit };
  }
  if (v instanceof Rational) return exactDecimalString(v);
  if (isIndustryCode(v)) return v.code;
  if (Array.isArray(v)) return v.map(toPlain);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toPlain(x);
    return out;
  }
  return v;
}
