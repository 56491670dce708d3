import { randomBytes } from 'node:crypto';

/** The PostgreSQL server of the test run, if any (`.ci/run` sets it when one answers). */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url && url.length > 0 ? url : undefined;
}

/** A fresh schema name, so parallel test files never share tables. */
export function uniqueSchema(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}
