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

/**
 * mujun's value types (数值类型): a neighbour that states its amounts, areas and
 * rates the way mujun publishes them copies these types as they are and marks
 * them `@shareable`; mujun's are shareable too, so both compose.
 */
const VALUE_TYPES = [
  'Money',
  'Area',
  'Rate',
  'Ratio',
  'Energy',
  'Electricity',
  'Emission',
  'EmissionEquivalent',
  'Water',
] as const;

/** The text of one definition (`type Money`, `enum Rounding`) in a printed SDL, up to its closing brace. */
function definition(sdl: string, head: string): string {
  const start = sdl.indexOf(`\n${head}\n`) >= 0 ? sdl.indexOf(`\n${head}\n`) : sdl.indexOf(`\n${head} {`);
  if (start < 0) throw new Error(`${head} is not in the SDL`);
  const end = sdl.indexOf('\n}\n', start);
  return sdl.slice(start + 1, end + 2);
}

/** A neighbour (a land office's, say) whose permits carry a fee, a site area and a density in mujun's value types. */
function valueNeighbour(mujunSdl: string): string {
  const copied = VALUE_TYPES.map((name) => definition(mujunSdl, `type ${name}`));
  return `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])
type Query { landPermit(id: ID!): LandPermit }
type LandPermit @key(fields: "id") { id: ID! fee: Money! site: Area! density: Rate }
scalar Decimal
${definition(mujunSdl, 'enum Rounding')}
${copied.join('\n')}`;
}

describe('composition with a neighbour that shares mujun’s value types', () => {
  const subgraphsWith = (mujunSdl: string) => [
    { name: 'mujun', url: 'http://127.0.0.1:1/graphql', sdl: mujunSdl },
    { name: 'land', url: 'http://127.0.0.1:3/graphql', sdl: valueNeighbour(mujunSdl) },
  ];

  it('composes: Money, Area, Rate and the other value types are shareable in mujun’s subgraph', () => {
    const sdl = printSubgraphSdl();
    for (const name of VALUE_TYPES) expect(definition(sdl, `type ${name}`)).toMatch(/^type \w+\n {2}@shareable\n\{/);
    const supergraph = composeSdl(subgraphsWith(sdl));
    for (const name of VALUE_TYPES) {
      expect(supergraph).toMatch(new RegExp(`type ${name} @join__type\\(graph: LAND\\) @join__type\\(graph: MUJUN\\)`));
    }
  });

  it('would not compose if one were not (the failure this guards against)', () => {
    const unshared = printSubgraphSdl().replace(/type Money\n {2}@shareable/, 'type Money');
    expect(() => composeSdl(subgraphsWith(unshared))).toThrow(/composition failed:[\s\S]*Money/);
  });
});
