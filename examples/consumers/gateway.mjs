// An ESM consumer of @mujun/graphql and @mujun/store (their dist/index.js): a gateway over a
// MemoryRepository answers one query; the store's PostgreSQL driver constructs its pool.
import { MemoryRepository, TONGXIANG_2018_INPUT } from '@mujun/core';
import { createGateway, mintDevToken } from '@mujun/graphql';
import { MIGRATIONS } from '@mujun/store';
import { openPostgres } from '@mujun/store/postgres';

const secret = 'consumer-secret-consumer-secret-consumer!';

async function main() {
  const repository = new MemoryRepository();
  await repository.saveRegion(TONGXIANG_2018_INPUT, { actor: 'consumer' });
  const yoga = createGateway({ repository, auth: { secret }, logging: false });
  const token = await mintDevToken({ role: 'viewer', secret });
  const res = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ region(city: "330483") { name } }' }),
  });
  // Nothing listens on port 1: the pool is built (pg's default import resolved), then refused.
  const pg = await openPostgres({ url: 'postgres://postgres@127.0.0.1:1/none', schema: 'consumer' }).then(
    () => 'connected',
    (e) => e.code,
  );
  console.log(JSON.stringify({ format: 'esm', answer: await res.json(), migrations: MIGRATIONS.length > 0, pg }));
}

await main();
