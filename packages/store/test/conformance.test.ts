import { PGlite } from '@electric-sql/pglite';
import { MemoryRepository } from '@mujun/core';
import { openStore } from '@mujun/store';
import { afterAll, describe, it } from 'vitest';
import { repositoryConformance } from './conformance';
import { testDatabaseUrl, uniqueSchema } from './postgres-env';

repositoryConformance('memory', async () => ({ repository: new MemoryRepository(), close: async () => {} }));

// One PGlite for the file (its start-up takes seconds), a fresh schema per test.
let pglite: PGlite | undefined;
afterAll(async () => {
  await pglite?.close();
});
repositoryConformance('pglite', async () => {
  pglite ??= await PGlite.create();
  const schema = uniqueSchema();
  const open = async () => {
    const store = await openStore({ pglite: pglite as PGlite, schema });
    return { repository: store.repository, close: () => store.close(), reopen: open };
  };
  return open();
});

const url = testDatabaseUrl();
if (url) {
  repositoryConformance('postgres', async () => {
    const schema = uniqueSchema();
    const store = await openStore({ databaseUrl: url, schema });
    const reopen = async () => {
      const second = await openStore({ databaseUrl: url, schema });
      return { repository: second.repository, close: () => second.close() };
    };
    return {
      repository: store.repository,
      reopen,
      close: async () => {
        await store.sql.exec(`DROP SCHEMA "${schema}" CASCADE`);
        await store.close();
      },
    };
  });
} else {
  describe('repository conformance: postgres', () => {
    it.skip('set TEST_DATABASE_URL to run the PostgreSQL leg', () => {});
  });
}
