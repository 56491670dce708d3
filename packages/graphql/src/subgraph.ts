import { printSubgraphSchema } from '@apollo/subgraph';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError, type GraphQLSchema, lexicographicSortSchema } from 'graphql';
import { canRead } from './auth';
import type { MujunContext } from './context';
import { NotAuthorisedError } from './errors';
import { cityOf } from './lookups';
import { authMessages, gatewayMessages } from './messages';
import { createMujunBuilder, type TypeFamily } from './schema';
import { splitScopedId } from './types/parcel';

/**
 * The entities mujun's subgraph offers other subgraphs (联邦实体), with the
 * key each is resolved by. Keys are the identifiers other systems already
 * hold: a firm's 统一社会信用代码, the statistical division codes, and the
 * Relay global ids of parcels and parks (their own ids are unique only
 * within a city, so the global id, which carries the city, is the key).
 */
export const SUBGRAPH_ENTITIES = {
  Enterprise: 'uscc',
  Town: 'code',
  Region: 'code',
  LandParcel: 'id',
  Park: 'id',
} as const;

/**
 * The reference resolvers' check: `_entities` is not a Pothos field, so the
 * Query type's `viewer` scope does not cover it; this is that same rule.
 */
function mayRead(ctx: MujunContext): void {
  if (!canRead(ctx.principal)) throw new NotAuthorisedError(authMessages.readDenied, { requiredRole: 'viewer' });
}

/** The owner's id inside a LandParcel or Park global id, or undefined when the id is not of `typename`. */
function scopedIdOf(globalId: string, typename: string): { city: string; id: string } | undefined {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    return undefined;
  }
  if (decoded.typename !== typename || !decoded.id.includes(':')) return undefined;
  return splitScopedId(decoded.id);
}

/**
 * Declares mujun's entities and their reference resolvers. Every resolver
 * goes through the request's dataloaders, so a gateway asking for a page of
 * representations costs one batched repository call per kind (enterprises:
 * one `getEnterprises` for all USCCs; towns, parcels, parks: one read per city).
 */
const addEntities: TypeFamily = (builder, refs) => {
  builder.asEntity(refs.Enterprise, {
    key: builder.selection<{ uscc: string }>('uscc'),
    resolveReference: async (ref, ctx) => {
      mayRead(ctx);
      return (await ctx.loaders.enterprise.load(ref.uscc)) ?? null;
    },
  });
  builder.asEntity(refs.Town, {
    key: builder.selection<{ code: string }>('code'),
    resolveReference: async (ref, ctx) => {
      mayRead(ctx);
      if (!/^\d{12}$/.test(ref.code)) return null;
      return (await ctx.loaders.region.load(cityOf(ref.code)))?.towns.find((t) => t.code === ref.code) ?? null;
    },
  });
  builder.asEntity(refs.Region, {
    key: builder.selection<{ code: string }>('code'),
    resolveReference: async (ref, ctx) => {
      mayRead(ctx);
      if (!/^\d{6}$/.test(ref.code)) return null;
      return (await ctx.loaders.region.load(ref.code)) ?? null;
    },
  });
  builder.asEntity(refs.LandParcel, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: async (ref, ctx) => {
      mayRead(ctx);
      const scoped = scopedIdOf(ref.id, 'LandParcel');
      if (!scoped) return null;
      return (await ctx.loaders.parcelsOfRegion.load(scoped.city)).find((p) => p.id === scoped.id) ?? null;
    },
  });
  builder.asEntity(refs.Park, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: async (ref, ctx) => {
      mayRead(ctx);
      const scoped = scopedIdOf(ref.id, 'Park');
      if (!scoped) return null;
      return (await ctx.loaders.parksOfRegion.load(scoped.city)).find((p) => p.id === scoped.id) ?? null;
    },
  });
};

/**
 * mujun's schema as an Apollo Federation v2 subgraph (联邦子图): the same
 * types, fields and auth rules as `createSchema`, plus `@key` on the
 * entities in `SUBGRAPH_ENTITIES`, `_entities` and `_service`. Serve it with
 * `createGateway({ repository, subgraph: true })` (or pass it as `schema`)
 * and compose it with other subgraphs in a federation gateway
 * (docs/composition.md). `extend` may add types and fields, as with `createSchema`.
 *
 * The `@link` URL names the federation spec version (v2.6); nothing is fetched from it.
 */
export function createSubgraphSchema(extend?: TypeFamily): GraphQLSchema {
  const { builder, refs } = createMujunBuilder({ federation: true });
  addEntities(builder, refs);
  extend?.(builder, refs);
  const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  limitRepresentations(schema);
  return schema;
}

/**
 * `_entities` is not a Pothos field, so the complexity limit does not see how
 * many representations it is sent: each costs at least one field, so more
 * than `maxComplexity` of them are refused the way a too costly query is.
 */
function limitRepresentations(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve) return;
  field.resolve = (root, args: { representations?: unknown }, ctx: MujunContext, info) => {
    const count = Array.isArray(args.representations) ? args.representations.length : 0;
    const max = ctx.limits.maxComplexity;
    if (count > max) {
      throw new GraphQLError(gatewayMessages.complexity('Complexity', count, max), {
        extensions: { code: 'MAX_COMPLEXITY_EXCEEDED', actual: count, max },
      });
    }
    return resolve(root, args, ctx, info);
  };
}

let built: GraphQLSchema | undefined;

/** mujun's subgraph schema (without extensions), built on first use and kept. */
export function subgraphSchema(): GraphQLSchema {
  built ??= createSubgraphSchema();
  return built;
}

/**
 * The subgraph SDL as committed in `subgraph.graphql`: sorted and printed
 * with its federation directives (`@link`, `@key`), which `printSchema` drops.
 */
export function printSubgraphSdl(s: GraphQLSchema = subgraphSchema()): string {
  return `${printSubgraphSchema(lexicographicSortSchema(s))}\n`;
}
