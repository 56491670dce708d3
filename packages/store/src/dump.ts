import type { Sql } from './driver';

/** Tables of the schema with the columns that order their rows. */
const TABLES: readonly [string, string][] = [
  ['mujun_migrations', 'version'],
  ['region', 'code'],
  ['town', 'code'],
  ['park', 'id'],
  ['park_phase', 'park_id, phase'],
  ['parcel', 'id'],
  ['enterprise', 'uscc'],
  ['enterprise_parcel', 'uscc, parcel_id'],
  ['annual_data', 'uscc, year'],
  ['ledger_state', 'region_code'],
  ['campaign_event', 'region_code, seq'],
  ['campaign_daily', 'region_code, date, town_code, type, stage'],
  ['target_set', 'region_code, year'],
  ['evaluation_scheme', 'id'],
  ['geometry', 'region_code, subject, id'],
  ['firm_location', 'uscc'],
  ['land_grant', 'region_code, id'],
  ['audit', 'seq'],
];

/**
 * A textual dump of every row of mujun's tables, in key order, plus the
 * audit sequence: two equal dumps mean the database holds the same data.
 * Used by tests to show a rejected write changed nothing.
 */
export async function dumpTables(sql: Sql): Promise<string> {
  const parts: string[] = [];
  for (const [table, order] of TABLES) {
    const rows = await sql.query<{ line: string }>(
      `SELECT row_to_json(t)::text AS line FROM ${table} t ORDER BY ${order}`,
    );
    parts.push(`-- ${table}`, ...rows.map((r) => r.line));
  }
  const [seq] = await sql.query<{ last_value: string; is_called: boolean }>(
    'SELECT last_value::text AS last_value, is_called FROM audit_seq_seq',
  );
  parts.push(`-- audit_seq_seq ${seq?.last_value} ${seq?.is_called}`);
  return parts.join('\n');
}
