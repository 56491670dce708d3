import type { FieldIssue } from '../errors';
import { ValidationError } from '../errors';
import { type LandGrant, parseLandGrants } from '../grants/model';
import type { Region } from '../model/region';
import type { WriteContext } from './repository';
import { unknownRegion } from './write-checks';

/** Which grants to list: a region's, optionally of one town or one grantee; ordered by id. */
export interface GrantQuery {
  readonly regionCode: string;
  readonly townCode?: string;
  readonly granteeUscc?: string;
}

/**
 * Land grants (标准地) of each region, persisted as validated documents keyed by
 * (region, id). Every save is validated by the core first (`checkedGrants`), written
 * whole or not at all, and audited.
 */
export interface GrantsRepository {
  /**
   * Adds or replaces grants of a region by id, after `checkedGrants` accepted them.
   * @throws ValidationError naming every broken rule (`grants.2.area`); nothing is written
   */
  saveGrants(regionCode: string, grants: readonly unknown[], ctx: WriteContext): Promise<LandGrant[]>;
  /** Grants of a region (of a town or grantee), ordered by id. */
  listGrants(query: GrantQuery): Promise<LandGrant[]>;
}

/** Grants validated for storing in `region`: each lies in a town of the region. */
export function checkedGrants(region: Region | undefined, regionCode: string, grants: readonly unknown[]): LandGrant[] {
  if (!region) throw unknownRegion(regionCode);
  const parsed = parseLandGrants(grants);
  const towns = new Set(region.towns.map((t) => t.code));
  const issues: FieldIssue[] = [];
  parsed.forEach((g, i) => {
    if (!towns.has(g.townCode)) {
      issues.push({
        field: `grants.${i}.townCode`,
        rule: 'grant.town',
        message: `town ${g.townCode} is not a town of region ${regionCode}`,
      });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return parsed;
}

/** What the audit trail records of saved grants. */
export function grantsAuditDetail(regionCode: string, grants: readonly LandGrant[]) {
  return { regionCode, grants: grants.length, ids: grants.slice(0, 50).map((g) => g.id) };
}

/** Grants matching a query, ordered by id (the memory repository's and the tests' reference). */
export function filterGrants(grants: Iterable<LandGrant>, query: GrantQuery): LandGrant[] {
  return [...grants]
    .filter(
      (g) =>
        (query.townCode === undefined || g.townCode === query.townCode) &&
        (query.granteeUscc === undefined || g.granteeUscc === query.granteeUscc),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
