import { printSubgraphSchema } from '@apollo/subgraph';
import { safeParseUscc } from '@mujun/core';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { decodeGlobalID } from '@pothos/plugin-relay';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  Kind,
  lexicographicSortSchema,
} from 'graphql';
import { canRead } from './auth';
import { complexityError } from './builder';
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
 * Most representations one `_entities` request may send (default 1000): a
 * larger list is refused at validation, before any is resolved. Within it,
 * the complexity limit prices each representation at its selection.
 */
export const MAX_REPRESENTATIONS = 1000;

type Representation = { readonly __typename: string } & Record<string, unknown>;

/**
 * What is wrong with one representation (named by its index), or the
 * representation with its key canonicalised (a USCC parsed: NFKC, trimmed,
 * upper-cased, check digits) — before any reference resolver reads it.
 */
function checkRepresentation(rep: unknown, index: number): Representation | GraphQLError {
  const invalid = (message: string, typename?: unknown) =>
    new GraphQLError(message, {
      extensions: {
        code: 'INVALID_REPRESENTATION',
        index,
        ...(typename === undefined ? {} : { typename }),
      },
    });
  if (rep === null || typeof rep !== 'object' || Array.isArray(rep)) {
    return invalid(gatewayMessages.representationNotObject(index));
  }
  const r = rep as Record<string, unknown>;
  const typename = r.__typename;
  const entities = Object.keys(SUBGRAPH_ENTITIES);
  if (typeof typename !== 'string' || !Object.hasOwn(SUBGRAPH_ENTITIES, typename)) {
    return invalid(gatewayMessages.representationType(index, typename, entities), typename);
  }
  const key = SUBGRAPH_ENTITIES[typename as keyof typeof SUBGRAPH_ENTITIES];
  const value = r[key];
  if (typeof value !== 'string') return invalid(gatewayMessages.representationKey(index, typename, key), typename);
  if (typename === 'Enterprise') {
    const parsed = safeParseUscc(value, `representations[${index}].uscc`);
    if (!parsed.ok) {
      return invalid(gatewayMessages.representationUscc(index, parsed.issues[0]?.message ?? 'not a USCC'), typename);
    }
    return { ...r, __typename: typename, uscc: parsed.value };
  }
  return { ...r, __typename: typename };
}

/**
 * `_entities` is not a Pothos field, so the complexity plugin neither
 * wraps it nor prices its list; this gives it the gateway's own rules:
 * - at most `MAX_REPRESENTATIONS`, counted before anything else;
 * - priced by the complexity rule (the same plugin, depth, breadth and
 *   limits) with `_entities` costing representations × selection (its
 *   `complexity` extension), so 1,000 representations each asking
 *   `town { enterprises(first: 100) { … } }` are refused as the same shape
 *   is on the main gateway, before anything is resolved;
 * - each representation checked first: a bad one (not an object, an unknown
 *   `__typename`, no key, a USCC that is not one) becomes a typed error at
 *   its own index (`INVALID_REPRESENTATION`, naming it) while the others
 *   still resolve. Each is resolved on its own, concurrently, so the
 *   dataloaders still batch them and one failure nulls only its item.
 */
function limitRepresentations(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve as GraphQLFieldResolver<unknown, MujunContext> | undefined;
  if (!field || !resolve) return;
  const countOf = (args: { representations?: unknown }) =>
    Array.isArray(args.representations) ? args.representations.length : 0;
  (field as { extensions: Record<string, unknown> }).extensions = {
    ...field.extensions,
    complexity: (args: { representations?: unknown }) => {
      const count = countOf(args);
      return { field: 1, multiplier: Math.max(count, 1) };
    },
  };
  field.resolve = (root, args: { representations?: unknown }, ctx: MujunContext, info) => {
    const reps = Array.isArray(args.representations) ? args.representations : [];
    if (reps.length > MAX_REPRESENTATIONS) {
      throw new GraphQLError(gatewayMessages.representations(reps.length, MAX_REPRESENTATIONS), {
        extensions: { code: 'MAX_REPRESENTATIONS_EXCEEDED', actual: reps.length, max: MAX_REPRESENTATIONS },
      });
    }
    checkComplexity(ctx, info);
    return reps.map(async (rep, index) => {
      const checked = checkRepresentation(rep, index);
      if (checked instanceof GraphQLError) return checked;
      const [entity] = (await resolve(root, { ...args, representations: [checked] }, ctx, info)) as unknown[];
      return entity;
    });
  };
}

/** The complexity plugin's check of a whole operation against the request's limits, for `_entities`. */
function checkComplexity(ctx: MujunContext, info: GraphQLResolveInfo): void {
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [info.operation, ...Object.values(info.fragments)],
  };
  const { complexity, depth, breadth } = complexityFromQuery(document, {
    schema: info.schema,
    ctx,
    variables: info.variableValues,
  });
  const { maxDepth, maxBreadth, maxComplexity } = ctx.limits;
  if (depth > maxDepth) throw complexityError('Depth', depth, maxDepth);
  if (breadth > maxBreadth) throw complexityError('Breadth', breadth, maxBreadth);
  if (complexity > maxComplexity) throw complexityError('Complexity', complexity, maxComplexity);
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
