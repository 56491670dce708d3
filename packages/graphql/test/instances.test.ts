import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mintDevToken } from '@mujun/graphql';
import { openStore, type Store } from '@mujun/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, uniqueSchema } from '../../store/test/postgres-env';
import { SECRET } from './fixtures';

/*
 * Several instances (issue 12, item 8): two real gateway processes — the
 * committed bin shim, as an operator starts it — on one PostgreSQL database
 * (a fresh one per run, dropped afterwards). A write through one is seen
 * through the other on the very next request although the other has the old
 * answer cached; conflicting writes through both lose nothing: one wins, the
 * other is told VersionConflict and succeeds on retry.
 */

const url = testDatabaseUrl();
const BIN = fileURLToPath(new URL('../bin/mujun-gateway.js', import.meta.url));

interface Instance {
  readonly child: ChildProcess;
  readonly endpoint: string;
  readonly output: string[];
}

/** Starts the bin on a free port of 127.0.0.1 and resolves once it listens. */
function start(databaseUrl: string, dataDir: string): Promise<Instance> {
  const child = spawn(process.execPath, [BIN], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      MUJUN_JWT_SECRET: SECRET,
      MUJUN_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((ok, fail) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      const found = /mujun gateway on (http:\/\/\S+\/graphql)/.exec(output.join(''));
      if (found?.[1]) ok({ child, endpoint: found[1].replace('localhost', '127.0.0.1'), output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('exit', (code) => fail(new Error(`gateway exited ${code}: ${output.join('')}`)));
  });
}

function stop(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    instance.child.once('exit', () => ok());
    instance.child.kill('SIGTERM');
  });
}

type Data = Record<string, unknown>;

