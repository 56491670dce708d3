import { z } from 'zod';
import { type FieldIssue, ValidationError } from '../errors';
import type { EnterpriseAnnualData } from '../model/annual-data';
import { divisionCodeField, isoDateField, parseWith } from '../model/fields';
import type { Region } from '../model/region';
import { unknownRegion } from '../repository/invariants';
import type { Repository } from '../repository/ledger-repository';
import type { WriteContext } from '../repository/repository';
import { checkGrant, type GrantCheckOptions, type GrantCompliance } from './checks';
import { grantToJson, type LandGrant, parseLandGrants } from './model';
import { assessConsequences, type PenaltyAssessment } from './penalties';
import { checkResupply, type ResupplyStatistics, resupplyStatistics } from './resupply';
import { type DueCheck, grantsDueForCheck } from './schedule';

/*
 * The steps of the land-grant cycle, in the cycle layer's style: plain async functions
 * over the `Repository`. Each parses and canonicalises its input, authorises on the
 * canonical values, acts all or nothing, and returns what changed. The gateway, the CLI
 * and the examples call these; none re-assembles a rule.
 */

/** What a write touches, on canonical values: the authoriser decides on this alone. */
export interface GrantWriteScope {
  readonly operation: 'saveGrants';
  readonly regionCode: string;
  /** Every town a written grant lies in, and every town of a grant it replaces (sorted, unique). */
  readonly townCodes: readonly string[];
  readonly grantIds: readonly string[];
}

/** Who writes: the audit context, and the caller's policy (throws to refuse). */
export interface GrantWriter {
  readonly ctx: WriteContext;
  authorize(scope: GrantWriteScope): void | Promise<void>;
}

const saveInputSchema = z.object({
  /** The city (6 digits). */
  city: divisionCodeField,
  grants: z.array(z.unknown()),
});

/** What `saveGrants` changed. */
export interface GrantsSaved {
  readonly regionCode: string;
  readonly created: readonly string[];
  readonly replaced: readonly string[];
  readonly townCodes: readonly string[];
  readonly grants: readonly LandGrant[];
}

function townOf(region: Region, code: string) {
  return region.towns.find((t) => t.code === code);
}

/**
 * Saves (adds or replaces) land grants of a city: parsed and canonicalised (USCC upper-cased,
 * areas exact, prices checked against their pricing rules), authorised on the towns written
 * and replaced, checked against the registry (towns, parcels in the grant's town, grantees
 * registered) and the campaign ledger (vacated land accepted by the grant date), then
 * written whole. @throws ValidationError naming `grants.<i>.<field>`; nothing is written
 */
