import type { Region, WriteContext } from '@mujun/core';
import {
  checkedGrants,
  type GrantQuery,
  grantsAuditDetail,
  grantToJson,
  type LandGrant,
  parseLandGrant,
} from '@mujun/core/grants';
import type { Sql } from './driver';
import { excluded, upsertMany } from './sql-helpers';

/*
 * Land grants (标准地) on PostgreSQL (migration 9): one `land_grant` row per grant, the
 * validated document beside NUMERIC columns. A save is one transaction under the region's
 * lock: validated by the core first (`checkedGrants`), upserted by id, audited.
 */

type Row = Record<string, unknown>;

/** What the SqlRepository lends this module: its region lock and its audit writer. */
export interface GrantsWriteDeps {
  lockRegion(tx: Sql, regionCode: string): Promise<void>;
  audit(tx: Sql, ctx: WriteContext, action: string, detail: unknown): Promise<void>;
}

const COLUMNS = [
  'region_code',
  'id',
  'town_code',
  'parcel_id',
  'supply',
  'grantee_uscc',
  'area_mu',
  'start_price_wan_yuan',
  'deposit_wan_yuan',
  'transaction_price_wan_yuan',
  'granted_on',
  'production_on',
  'document',
] as const;

function grantRow(regionCode: string, g: LandGrant, document: unknown): unknown[] {
  return [
    regionCode,
    g.id,
    g.townCode,
    g.parcelId ?? null,
    g.supply,
    g.granteeUscc ?? null,
    g.area.toDecimal('mu').toFixed(),
    g.startPrice.toDecimal('wanYuan').toFixed(),
    g.deposit.toDecimal('wanYuan').toFixed(),
    g.transactionPrice?.toDecimal('wanYuan').toFixed() ?? null,
    g.grantedOn ?? null,
    g.productionOn ?? null,
    JSON.stringify(document),
  ];
}

/** Validates and upserts grants of a region in one transaction; audited as `saveGrants`. */
export async function saveGrants(
  sql: Sql,
  region: Region | undefined,
  regionCode: string,
  grants: readonly unknown[],
  ctx: WriteContext,
  deps: GrantsWriteDeps,
): Promise<LandGrant[]> {
  // Validated before the transaction, as target sets are; a town deleted meanwhile is refused by its foreign key.
  const saved = checkedGrants(region, regionCode, grants);
  await sql.transaction(async (tx) => {
    await deps.lockRegion(tx, regionCode);
    await upsertMany(
      tx,
      'land_grant',
      [...COLUMNS],
      saved.map((g) => grantRow(regionCode, g, grantToJson(g))),
      `ON CONFLICT (region_code, id) DO UPDATE SET ${excluded(COLUMNS.slice(2))}, saved_at = now()`,
    );
    await deps.audit(tx, ctx, 'saveGrants', grantsAuditDetail(regionCode, saved));
  });
  return saved;
}

/** Grants of a region (of a town or grantee), ordered by id, read back through the core's parser. */
export async function listGrants(sql: Sql, query: GrantQuery): Promise<LandGrant[]> {
  const where = ['region_code = $1'];
  const params: unknown[] = [query.regionCode];
  if (query.townCode !== undefined) {
    params.push(query.townCode);
    where.push(`town_code = $${params.length}`);
  }
  if (query.granteeUscc !== undefined) {
    params.push(query.granteeUscc);
    where.push(`grantee_uscc = $${params.length}`);
  }
  const rows = await sql.query<Row>(
    `SELECT id, document FROM land_grant WHERE ${where.join(' AND ')} ORDER BY id COLLATE "C"`,
    params,
  );
  return rows.map((r) =>
    parseLandGrant(typeof r.document === 'string' ? JSON.parse(r.document) : r.document, `landGrant.${String(r.id)}`),
  );
}