async function post(instance: Instance, query: string, variables: Data = {}, token?: string) {
  const res = await fetch(instance.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Data; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as Data;
}

const FIRM =
  '{ enterprises(city: "330483", first: 1) { edges { node { uscc name town { name } industry { code } registeredOn } } } }';
const SAVE = `mutation ($input: SaveEnterprisesInput!) { saveEnterprises(input: $input) { __typename } }`;
const VERSION = '{ ledgerVersion(city: "330483") }';
const RECORD = `mutation ($input: RecordCampaignEventsInput!) { recordCampaignEvents(input: $input) {
  __typename ... on RecordCampaignEventsSuccess { version } ... on VersionConflict { expectedVersion actualVersion } } }`;
const EVENTS = `{ campaignEvents(city: "330483", from: "2018-12-30", to: "2018-12-30", town: "石门", type: LOW_SCATTERED_REMEDIATED, first: 1) { totalCount } }`;

const workshop = (id: string) => ({
  type: 'LOW_SCATTERED_REMEDIATED',
  id,
  date: '2018-12-30',
  townCode: '330483108000',
  workshopName: `作坊${id}`,
  outcome: 'CLOSED_ELIMINATED',
});

describe.skipIf(!url)('two gateway processes on one PostgreSQL', () => {
  const database = uniqueSchema();
  const dataDir = mkdtempSync(join(tmpdir(), 'mujun-instances-'));
  let a: Instance | undefined;
  let b: Instance | undefined;
  let admin = '';
  // A connection to the test database (in a schema of its own) that creates and drops the instances' database.
  let control: Store | undefined;

  beforeAll(async () => {
    control = await openStore({ databaseUrl: url as string, schema: database });
    await control.sql.exec(`CREATE DATABASE ${database}`);
    const own = new URL(url as string);
    own.pathname = `/${database}`;
    // A seeds the empty database; B starts on the seeded one.
    a = await start(own.href, join(dataDir, 'a'));
    b = await start(own.href, join(dataDir, 'b'));
    admin = await mintDevToken({
      role: 'cityAdmin',
      city: '330483',
      secret: SECRET,
      subject: 'instances',
      issuer: 'mujun',
      audience: 'mujun-gateway',
    });
  }, 240_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await control?.sql.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await control?.sql.exec(`DROP SCHEMA IF EXISTS "${database}" CASCADE`);
    await control?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('a write through one is seen through the other on the next request, its cached answer notwithstanding', async () => {
    const A = a as Instance;
    const B = b as Instance;
    const nodeOf = (data: Data) => (data.enterprises as { edges: { node: Data }[] }).edges[0]?.node as Data;
    const firm = nodeOf(await post(B, FIRM, {}, admin));
    // Asked twice: B now answers it from its response cache.
    expect(nodeOf(await post(B, FIRM, {}, admin))).toEqual(firm);
    const renamed = `${String(firm.name)}（经A改名）`;
    const input = {
      city: '330483',
      enterprises: [
        {
          uscc: firm.uscc,
          name: renamed,
          town: (firm.town as Data).name,
          industry: (firm.industry as Data).code,
          registeredOn: firm.registeredOn,
        },
      ],
    };
    expect((await post(A, SAVE, { input }, admin)).saveEnterprises).toEqual({ __typename: 'SaveEnterprisesSuccess' });
    expect(nodeOf(await post(B, FIRM, {}, admin)).name).toBe(renamed);
    expect(nodeOf(await post(B, FIRM)).name).toBe(renamed); // anonymous (viewer) answers too
  });

  it('conflicting ledger writes through both: one wins, the other is told VersionConflict; the retry loses nothing', async () => {
    const A = a as Instance;
    const B = b as Instance;
    const count = async (instance: Instance) =>
      Number(((await post(instance, EVENTS)).campaignEvents as Data).totalCount);
    const before = await count(B);
    const version = Number((await post(B, VERSION)).ledgerVersion);
    expect(Number((await post(A, VERSION)).ledgerVersion)).toBe(version);
    const batch = (id: string, expectedVersion: number) => ({
      input: { city: '330483', expectedVersion, events: [workshop(id)] },
    });
    const [ra, rb] = await Promise.all([
      post(A, RECORD, batch('INST-A', version), admin),
      post(B, RECORD, batch('INST-B', version), admin),
    ]);
    const results = [ra.recordCampaignEvents, rb.recordCampaignEvents] as Data[];
    const kinds = results.map((r) => r.__typename).sort();
    expect(kinds).toEqual(['RecordCampaignEventsSuccess', 'VersionConflict']);
    const loser = results.findIndex((r) => r.__typename === 'VersionConflict');
    expect(results[loser]).toMatchObject({ expectedVersion: version, actualVersion: version + 1 });
    // The loser reads again (the next request through its own instance) and retries.
    const [via, id] = loser === 0 ? [A, 'INST-A'] : [B, 'INST-B'];
    const seen = Number((await post(via, VERSION)).ledgerVersion);
    expect(seen).toBe(version + 1);
    expect((await post(via, RECORD, batch(id, seen), admin)).recordCampaignEvents).toEqual({
      __typename: 'RecordCampaignEventsSuccess',
      version: version + 2,
    });
    for (const instance of [A, B]) {
      expect(Number((await post(instance, VERSION)).ledgerVersion)).toBe(version + 2);
      expect(await count(instance)).toBe(before + 2);
    }
  });

  it('concurrent writes of different firms through both: every acknowledged one is there, seen through both', async () => {
    const A = a as Instance;
    const B = b as Instance;
    const PAGE =
      '{ enterprises(city: "330483", first: 3) { edges { node { uscc name town { name } industry { code } registeredOn } } } }';
    const firms = ((await post(A, PAGE, {}, admin)).enterprises as { edges: { node: Data }[] }).edges.map(
      (e) => e.node,
    );
    const write = (via: Instance, firm: Data, name: string) =>
      post(
        via,
        SAVE,
        {
          input: {
            city: '330483',
            enterprises: [
              {
                uscc: firm.uscc,
                name,
                town: (firm.town as Data).name,
                industry: (firm.industry as Data).code,
                registeredOn: firm.registeredOn,
              },
            ],
          },
        },
        admin,
      );
    const names = firms.map((_f, i) => `并发改名${i}`);
    const acks = await Promise.all(firms.map((f, i) => write(i % 2 === 0 ? A : B, f, names[i] as string)));
    for (const ack of acks) expect(ack.saveEnterprises).toEqual({ __typename: 'SaveEnterprisesSuccess' });
    for (const instance of [A, B]) {
      const now = ((await post(instance, PAGE, {}, admin)).enterprises as { edges: { node: Data }[] }).edges;
      expect(now.map((e) => e.node.name)).toEqual(names);
    }
  });
});
