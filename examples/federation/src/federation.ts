/**
 * Two subgraphs and a gateway on 127.0.0.1: mujun's subgraph (the 亩均办's
 * data), a power utility's subgraph, and Hive Gateway serving the supergraph
 * composed from the SDL each subgraph serves at `_service { sdl }`.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { MemoryRepository, type Repository } from '@mujun/core';
import { createGateway, seedFromExample } from '@mujun/graphql';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { exportPolicyList, meterReadings } from './handover';
import { createUtilityServer, EXAMPLE_TARIFF } from './utility';

export const HOST = '127.0.0.1';
export const CITY = '330483';
/** The evaluation whose classes the utility bills: 2018 data, billed in 2019. */
export const POLICY = { schemeId: 'tongxiang-2018-example', dataYear: 2018, billingYear: 2019 } as const;

export interface FederationOptions {
  /** HS256 secret shared by the token issuer and mujun's subgraph (at least 32 bytes). */
  readonly secret: string;
  /** Ports on 127.0.0.1; 0 (the default) picks free ones. */
  readonly ports?: { readonly gateway?: number; readonly mujun?: number; readonly utility?: number };
  /** mujun's store; default: a memory store loaded with examples/tongxiang-2018. */
  readonly repository?: Repository;
}

export interface Federation {
  readonly gatewayUrl: string;
  readonly subgraphs: { readonly mujun: string; readonly utility: string };
  readonly supergraphSdl: string;
  readonly repository: Repository;
  close(): Promise<void>;
}

async function listen(server: Server, port: number): Promise<string> {
  server.listen(port, HOST);
  await once(server, 'listening');
  return `http://${HOST}:${(server.address() as AddressInfo).port}/graphql`;
}

/** The SDL a running subgraph serves for composition (`_service { sdl }`). */
export async function subgraphSdl(url: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await res.json()) as { data?: { _service: { sdl: string } }; errors?: { message: string }[] };
  if (!body.data) throw new Error(`${url} served no SDL: ${body.errors?.map((e) => e.message).join('; ')}`);
  return body.data._service.sdl;
}

/**
 * Composes a supergraph from subgraph SDLs with @theguild/federation-composition.
 * @throws Error listing every composition error
 */
export function composeSdl(subgraphs: readonly { name: string; url: string; sdl: string }[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (compositionHasErrors(result)) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

/** Reads each running subgraph's SDL and composes them (`composeSdl`). */
export async function composeSupergraph(subgraphs: Readonly<Record<string, string>>): Promise<string> {
  return composeSdl(
    await Promise.all(
      Object.entries(subgraphs).map(async ([name, url]) => ({ name, url, sdl: await subgraphSdl(url) })),
    ),
  );
}

/** Starts both subgraphs, composes them and serves the supergraph through Hive Gateway. */
export async function startFederation(options: FederationOptions): Promise<Federation> {
  let repository = options.repository;
  if (!repository) {
    repository = new MemoryRepository();
    await seedFromExample(repository, fileURLToPath(new URL('../../tongxiang-2018/data', import.meta.url)));
  }

  const utilityData = {
    accounts: await meterReadings(repository, CITY, [2017, 2018]),
    lists: [await exportPolicyList(repository, { ...POLICY, city: CITY, secret: options.secret })],
    tariff: EXAMPLE_TARIFF,
    secret: options.secret,
  };
  const servers: Server[] = [];
  const serve = (handler: Parameters<typeof createServer>[1], port = 0) => {
    const server = createServer(handler);
    servers.push(server);
    return listen(server, port);
  };

  const mujun = createGateway({ repository, subgraph: true, auth: { secret: options.secret }, logging: false });
  const subgraphs = {
    mujun: await serve(mujun, options.ports?.mujun),
    utility: await serve(createUtilityServer(utilityData), options.ports?.utility),
  };
  const supergraphSdl = await composeSupergraph(subgraphs);

  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    // The caller's bearer token goes on to every subgraph: mujun checks it, so a
    // town operator has the same rights through the gateway as without it.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
    logging: false,
    landingPage: false,
    // Yoga's GraphiQL page loads its scripts from a CDN: off, as intranets are offline.
    graphiql: false,
  });
  const gatewayUrl = await serve(gateway, options.ports?.gateway);

  return {
    gatewayUrl,
    subgraphs,
    supergraphSdl,
    repository,
    async close() {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
      await gateway.dispose();
    },
  };
}
