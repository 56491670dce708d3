import { printSubgraphSdl } from '@mujun/graphql';
import { describe, expect, it } from 'vitest';
import { composeSdl } from './src/federation';

/**
 * A Relay-style neighbour subgraph (a permits office's, say) with its own
 * connection and the `PageInfo` every Relay schema defines alike. Both
 * subgraphs mark `PageInfo` `@shareable`, so they compose; before mujun did,
 * composition failed with INVALID_FIELD_SHARING on its four fields.
 */
const NEIGHBOUR = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])
type Query { permits(first: Int, after: String): PermitConnection! }
type PermitConnection { edges: [PermitEdge!]! pageInfo: PageInfo! }
type PermitEdge { cursor: String! node: Permit! }
type Permit @key(fields: "id") { id: ID! holder: Enterprise! }
type Enterprise @key(fields: "uscc", resolvable: false) { uscc: ID! }
type PageInfo @shareable {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}`;

const subgraphs = (mujunSdl: string) => [
  { name: 'mujun', url: 'http://127.0.0.1:1/graphql', sdl: mujunSdl },
  { name: 'permits', url: 'http://127.0.0.1:2/graphql', sdl: NEIGHBOUR },
];

describe('composition with a Relay-style neighbour subgraph', () => {
  it('composes: PageInfo is shareable in mujun’s subgraph', () => {
    const sdl = printSubgraphSdl();
    expect(sdl).toMatch(/type PageInfo\n {2}@shareable/);
    const supergraph = composeSdl(subgraphs(sdl));
    expect(supergraph).toMatch(/type PageInfo @join__type\(graph: MUJUN\) @join__type\(graph: PERMITS\)/);
  });

  it('would not compose without it (the failure this guards against)', () => {
    const unshared = printSubgraphSdl().replace(/type PageInfo\n {2}@shareable/, 'type PageInfo');
    expect(() => composeSdl(subgraphs(unshared))).toThrow(/composition failed:[\s\S]*PageInfo/);
  });
});
