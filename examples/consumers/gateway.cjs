// A CommonJS consumer of @mujun/graphql and @mujun/store (their dist/index.cjs): a gateway over a
// MemoryRepository answers one query; the store's PostgreSQL driver constructs its pool.
const { MemoryRepository, TONGXIANG_2018_INPUT } = require('@mujun/core');
const { createGateway, mintDevToken } = require('@mujun/graphql');
const { MIGRATIONS } = require('@mujun/store');
const { openPostgres } = require('@mujun/store/postgres');

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
  console.log(JSON.stringify({ format: 'cjs', answer: await res.json(), migrations: MIGRATIONS.length > 0, pg }));
}

main();
