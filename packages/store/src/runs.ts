import {
  type ClassOverride,
  type EvaluationClass,
  type EvaluationRun,
  invalid,
  type Objection,
  parseEvaluationScheme,
  parseRational,
  type Rational,
  type RunClassCount,
  type RunResult,
  type RunResultQuery,
  type WriteContext,
} from '@mujun/core';
import { checkRunUpdate, runAuditDetail, runResultKey } from '@mujun/core/internal';
import type { RunCohort, RunTransition } from '@mujun/core/runs';
import type { Sql } from './driver';
import { copyRows, insertMany } from './sql-helpers';

/*
 * Evaluation runs on PostgreSQL (migration 5): a header row per run, one row
 * per firm's result (NUMERIC reported figures beside the exact fractions),
 * objections and overrides in their own tables. A run's transition is one
 * transaction: the header row is locked, its revision checked, then the
 * header, objections, overrides and the changed results are written.
 */

type Row = Record<string, unknown>;

const ts = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column}`;

const RUN_SELECT = `SELECT id, region_code, year, scheme_id, scheme_version, scheme, data_revision, status,
  notice_from::text AS notice_from, notice_to::text AS notice_to, revision, ${ts('created_at')}, created_by,
  cohorts, class_changes, trail FROM evaluation_run`;

const OBJECTION_SELECT = `SELECT id, run_id, seq, uscc, town_code, category, reason, filed_by, ${ts('filed_at')},
  outcome, resolution_reason, resolved_by, ${ts('resolved_at')}, override_class, data_revision
  FROM evaluation_objection`;

const OVERRIDE_SELECT = `SELECT run_id, seq, uscc, class_from, class_to, kind, reason, objection_id, actor, ${ts('at')}
  FROM evaluation_override`;

const RESULT_COLUMNS = [
  ['run_id', 'text'],
  ['uscc', 'text'],
  ['name', 'text'],
  ['town_code', 'text'],
  ['industry', 'text'],
  ['unit_id', 'text'],
  ['cohort_id', 'text'],
  ['status', 'text'],
  ['computed_class', 'text'],
  ['class', 'text'],
  ['total', 'text'],
  ['total_reported', 'numeric'],
  ['rank', 'integer'],
  ['ranked_count', 'integer'],
  ['percentile', 'text'],
  ['percentile_reported', 'numeric'],
  ['rank_key', 'text'],
  ['indicators', 'json'],
  ['reasons', 'json'],
] as const;

const RESULT_SELECT = `SELECT ${RESULT_COLUMNS.map(([c, t]) => (t === 'numeric' ? `${c}::text AS ${c}` : c)).join(', ')}
  FROM evaluation_run_result`;

/** jsonb as the driver hands it over (parsed, or text on some drivers). */
function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const rational = (v: unknown): Rational | null =>
  v === null || v === undefined || v === '' ? null : parseRational(String(v));

/** The scheme's reporting rounding, for the NUMERIC columns. */
function reporter(run: EvaluationRun) {
  const { rounding } = parseEvaluationScheme(run.scheme);
  return {
    total: (v: Rational | null) =>
      v === null ? null : v.toFixed({ places: rounding.report.totals, rounding: rounding.mode }),
    percentile: (v: Rational | null) =>
      v === null ? null : v.toFixed({ places: rounding.report.percentiles, rounding: rounding.mode }),
  };
}

function resultRow(run: EvaluationRun, r: RunResult, report: ReturnType<typeof reporter>): unknown[] {
  return [
    run.id,
    r.uscc,
    r.name,
    r.townCode,
    r.industry,
    r.unitId,
    r.cohortId,
    r.status,
    r.computedClass,
    r.class,
    r.total?.toString() ?? null,
    report.total(r.total),
    r.rank,
    r.rankedCount,
    r.percentile?.toString() ?? null,
    report.percentile(r.percentile),
    runResultKey(r, 'rank'),
    // Compact per-firm indicators: i indicator, v value, m missing, s partial score, c capped.
    JSON.stringify(
      r.indicators.map((x) => ({
        i: x.indicator,
        v: x.value?.toString() ?? null,
        m: x.missing,
        s: x.partialScore.toString(),
        c: x.capped,
      })),
    ),
    JSON.stringify(r.reasons),
  ];
}

function resultFromRow(row: Row): RunResult {
  const indicators = json<{ i: string; v: string | null; m: string | null; s: string; c: boolean }[]>(row.indicators);
  return {
    uscc: String(row.uscc),
    name: String(row.name),
    townCode: String(row.town_code),
    industry: String(row.industry),
    unitId: String(row.unit_id),
    cohortId: str(row.cohort_id),
    status: String(row.status) as RunResult['status'],
    computedClass: str(row.computed_class) as EvaluationClass | null,
    class: str(row.class) as EvaluationClass | null,
    total: rational(row.total),
    rank: row.rank === null ? null : Number(row.rank),
    rankedCount: Number(row.ranked_count),
    percentile: rational(row.percentile),
    indicators: indicators.map((x) => ({
      indicator: x.i as RunResult['indicators'][number]['indicator'],
      value: rational(x.v),
      missing: x.m as RunResult['indicators'][number]['missing'],
      partialScore: parseRational(x.s),
      capped: x.c,
    })),
    reasons: json<RunResult['reasons']>(row.reasons),
  };
}

function cohortsFromJson(v: unknown): RunCohort[] {
  return json<
    (Omit<RunCohort, 'benchmarks'> & { benchmarks: { indicator: string; derivation: string; value: string }[] })[]
  >(v).map((c) => ({
    ...c,
    benchmarks: c.benchmarks.map((b) => ({
      indicator: b.indicator as RunCohort['benchmarks'][number]['indicator'],
      derivation: b.derivation as RunCohort['benchmarks'][number]['derivation'],
      value: parseRational(b.value),
    })),
  }));
}

function objectionFromRow(r: Row): Objection {
  return {
    id: String(r.id),
    runId: String(r.run_id),
    uscc: String(r.uscc),
    townCode: String(r.town_code),
    category: String(r.category) as Objection['category'],
    reason: String(r.reason),
    filedBy: String(r.filed_by),
    filedAt: String(r.filed_at),
    resolution:
      r.outcome === null || r.outcome === undefined
        ? null
        : {
            outcome: String(r.outcome) as NonNullable<Objection['resolution']>['outcome'],
            reason: String(r.resolution_reason),
            by: String(r.resolved_by),
            at: String(r.resolved_at),
            overrideClass: str(r.override_class) as EvaluationClass | null,
            dataRevision: str(r.data_revision),
          },
  };
}

function overrideFromRow(r: Row): ClassOverride {
  return {
    seq: Number(r.seq),
    uscc: String(r.uscc),
    from: str(r.class_from) as EvaluationClass | null,
    to: String(r.class_to) as EvaluationClass,
    kind: String(r.kind) as ClassOverride['kind'],
    reason: String(r.reason),
    objectionId: str(r.objection_id),
    by: String(r.actor),
    at: String(r.at),
  };
}

/** Runs from header rows, with their objections and overrides. */
async function runsFromRows(sql: Sql, rows: Row[]): Promise<EvaluationRun[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => String(r.id));
  // A run read alone (every gateway request) brings its objections and overrides along as JSON.
  const inline = rows.every((r) => r.objections !== undefined);
  const objections = inline
    ? rows.flatMap((r) => json<Row[]>(r.objections))
    : await sql.query(`${OBJECTION_SELECT} WHERE run_id = ANY($1::text[]) ORDER BY run_id, seq`, [ids]);
  const overrides = inline
    ? rows.flatMap((r) => json<Row[]>(r.overrides))
    : await sql.query(`${OVERRIDE_SELECT} WHERE run_id = ANY($1::text[]) ORDER BY run_id, seq`, [ids]);
  return rows.map((r) => ({
    id: String(r.id),
    regionCode: String(r.region_code),
    year: Number(r.year),
    schemeId: String(r.scheme_id),
    schemeVersion: String(r.scheme_version),
    scheme: json<unknown>(r.scheme),
    dataRevision: String(r.data_revision),
    status: String(r.status) as EvaluationRun['status'],
    notice: r.notice_from === null ? null : { from: String(r.notice_from), to: String(r.notice_to) },
    revision: Number(r.revision),
    createdAt: String(r.created_at),
    createdBy: String(r.created_by),
    cohorts: cohortsFromJson(r.cohorts),
    objections: objections.filter((o) => o.run_id === r.id).map(objectionFromRow),
    overrides: overrides.filter((o) => o.run_id === r.id).map(overrideFromRow),
    classChanges: json<EvaluationRun['classChanges']>(r.class_changes),
    trail: json<EvaluationRun['trail']>(r.trail),
  }));
}

/** One run with its objections and overrides in one statement. */
const RUN_ONE = `SELECT r.*,
  (SELECT coalesce(json_agg(o ORDER BY o.seq), '[]'::json) FROM (${OBJECTION_SELECT} WHERE run_id = r.id) o) AS objections,
  (SELECT coalesce(json_agg(v ORDER BY v.seq), '[]'::json) FROM (${OVERRIDE_SELECT} WHERE run_id = r.id) v) AS overrides
  FROM (${RUN_SELECT} WHERE id = $1) r`;

export async function getRun(sql: Sql, id: string, lock = false): Promise<EvaluationRun | undefined> {
  if (lock) await sql.query('SELECT 1 FROM evaluation_run WHERE id = $1 FOR UPDATE', [id]);
  const rows = await sql.query(RUN_ONE, [id]);
  return (await runsFromRows(sql, rows))[0];
}

export async function listRuns(sql: Sql, query: { regionCode: string; year?: number }): Promise<EvaluationRun[]> {
  const rows = await sql.query(
    `${RUN_SELECT} WHERE region_code = $1 AND ($2::integer IS NULL OR year = $2) ORDER BY created_at DESC, id DESC`,
    [query.regionCode, query.year ?? null],
  );
  return runsFromRows(sql, rows);
}

function headerParams(run: EvaluationRun): unknown[] {
  return [
    run.id,
    run.regionCode,
    run.year,
    run.schemeId,
    run.schemeVersion,
    JSON.stringify(run.scheme),
    run.dataRevision,
    run.status,
    run.notice?.from ?? null,
    run.notice?.to ?? null,
    run.revision,
    run.createdAt,
    run.createdBy,
    JSON.stringify(run.cohorts),
    JSON.stringify(run.classChanges),
    JSON.stringify(run.trail),
  ];
}

const OBJECTION_COLUMNS = [
  'id',
  'run_id',
  'seq',
  'uscc',
  'town_code',
  'category',
  'reason',
  'filed_by',
  'filed_at',
  'outcome',
  'resolution_reason',
  'resolved_by',
  'resolved_at',
  'override_class',
  'data_revision',
];

async function writeLists(tx: Sql, run: EvaluationRun, stored: EvaluationRun | undefined): Promise<void> {
  const known = new Map((stored?.objections ?? []).map((o) => [o.id, o]));
  // Objections are added, and resolved once; anything else stays as stored.
  const changed = run.objections.filter((o) => {
    const before = known.get(o.id);
    return !before || (before.resolution === null && o.resolution !== null);
  });
  await insertMany(
    tx,
    'evaluation_objection',
    OBJECTION_COLUMNS,
    changed.map((o) => [
      o.id,
      run.id,
      Number(o.id.slice(o.id.lastIndexOf('.') + 1)),
      o.uscc,
      o.townCode,
      o.category,
      o.reason,
      o.filedBy,
      o.filedAt,
      o.resolution?.outcome ?? null,
      o.resolution?.reason ?? null,
      o.resolution?.by ?? null,
      o.resolution?.at ?? null,
      o.resolution?.overrideClass ?? null,
      o.resolution?.dataRevision ?? null,
    ]),
    `ON CONFLICT (id) DO UPDATE SET ${OBJECTION_COLUMNS.slice(9)
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ')}`,
  );
  const storedOverrides = stored?.overrides.length ?? 0;
  await insertMany(
    tx,
    'evaluation_override',
    ['run_id', 'seq', 'uscc', 'class_from', 'class_to', 'kind', 'reason', 'objection_id', 'actor', 'at'],
    run.overrides
      .slice(storedOverrides)
      .map((o) => [run.id, o.seq, o.uscc, o.from, o.to, o.kind, o.reason, o.objectionId, o.by, o.at]),
  );
}

