import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryGateway } from './fixtures';

/**
 * The GraphQL-over-HTTP server audit of the `graphql-http` package (written
 * by others, for every server): every MUST and SHOULD passes, in development
 * and in production mode, against the gateway started on a real socket.
 */
for (const production of [false, true]) {
  describe(`graphql-http server audit (${production ? 'production' : 'development'})`, () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      const { yoga } = await memoryGateway({ production });
      server = createServer(yoga);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    for (const audit of serverAudits({ url: () => url })) {
      if (audit.name.startsWith('MAY')) continue;
      it(audit.name, async () => {
        const result = await audit.fn();
        expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
      });
    }
  });
}
