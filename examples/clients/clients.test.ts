import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { generate } from '@graphql-codegen/cli';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { GraphQLClient, type RequestOptions } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from './codegen';
import { SHIMEN, type StartedGateway, startGateway } from './src/gateway';
import { possibleTypesOf } from './src/possible-types';
import { type Execute, runScenario, type ScenarioResult } from './src/scenario';

/*
 * Three GraphQL clients nobody here wrote, each with its default options
 * (only the endpoint and the bearer header are set), run the same typed
 * documents against the gateway started on 127.0.0.1. The gateway records the
 * method of every request, so the test fails if a client's default changes
 * under us (urql stops sending queries as GET) or the gateway stops accepting
 * it (urql's GET queries were 403 while CSRF prevention was on by default).
 */

const isMutation = (document: TypedDocumentNode<unknown, never>) =>
  document.definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'mutation');

const SDL = new URL('../../packages/graphql/schema.graphql', import.meta.url);

const QUERIES = ['RegionTowns', 'TownEnterprises', 'TownEnterprises', 'CampaignStatistics'];

/** What every client must read back from the article's 2018 ledger. */
function expectScenario(result: ScenarioResult) {
  expect(result.regionName).toBe('桐乡市');
  expect(result.towns).toBe(11);
  expect(result.shimenKindLabel).toBe('镇');
  // Two pages of two firms, following the cursor: no firm twice.
  expect(result.pages).toHaveLength(2);
  expect(result.pages.map((p) => p.length)).toEqual([2, 2]);
  expect(new Set(result.pages.flat()).size).toBe(4);
  expect(result.totalCount).toBeGreaterThan(4);
  // Exact quantities: 4574亩 signed (the article's figure); 1亩 = 2000/3 m²,
  // so square metres have no finite form and come rounded to 10 places.
  expect(result.vacatingSignedMu).toBe('4574');
  expect(result.vacatingSignedSquareMetres).toBe('3049333.3333333333');
  expect(result.vacatingSignedHectares).toBe('304.9333');
  expect(result.saved.typename).toBe('SaveEnterprisesSuccess');
  expect(result.saved.towns).toEqual([SHIMEN]);
}

interface ClientCase {
  name: string;
  /** The HTTP method each operation must arrive with, in order. */
  methods: (operations: string[]) => string[];
  client(gateway: StartedGateway): Execute;
}

const cases: ClientCase[] = [
  {
    name: 'urql (@urql/core, default preferGetMethod: queries as GET)',
    methods: (ops) => ops.map((op) => (op === 'SaveEnterprises' ? 'POST' : 'GET')),
    client(gateway) {
      const client = new Client({
        url: gateway.url,
        exchanges: [cacheExchange, fetchExchange],
        fetchOptions: { headers: { authorization: `Bearer ${gateway.townOperatorToken}` } },
      });
      return async (document, variables) => {
        const op = isMutation(document as TypedDocumentNode<unknown, never>)
          ? client.mutation(document, variables)
          : client.query(document, variables);
        const { data, error } = await op.toPromise();
        if (error) throw error;
        if (data === undefined) throw new Error('urql: no data');
        return data;
      };
    },
  },
  {
    name: 'Apollo Client (HttpLink, POST)',
    methods: (ops) => ops.map(() => 'POST'),
    client(gateway) {
      const client = new ApolloClient({
        link: new HttpLink({ uri: gateway.url, headers: { authorization: `Bearer ${gateway.townOperatorToken}` } }),
        // The one setting Apollo needs beyond its defaults to match `... on`
        // fragments of unions (else it warns that data might be lost).
        cache: new InMemoryCache({ possibleTypes: possibleTypesOf(SDL) }),
      });
      return async (document, variables) => {
        const { data } = isMutation(document as TypedDocumentNode<unknown, never>)
          ? await client.mutate({ mutation: document, variables })
          : await client.query({ query: document, variables });
        if (data === undefined || data === null) throw new Error('Apollo Client: no data');
        return data as never;
      };
    },
  },
  {
    name: 'graphql-request (POST)',
    methods: (ops) => ops.map(() => 'POST'),
    client(gateway) {
      const client = new GraphQLClient(gateway.url, {
        headers: { authorization: `Bearer ${gateway.townOperatorToken}` },
      });
      return (document, variables) =>
        client.request<never>({ document, variables } as RequestOptions<Record<string, unknown>, never>);
    },
  },
];

cases.forEach((clientCase, index) => {
  describe(clientCase.name, () => {
    let gateway: StartedGateway;
    beforeAll(async () => {
      gateway = await startGateway();
    });
    afterAll(() => gateway.close());

    it('runs the queries and the mutation with its default options', async () => {
      const result = await runScenario(clientCase.client(gateway), index + 1);
      expectScenario(result);

      const operations = [...QUERIES, 'SaveEnterprises'];
      expect(gateway.seen.map((r) => r.operationName)).toEqual(operations);
      expect(gateway.seen.map((r) => r.method)).toEqual(clientCase.methods(operations));
      expect(gateway.seen.map((r) => r.status)).toEqual(operations.map(() => 200));
    });
  });
});

describe('generated documents', () => {
  it('are current with the committed SDL (pnpm --filter @mujun/example-clients codegen)', async () => {
    const here = fileURLToPath(new URL('./', import.meta.url));
    const outputs = await generate({ ...config, cwd: here, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const committed = readFileSync(new URL(output.filename, new URL('./', import.meta.url)), 'utf8');
      expect(committed, output.filename).toBe(output.content);
    }
  });
});
