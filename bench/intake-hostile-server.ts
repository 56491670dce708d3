/**
 * The gateway for the hostile-files run of `bench/intake.bench.ts`, in its
 * own process and from the built packages (as `mujun-gateway` runs it: the
 * upload worker is dist/upload-worker.js): a memory store seeded from
 * examples/tongxiang-2018. Prints `PORT <n>`; answers an IPC `rss` message
 * with its RSS and peak RSS (MB) and the time its main thread (the event
 * loop) has been busy so far (ms; workers not included).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MemoryRepository } from '../packages/core/dist/index.js';
import { createGateway, seedFromExample } from '../packages/graphql/dist/index.js';

// The built core's repository, typed as the gateway's (typecheck reads the sources' types).
type GatewayRepository = Parameters<typeof createGateway>[0]['repository'];
const repository = new MemoryRepository() as unknown as GatewayRepository;
await seedFromExample(repository, fileURLToPath(new URL('../examples/tongxiang-2018/data', import.meta.url)));
const yoga = createGateway({
  repository,
  logging: false,
  graphiql: false,
  singleWriter: true,
  maxBodyBytes: 16 * 1024 * 1024,
  auth: { secret: process.env.BENCH_SECRET ?? '' },
});
const server = createServer(yoga);
// Longer than the bench's client keeps an idle socket: on a loaded machine a late timer would
// otherwise close a socket the client is reusing (ECONNRESET, not a failure of the gateway).
server.keepAliveTimeout = 65_000;
process.on('message', (m) => {
  if (m === 'rss') {
    process.send?.({
      rssMb: Math.round(process.memoryUsage().rss / 1048576),
      peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
      busyMs: Math.round(performance.eventLoopUtilization().active),
    });
  }
});
server.listen(0, '127.0.0.1', () => {
  console.log(`PORT ${(server.address() as AddressInfo).port}`);
});