export async function saveGrants(repo: Repository, input: unknown, who: GrantWriter): Promise<GrantsSaved> {
  const { city, grants: raw } = parseWith(saveInputSchema, input, 'input');
  const grants = parseLandGrants(raw, 'grants');
  const region = await repo.getRegion(city);
  if (!region) throw unknownRegion(city);
  const existing = new Map((await repo.listGrants({ regionCode: city })).map((g) => [g.id, g]));
  const issues: FieldIssue[] = [];
  grants.forEach((g, i) => {
    if (!townOf(region, g.townCode))
      issues.push({
        field: `grants.${i}.townCode`,
        rule: 'grant.town',
        message: `${g.townCode} is not a town of ${city}`,
      });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const towns = new Set<string>();
  for (const g of grants) {
    towns.add(g.townCode);
    const before = existing.get(g.id);
    if (before) towns.add(before.townCode);
  }
  const townCodes = [...towns].sort();
  await who.authorize({ operation: 'saveGrants', regionCode: city, townCodes, grantIds: grants.map((g) => g.id) });

  const registry = await repo.loadRegistry(city);
  const ledger = grants.some((g) => g.supply === 'vacated') ? await repo.loadLedger(city) : undefined;
  grants.forEach((g, i) => {
    if (g.parcelId !== undefined) {
      const parcel = registry?.parcels.get(g.parcelId);
      if (!parcel) {
        issues.push({ field: `grants.${i}.parcelId`, rule: 'reference.parcel', message: `no parcel ${g.parcelId}` });
      } else if (parcel.townCode !== g.townCode) {
        issues.push({
          field: `grants.${i}.parcelId`,
          rule: 'reference.townMismatch',
          message: `parcel ${g.parcelId} lies in ${parcel.townCode}, not ${g.townCode}`,
        });
      }
    }
    if (g.granteeUscc !== undefined && !registry?.enterprises.has(g.granteeUscc)) {
      issues.push({
        field: `grants.${i}.granteeUscc`,
        rule: 'grant.grantee',
        message: `the grantee ${g.granteeUscc} is not registered in ${city}: register the firm first`,
      });
    }
    if (g.supply === 'vacated' && ledger && registry?.parcels.has(g.parcelId ?? '')) {
      try {
        checkResupply(ledger, g, `grants.${i}`);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        for (const i of e.issues) issues.push(i);
      }
    } else if (g.supply === 'vacated' && !ledger && registry?.parcels.has(g.parcelId ?? '')) {
      issues.push({
        field: `grants.${i}.parcelId`,
        rule: 'grant.parcelNotVacated',
        message: `the campaign ledger of ${city} records no vacating of parcel ${g.parcelId}`,
      });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);

  const saved = await repo.saveGrants(city, grants.map(grantToJson), who.ctx);
  return {
    regionCode: city,
    created: saved.filter((g) => !existing.has(g.id)).map((g) => g.id),
    replaced: saved.filter((g) => existing.has(g.id)).map((g) => g.id),
    townCodes,
    grants: saved,
  };
}

const checkInputSchema = z.object({
  city: divisionCodeField,
  year: z.number().int().min(1949).max(2100),
  /** The date consequences are assessed at (default: the last day of `year`). */
  asOf: isoDateField.optional(),
  townCode: divisionCodeField.optional(),
  options: z
    .object({
      investmentIncludesLandPrice: z.boolean().optional(),
      perMuArea: z.enum(['granted', 'used']).optional(),
      salesFigure: z.enum(['sales', 'revenue']).optional(),
    })
    .optional(),
});

/** One grant checked for a year, with its consequences assessed. */
export interface GrantCheckRow {
  readonly grant: LandGrant;
  readonly compliance: GrantCompliance;
  readonly penalties: readonly PenaltyAssessment[];
  /** The grantee's annual data the check read, if any. */
  readonly annual: EnterpriseAnnualData | undefined;
}

/** The yearly check of a city's grants (年度复核). */
export interface GrantsChecked {
  readonly regionCode: string;
  readonly year: number;
  readonly asOf: string;
  readonly rows: readonly GrantCheckRow[];
  readonly due: readonly DueCheck[];
}

/**
 * Checks every grant of a city (or town) for a statistical year against its grantee's
 * annual data of that year, assesses consequences as of `asOf` (default 31 December of
 * the year), and lists the grants due for a check in the year. Reads only.
 */
export async function checkGrants(repo: Repository, input: unknown): Promise<GrantsChecked> {
  const q = parseWith(checkInputSchema, input, 'input');
  const asOf = q.asOf ?? `${q.year}-12-31`;
  const region = await repo.getRegion(q.city);
  if (!region) throw unknownRegion(q.city);
  const grants = await repo.listGrants({ regionCode: q.city, ...(q.townCode ? { townCode: q.townCode } : {}) });
  const usccs = [...new Set(grants.flatMap((g) => (g.granteeUscc ? [g.granteeUscc] : [])))];
  const annual =
    usccs.length === 0
      ? new Map<string, EnterpriseAnnualData>()
      : new Map((await repo.listAnnualData({ year: q.year, regionCode: q.city, usccs })).map((d) => [d.uscc, d]));
  const options: GrantCheckOptions = q.options
    ? Object.fromEntries(Object.entries(q.options).filter(([, v]) => v !== undefined))
    : {};
  const rows = grants.map((grant) => {
    const d = grant.granteeUscc ? annual.get(grant.granteeUscc) : undefined;
    const compliance = checkGrant(grant, { year: q.year, annual: d, options });
    return { grant, compliance, penalties: assessConsequences(grant, compliance, asOf), annual: d };
  });
  return { regionCode: q.city, year: q.year, asOf, rows, due: grantsDueForCheck(grants, q.year) };
}

/** 亩 re-supplied as 标准地 in a city and year (退散进集 statistics). */
export async function grantResupply(repo: Repository, input: unknown): Promise<ResupplyStatistics> {
  const q = parseWith(
    z.object({ city: divisionCodeField, year: z.number().int().min(1949).max(2100) }),
    input,
    'input',
  );
  if (!(await repo.getRegion(q.city))) throw unknownRegion(q.city);
  return resupplyStatistics(await repo.listGrants({ regionCode: q.city }), q.year);
}