export async function createRun(
  sql: Sql,
  start: RunTransition,
  ctx: WriteContext,
  audit: (tx: Sql, ctx: WriteContext, action: string, detail: unknown) => Promise<void>,
): Promise<EvaluationRun> {
  const { run, results } = start;
  const report = reporter(run);
  await sql.transaction(async (tx) => {
    const [taken] = await tx.query('SELECT 1 FROM evaluation_run WHERE id = $1', [run.id]);
    if (taken) throw invalid('run.id', 'unique', `run ${run.id} already exists`);
    const [region] = await tx.query('SELECT 1 FROM region WHERE code = $1', [run.regionCode]);
    if (!region) throw invalid('regionCode', 'reference.region', `region ${run.regionCode} does not exist`);
    await tx.query(
      `INSERT INTO evaluation_run (id, region_code, year, scheme_id, scheme_version, scheme, data_revision, status,
         notice_from, notice_to, revision, created_at, created_by, cohorts, class_changes, trail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      headerParams(run),
    );
    await writeLists(tx, run, undefined);
    await copyRows(
      tx,
      'evaluation_run_result',
      RESULT_COLUMNS,
      results.map((r) => resultRow(run, r, report)),
    );
    // A bulk load leaves the planner without statistics, and it would then sort the run's
    // rows instead of reading the rank index: a page costs a scan of the whole run.
    await tx.exec('ANALYZE evaluation_run_result');
    await audit(tx, ctx, 'evaluationRun.start', runAuditDetail(run, results.length));
  });
  return run;
}

/** Stores a run transition in the transaction `tx` (see `EvaluationRunRepository.updateRun`). */
export async function updateRunIn(
  tx: Sql,
  next: RunTransition,
  ctx: WriteContext,
  audit: (tx: Sql, ctx: WriteContext, action: string, detail: unknown) => Promise<void>,
): Promise<EvaluationRun> {
  const { run, results } = next;
  const report = reporter(run);
  {
    const stored = await getRun(tx, run.id, true);
    const finals = await tx.query<{ id: string; status: string; scheme_id: string; year: number; region_code: string }>(
      `SELECT id, status, scheme_id, year, region_code FROM evaluation_run
        WHERE region_code = $1 AND year = $2 AND scheme_id = $3 AND status = 'final'`,
      [run.regionCode, run.year, run.schemeId],
    );
    checkRunUpdate(
      stored,
      run,
      finals.map((f) => ({
        id: f.id,
        status: 'final' as const,
        schemeId: f.scheme_id,
        year: Number(f.year),
        regionCode: f.region_code,
      })),
    );
    await tx.query(
      `UPDATE evaluation_run SET data_revision = $2, status = $3, notice_from = $4, notice_to = $5, revision = $6,
         cohorts = $7, class_changes = $8, trail = $9 WHERE id = $1`,
      [
        run.id,
        run.dataRevision,
        run.status,
        run.notice?.from ?? null,
        run.notice?.to ?? null,
        run.revision,
        JSON.stringify(run.cohorts),
        JSON.stringify(run.classChanges),
        JSON.stringify(run.trail),
      ],
    );
    await writeLists(tx, run, stored);
    const names = RESULT_COLUMNS.map(([c]) => c);
    await insertMany(
      tx,
      'evaluation_run_result',
      names,
      results.map((r) => resultRow(run, r, report)),
      `ON CONFLICT (run_id, uscc) DO UPDATE SET ${names
        .slice(2)
        .map((c) => `${c} = EXCLUDED.${c}`)
        .join(', ')}`,
    );
    const action = run.trail[run.trail.length - 1]?.action ?? 'update';
    await audit(tx, ctx, `evaluationRun.${action}`, runAuditDetail(run, results.length));
  }
  return run;
}

export async function getRunResults(sql: Sql, runId: string, usccs: readonly string[]) {
  if (usccs.length === 0) return [];
  const rows = await sql.query(`${RESULT_SELECT} WHERE run_id = $1 AND uscc = ANY($2::text[])`, [runId, [...usccs]]);
  const byUscc = new Map(rows.map((r) => [String(r.uscc), resultFromRow(r)]));
  return usccs.map((u) => byUscc.get(u));
}

export async function loadRunResults(sql: Sql, runId: string): Promise<RunResult[]> {
  const rows = await sql.query(`${RESULT_SELECT} WHERE run_id = $1 ORDER BY uscc COLLATE "C"`, [runId]);
  return rows.map(resultFromRow);
}

/** One page by key set: the sort key column and the filters, each served by an index of migration 5. */
export async function listRunResults(sql: Sql, runId: string, query: RunResultQuery): Promise<RunResult[]> {
  const order = query.orderBy ?? 'uscc';
  const key = order === 'uscc' ? 'uscc COLLATE "C"' : 'rank_key';
  const params: unknown[] = [runId];
  const where = ['run_id = $1'];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(clause(params.length));
  };
  if (query.townCode !== undefined) add((n) => `town_code = $${n}`, query.townCode);
  if (query.cohortId !== undefined) {
    // The cohort's key range of the rank index ('|' and '}' are neighbours in C collation).
    add((n) => `rank_key >= $${n}::text || '|'`, query.cohortId);
    add((n) => `rank_key < $${n}::text || '}' AND cohort_id = $${n}`, query.cohortId);
  }
  if (query.class !== undefined) add((n) => `class = $${n}`, query.class);
  if (query.after !== undefined) add((n) => `${key} > $${n}`, query.after);
  let limit = '';
  if (query.first !== undefined) {
    params.push(query.first);
    limit = ` LIMIT $${params.length}`;
  }
  const rows = await sql.query(`${RESULT_SELECT} WHERE ${where.join(' AND ')} ORDER BY ${key}${limit}`, params);
  return rows.map(resultFromRow);
}

export async function countRunClasses(sql: Sql, runId: string): Promise<RunClassCount[]> {
  const rows = await sql.query<{ town_code: string; cohort_id: string | null; class: string | null; n: string }>(
    `SELECT town_code, cohort_id, class, count(*)::text AS n FROM evaluation_run_result
      WHERE run_id = $1 GROUP BY town_code, cohort_id, class`,
    [runId],
  );
  return rows.map((r) => ({
    townCode: r.town_code,
    cohortId: r.cohort_id,
    class: r.class as EvaluationClass | null,
    count: Number(r.n),
  }));
}
