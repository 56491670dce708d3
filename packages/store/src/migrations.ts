import type { Sql } from './driver';

/** One versioned schema change. Applied in order, once, recorded in `mujun_migrations`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/*
 * Quantities are NUMERIC (exact) in the unit named by the column suffix:
 * `_mu` 亩, `_m2` m², `_wan_yuan` 万元, `_tce` 吨标准煤, `_wan_kwh` 万千瓦时.
 * No float or double column anywhere.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'registry and audit',
    sql: `
CREATE TABLE region (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name text NOT NULL,
  valid_from integer,
  valid_to integer
);
CREATE TABLE town (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
  region_code text NOT NULL REFERENCES region(code),
  position integer NOT NULL,
  name text NOT NULL,
  full_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('town', 'subdistrict')),
  UNIQUE (region_code, name)
);
CREATE TABLE park (
  id text PRIMARY KEY,
  region_code text NOT NULL REFERENCES region(code),
  name text NOT NULL,
  town_code text NOT NULL REFERENCES town(code),
  kind text NOT NULL CHECK (kind IN ('smallMicroPark', 'standardFactory')),
  entry_criteria jsonb
);
CREATE TABLE park_phase (
  park_id text NOT NULL REFERENCES park(id) ON DELETE CASCADE,
  phase integer NOT NULL CHECK (phase >= 1),
  floor_area_m2 numeric NOT NULL CHECK (floor_area_m2 > 0),
  planned_completion date,
  PRIMARY KEY (park_id, phase)
);
CREATE TABLE enterprise (
  uscc text PRIMARY KEY CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  region_code text NOT NULL REFERENCES region(code),
  name text NOT NULL,
  town_code text NOT NULL REFERENCES town(code),
  industry text NOT NULL,
  registered_on date NOT NULL,
  park_id text REFERENCES park(id),
  flags text[] NOT NULL DEFAULT '{}',
  four_without text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX enterprise_region_town ON enterprise (region_code, town_code, uscc);
CREATE TABLE parcel (
  id text PRIMARY KEY,
  region_code text NOT NULL REFERENCES region(code),
  town_code text NOT NULL REFERENCES town(code),
  area_mu numeric NOT NULL CHECK (area_mu > 0),
  category text NOT NULL CHECK (category IN ('idleTransferredNotSupplied', 'idleSuppliedNotUsed', 'inParkInefficient', 'outOfParkLowScattered', 'inUse')),
  park_id text REFERENCES park(id),
  holder_uscc text,
  supplied_on date,
  CHECK ((category <> 'inParkInefficient' OR park_id IS NOT NULL) AND (category <> 'outOfParkLowScattered' OR park_id IS NULL))
);
CREATE TABLE enterprise_parcel (
  uscc text NOT NULL REFERENCES enterprise(uscc) ON DELETE CASCADE,
  parcel_id text NOT NULL REFERENCES parcel(id),
  position integer NOT NULL,
  PRIMARY KEY (uscc, parcel_id)
);
CREATE TABLE annual_data (
  uscc text NOT NULL REFERENCES enterprise(uscc),
  year integer NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  scale text NOT NULL CHECK (scale IN ('aboveDesignatedSize', 'belowDesignatedSize')),
  tax_wan_yuan numeric,
  value_added_wan_yuan numeric,
  revenue_wan_yuan numeric CHECK (revenue_wan_yuan >= 0),
  employees numeric CHECK (employees >= 0 AND employees = trunc(employees)),
  energy_tce numeric CHECK (energy_tce >= 0),
  emission_equivalent_t numeric CHECK (emission_equivalent_t >= 0),
  rd_expense_wan_yuan numeric CHECK (rd_expense_wan_yuan >= 0),
  electricity_wan_kwh numeric CHECK (electricity_wan_kwh >= 0),
  land_area_mu numeric CHECK (land_area_mu >= 0),
  sales_wan_yuan numeric CHECK (sales_wan_yuan >= 0),
  water_t numeric CHECK (water_t >= 0),
  cod_t numeric CHECK (cod_t >= 0),
  PRIMARY KEY (uscc, year),
  CHECK (scale <> 'aboveDesignatedSize' OR revenue_wan_yuan >= 2000)
);
CREATE INDEX annual_data_year ON annual_data (year, uscc);

-- 审计日志: append-only; updates and deletes are refused by the database itself.
CREATE TABLE audit (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL CHECK (actor <> ''),
  request_id text,
  action text NOT NULL,
  detail jsonb NOT NULL
);
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
`,
  },
  {
    version: 2,
    name: 'campaign ledger',
    sql: `
-- One row per region: the ledger version (events applied) and the registry revision,
-- read and bumped under the region's advisory lock.
CREATE TABLE ledger_state (
  region_code text PRIMARY KEY REFERENCES region(code),
  version bigint NOT NULL DEFAULT 0 CHECK (version >= 0),
  registry_revision bigint NOT NULL DEFAULT 0
);
-- 台账: append-only campaign events. canonical is the event's canonical JSON,
-- replayed by the core; the typed columns serve SQL aggregation.
-- region_code carries no foreign key of its own: town_code's already proves the
-- event's place exists, and a second check per row halves bulk-load speed.
CREATE TABLE campaign_event (
  region_code text NOT NULL,
  seq bigint NOT NULL CHECK (seq >= 0),
  id text NOT NULL,
  type text NOT NULL,
  town_code text NOT NULL REFERENCES town(code),
  date date NOT NULL,
  stage text,
  area_mu numeric CHECK (area_mu > 0),
  floor_area_mu numeric CHECK (floor_area_mu > 0),
  items integer CHECK (items > 0),
  canonical text NOT NULL,
  PRIMARY KEY (region_code, seq),
  UNIQUE (region_code, id)
);
CREATE INDEX campaign_event_date ON campaign_event (region_code, date, type);
CREATE TRIGGER campaign_event_no_update BEFORE UPDATE OR DELETE ON campaign_event
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
`,
  },
  {
    version: 3,
    name: 'daily campaign totals',
    sql: `
-- Per region, town, day, event type and stage: what the year's statistics add up.
-- Kept in the transaction that appends the events, so it always equals the ledger;
-- a year's figures then read at most 365 × towns × kinds rows, not every event.
CREATE TABLE campaign_daily (
  region_code text NOT NULL,
  town_code text NOT NULL REFERENCES town(code),
  date date NOT NULL,
  type text NOT NULL,
  stage text NOT NULL DEFAULT '',
  events bigint NOT NULL CHECK (events > 0),
  items bigint NOT NULL DEFAULT 0,
  area_mu numeric NOT NULL DEFAULT 0,
  floor_area_mu numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (region_code, date, town_code, type, stage)
);
INSERT INTO campaign_daily (region_code, town_code, date, type, stage, events, items, area_mu, floor_area_mu)
  SELECT region_code, town_code, date, type, coalesce(stage, ''), count(*), coalesce(sum(items), 0),
         coalesce(sum(area_mu), 0), coalesce(sum(floor_area_mu), 0)
    FROM campaign_event GROUP BY 1, 2, 3, 4, 5;
`,
  },
  {
    version: 4,
    name: 'target sets and evaluation schemes',
    sql: `
-- 年度目标任务 and 量化排序 of a region and year: one JSON document, validated
-- by the core (defineTargetSet) before it is written, replaced whole, audited.
CREATE TABLE target_set (
  region_code text NOT NULL REFERENCES region(code),
  year integer NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  targets jsonb NOT NULL CHECK (jsonb_typeof(targets) = 'array'),
  ranking jsonb,
  saved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, year)
);
-- 评价方案 saved by id (parseEvaluationScheme checked), replaced whole, audited.
CREATE TABLE evaluation_scheme (
  id text PRIMARY KEY,
  document jsonb NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    version: 5,
    name: 'evaluation runs',
    sql: `
-- 评价批次: one row per run (scheme version, data revision, status, notice window,
-- revision for optimistic concurrency); cohorts, class changes and the run's own
-- trail as JSON. A final run (定档) is immutable: the database refuses to change it.
CREATE TABLE evaluation_run (
  id text PRIMARY KEY,
  region_code text NOT NULL REFERENCES region(code),
  year integer NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  scheme_id text NOT NULL,
  scheme_version text NOT NULL,
  scheme jsonb NOT NULL,
  data_revision text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'publicNotice', 'final', 'withdrawn')),
  notice_from date,
  notice_to date,
  revision integer NOT NULL CHECK (revision >= 1),
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  cohorts jsonb NOT NULL,
  class_changes jsonb NOT NULL,
  trail jsonb NOT NULL,
  CHECK ((notice_from IS NULL AND notice_to IS NULL) OR (notice_from IS NOT NULL AND notice_to >= notice_from)),
  CHECK (status = 'draft' OR status = 'withdrawn' OR notice_from IS NOT NULL)
);
CREATE INDEX evaluation_run_region_year ON evaluation_run (region_code, year, created_at);
-- Only one final run per scheme, year and region.
CREATE UNIQUE INDEX evaluation_run_one_final ON evaluation_run (region_code, scheme_id, year) WHERE status = 'final';

-- Per-firm results: the reported total and percentile as NUMERIC (the scheme's rounding),
-- the exact values as fractions, the indicators and reasons as JSON. rank_key is the
-- cohort|rank|uscc sort key (C collation) that pages in RANK order.
CREATE TABLE evaluation_run_result (
  run_id text NOT NULL REFERENCES evaluation_run(id),
  uscc text NOT NULL,
  name text NOT NULL,
  town_code text NOT NULL,
  industry text NOT NULL,
  unit_id text NOT NULL,
  cohort_id text,
  status text NOT NULL,
  computed_class text CHECK (computed_class IN ('A', 'B', 'C', 'D', 'T')),
  class text CHECK (class IN ('A', 'B', 'C', 'D', 'T')),
  total text,
  total_reported numeric,
  rank integer CHECK (rank >= 1),
  ranked_count integer NOT NULL CHECK (ranked_count >= 0),
  percentile text,
  percentile_reported numeric,
  rank_key text COLLATE "C" NOT NULL,
  indicators json NOT NULL,
  reasons json NOT NULL,
  PRIMARY KEY (run_id, uscc)
);
-- rank_key starts with the cohort id, so this one index serves run + cohort + rank
-- (a cohort is the key range 'cohort|' .. 'cohort}'). indicators and reasons are json,
-- not jsonb: they are only read back whole, and json is not parsed on a bulk insert.
CREATE INDEX evaluation_run_result_rank ON evaluation_run_result (run_id, rank_key);
CREATE INDEX evaluation_run_result_town ON evaluation_run_result (run_id, town_code, rank_key);
CREATE INDEX evaluation_run_result_class ON evaluation_run_result (run_id, class, rank_key);

-- 异议 and their 复核.
CREATE TABLE evaluation_objection (
  id text PRIMARY KEY,
  run_id text NOT NULL REFERENCES evaluation_run(id),
  seq integer NOT NULL CHECK (seq >= 1),
  uscc text NOT NULL,
  town_code text NOT NULL,
  category text NOT NULL CHECK (category IN ('dataError', 'landArea', 'exemption', 'other')),
  reason text NOT NULL CHECK (reason <> ''),
  filed_by text NOT NULL,
  filed_at timestamptz NOT NULL,
  outcome text CHECK (outcome IN ('correction', 'override', 'dismissed')),
  resolution_reason text,
  resolved_by text,
  resolved_at timestamptz,
  override_class text CHECK (override_class IN ('A', 'B', 'C', 'D', 'T')),
  data_revision text,
  UNIQUE (run_id, seq),
  CHECK (outcome IS NULL OR (resolution_reason <> '' AND resolved_by IS NOT NULL AND resolved_at IS NOT NULL))
);
-- 提档/降档/定档: append-only.
CREATE TABLE evaluation_override (
  run_id text NOT NULL REFERENCES evaluation_run(id),
  seq integer NOT NULL CHECK (seq >= 1),
  uscc text NOT NULL,
  class_from text,
  class_to text NOT NULL CHECK (class_to IN ('A', 'B', 'C', 'D', 'T')),
  kind text NOT NULL CHECK (kind IN ('raise', 'lower', 'confirm')),
  reason text NOT NULL CHECK (reason <> ''),
  objection_id text REFERENCES evaluation_objection(id),
  actor text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE TRIGGER evaluation_override_no_update BEFORE UPDATE OR DELETE ON evaluation_override
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();

CREATE FUNCTION evaluation_run_final_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'final' THEN RAISE EXCEPTION 'evaluation run % is final', OLD.id; END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
CREATE TRIGGER evaluation_run_final BEFORE UPDATE OR DELETE ON evaluation_run
  FOR EACH ROW EXECUTE FUNCTION evaluation_run_final_guard();
CREATE FUNCTION evaluation_part_final_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM evaluation_run WHERE id = COALESCE(NEW.run_id, OLD.run_id) AND status = 'final') THEN
    RAISE EXCEPTION 'evaluation run % is final', COALESCE(NEW.run_id, OLD.run_id);
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
-- Row triggers on results guard updates and deletes only: a bulk insert of a new (draft)
-- run's results stays a plain insert.
CREATE TRIGGER evaluation_run_result_final BEFORE UPDATE OR DELETE ON evaluation_run_result
  FOR EACH ROW EXECUTE FUNCTION evaluation_part_final_guard();
CREATE TRIGGER evaluation_objection_final BEFORE INSERT OR UPDATE OR DELETE ON evaluation_objection
  FOR EACH ROW EXECUTE FUNCTION evaluation_part_final_guard();
`,
  },
  {
    version: 6,
    name: 'data revision',
    sql: `
-- One counter bumped by every write in its own transaction (with the audit
-- row), so gateways sharing the database key their response caches by it:
-- a write through any instance changes it once it commits.
CREATE TABLE data_revision (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  revision bigint NOT NULL
);
INSERT INTO data_revision (id, revision) VALUES (true, 0);
`,
  },
  {
    version: 7,
    name: 'campaign ledger bulk load',
    sql: `
-- Nothing reads events by date since campaign_daily (migration 3) holds the day totals:
-- the index only slowed every append.
DROP INDEX campaign_event_date;
-- An event's town must exist, as before, but checked once per statement over the rows
-- it inserted, not by a foreign-key query per row (a third of a bulk COPY's time).
-- Events are append-only (no UPDATE), so inserts are the only way in; a town that
-- events name cannot be deleted or renumbered (town_keeps_events below).
ALTER TABLE campaign_event DROP CONSTRAINT campaign_event_town_code_fkey;
CREATE FUNCTION campaign_event_town_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  -- Lock the towns as a foreign key does (FOR KEY SHARE: a concurrent delete waits), then name any missing.
  PERFORM 1 FROM town WHERE code IN (SELECT DISTINCT town_code FROM inserted) FOR KEY SHARE;
  SELECT i.town_code INTO missing FROM (SELECT DISTINCT town_code FROM inserted) i
   WHERE NOT EXISTS (SELECT 1 FROM town t WHERE t.code = i.town_code) LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert on table "campaign_event" violates foreign key constraint "campaign_event_town_code_fkey"'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (town_code)=(%s) is not present in table "town".', missing);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER campaign_event_town AFTER INSERT ON campaign_event REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION campaign_event_town_exists();
CREATE FUNCTION town_keeps_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.code = OLD.code THEN RETURN NEW; END IF;
  IF EXISTS (SELECT 1 FROM campaign_event WHERE town_code = OLD.code) THEN
    RAISE EXCEPTION 'update or delete on table "town" violates foreign key constraint "campaign_event_town_code_fkey" on table "campaign_event"'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (code)=(%s) is still referenced from table "campaign_event".', OLD.code);
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
CREATE TRIGGER town_keeps_events BEFORE DELETE OR UPDATE OF code ON town
  FOR EACH ROW EXECUTE FUNCTION town_keeps_events();
`,
  },
  {
    version: 8,
    name: 'registry bulk load',
    sql: `
-- Event ids are compared byte by byte (C collation): the unique (region_code, id) index
-- takes a bulk load's ids in random order, and a locale comparison per step of each
-- descent cost a quarter of a 1M-event load. Equality, all that uniqueness asks, is the
-- same under every deterministic collation; nothing sorts events by id.
ALTER TABLE campaign_event ALTER COLUMN id TYPE text COLLATE "C";

-- An enterprise's and a parcel's region, town and park must exist, as before, but are
-- checked once per statement over the rows it inserted or updated, as migration 7 does
-- for events, not by three foreign-key queries per row (half of the COPY of 100k firms).
-- The statement's rows are read once, down to their few distinct places. Same errors as
-- the foreign keys they replace: errcode foreign_key_violation, the constraint names,
-- messages and details. The referenced rows are locked as a foreign key locks them (FOR
-- KEY SHARE: a concurrent delete waits), and a referenced row cannot be deleted or have
-- its key changed (registry_keeps_references). annual_data keeps its foreign key on the
-- enterprise: one distinct key per row, a per-row check costs no more than a set one.
ALTER TABLE enterprise DROP CONSTRAINT enterprise_region_code_fkey,
  DROP CONSTRAINT enterprise_town_code_fkey, DROP CONSTRAINT enterprise_park_id_fkey;
ALTER TABLE parcel DROP CONSTRAINT parcel_region_code_fkey,
  DROP CONSTRAINT parcel_town_code_fkey, DROP CONSTRAINT parcel_park_id_fkey;

CREATE FUNCTION registry_missing_reference(tbl text, sch text, col text, key text, parent text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', tbl, tbl || '_' || col || '_fkey'
    USING ERRCODE = 'foreign_key_violation', CONSTRAINT = tbl || '_' || col || '_fkey', TABLE = tbl, SCHEMA = sch,
      DETAIL = format('Key (%s)=(%s) is not present in table "%s".', col, key, parent);
END $$;

-- For enterprise and parcel, whose region_code, town_code and park_id (NULL: no park)
-- name their place; "inserted" is the statement's new rows (of an INSERT or an UPDATE).
CREATE FUNCTION registry_place_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  regions text[];
  towns text[];
  parks text[];
  missing text;
BEGIN
  SELECT array_agg(DISTINCT region_code), array_agg(DISTINCT town_code),
         coalesce(array_agg(DISTINCT park_id) FILTER (WHERE park_id IS NOT NULL), '{}')
    INTO regions, towns, parks FROM (SELECT DISTINCT region_code, town_code, park_id FROM inserted) d;
  IF regions IS NULL THEN RETURN NULL; END IF;
  -- A row this transaction wrote (xmin ours) needs no lock: inserted, no other transaction
  -- can see it; updated, our own row lock holds until commit. Only the others' rows are
  -- locked (a fresh import's new region, towns and parks need none).
  PERFORM 1 FROM region WHERE code = ANY (regions) AND xmin <> pg_current_xact_id()::xid FOR KEY SHARE;
  PERFORM 1 FROM town WHERE code = ANY (towns) AND xmin <> pg_current_xact_id()::xid FOR KEY SHARE;
  PERFORM 1 FROM park WHERE id = ANY (parks) AND xmin <> pg_current_xact_id()::xid FOR KEY SHARE;
  SELECT k INTO missing FROM unnest(regions) k WHERE NOT EXISTS (SELECT 1 FROM region WHERE code = k) LIMIT 1;
  IF missing IS NOT NULL THEN PERFORM registry_missing_reference(TG_TABLE_NAME, TG_TABLE_SCHEMA, 'region_code', missing, 'region'); END IF;
  SELECT k INTO missing FROM unnest(towns) k WHERE NOT EXISTS (SELECT 1 FROM town WHERE code = k) LIMIT 1;
  IF missing IS NOT NULL THEN PERFORM registry_missing_reference(TG_TABLE_NAME, TG_TABLE_SCHEMA, 'town_code', missing, 'town'); END IF;
  SELECT k INTO missing FROM unnest(parks) k WHERE NOT EXISTS (SELECT 1 FROM park WHERE id = k) LIMIT 1;
  IF missing IS NOT NULL THEN PERFORM registry_missing_reference(TG_TABLE_NAME, TG_TABLE_SCHEMA, 'park_id', missing, 'park'); END IF;
  RETURN NULL;
END $$;

-- TG_ARGV: the referenced (key) column, then triples of referencing table, column and
-- constraint name. Refuses to delete a referenced row or change its key (NO ACTION).
CREATE FUNCTION registry_keeps_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key text := to_jsonb(OLD) ->> TG_ARGV[0];
  referenced boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) ->> TG_ARGV[0]) = key THEN RETURN NEW; END IF;
  FOR i IN 1 .. TG_NARGS - 1 BY 3 LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I = $1)', TG_ARGV[i], TG_ARGV[i + 1])
      INTO referenced USING key;
    IF referenced THEN
      RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"',
          TG_TABLE_NAME, TG_ARGV[i + 2], TG_ARGV[i]
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[i + 2], TABLE = TG_TABLE_NAME,
          SCHEMA = TG_TABLE_SCHEMA,
          DETAIL = format('Key (%s)=(%s) is still referenced from table "%s".', TG_ARGV[0], key, TG_ARGV[i]);
    END IF;
  END LOOP;
  RETURN COALESCE(NEW, OLD);
END $$;

-- A trigger with a transition table serves one event: one for INSERT, one for UPDATE.
CREATE TRIGGER enterprise_place_insert AFTER INSERT ON enterprise REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION registry_place_exists();
CREATE TRIGGER enterprise_place_update AFTER UPDATE ON enterprise REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION registry_place_exists();
CREATE TRIGGER parcel_place_insert AFTER INSERT ON parcel REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION registry_place_exists();
CREATE TRIGGER parcel_place_update AFTER UPDATE ON parcel REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION registry_place_exists();

CREATE TRIGGER region_keeps_registry BEFORE DELETE OR UPDATE OF code ON region FOR EACH ROW
  EXECUTE FUNCTION registry_keeps_references('code', 'enterprise', 'region_code', 'enterprise_region_code_fkey',
    'parcel', 'region_code', 'parcel_region_code_fkey');
CREATE TRIGGER town_keeps_registry BEFORE DELETE OR UPDATE OF code ON town FOR EACH ROW
  EXECUTE FUNCTION registry_keeps_references('code', 'enterprise', 'town_code', 'enterprise_town_code_fkey',
    'parcel', 'town_code', 'parcel_town_code_fkey');
CREATE TRIGGER park_keeps_registry BEFORE DELETE OR UPDATE OF id ON park FOR EACH ROW
  EXECUTE FUNCTION registry_keeps_references('id', 'enterprise', 'park_id', 'enterprise_park_id_fkey',
    'parcel', 'park_id', 'parcel_park_id_fkey');
`,
  },
  {
    version: 9,
    name: 'target set warning rule',
    sql: `
-- 预警规则 of a target set (a preset id as a JSON string, or the thresholds);
-- null: the core's default (银川 2025).
ALTER TABLE target_set ADD COLUMN warning jsonb;
`,
  },
];

/** Arbitrary constant: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 72_604_831;

/**
 * Applies every migration newer than the database's, in one transaction per
 * migration, under an advisory lock so two instances opening at once do not race.
 * @returns the versions applied now
 */
export async function migrate(sql: Sql, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS mujun_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM mujun_migrations')).map((r) => Number(r.version)),
    );
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO mujun_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
