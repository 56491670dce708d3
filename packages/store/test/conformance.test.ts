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
  const store = await openStore({ pglite, schema });
  return { repository: store.repository, close: () => store.close() };
});

const url = testDatabaseUrl();
if (url) {
  repositoryConformance('postgres', async () => {
    const schema = uniqueSchema();
    const store = await openStore({ databaseUrl: url, schema });
    return {
      repository: store.repository,
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
