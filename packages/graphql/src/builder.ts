import SchemaBuilderExport from '@pothos/core';
import ComplexityPluginExport from '@pothos/plugin-complexity';
import DirectivesPluginExport from '@pothos/plugin-directives';
import ErrorsPluginExport from '@pothos/plugin-errors';
import FederationPluginExport from '@pothos/plugin-federation';
import RelayPluginExport from '@pothos/plugin-relay';
import ScopeAuthPluginExport from '@pothos/plugin-scope-auth';
import { GraphQLError, getNamedType, isListType, isNonNullType } from 'graphql';
import { canRead, canWrite, canWriteCity, canWriteTown } from './auth';
import type { MujunContext } from './context';
import { NotAuthorisedError } from './errors';
import { authMessages, gatewayMessages } from './messages';

/**
 * A Pothos package's default export, whichever of its builds was loaded.
 * Pothos ships ESM (`esm/`) and CommonJS (`lib/`, `__esModule` with
 * `exports.default`) builds. This package is `"type": "module"`, so in our
 * CommonJS output (`dist/index.cjs`) esbuild applies Node's interop, under
 * which a default import is the whole `exports` object, not `exports.default`:
 * `new SchemaBuilder()` would throw and each plugin name would be an object.
 * The ESM output gets the value itself, which passes through unchanged.
 */
function pothosDefault<T>(imported: T): T {
  const m = imported as { readonly __esModule?: unknown; readonly default?: T } | null;
  return typeof m === 'object' && m !== null && m.__esModule === true && m.default !== undefined ? m.default : imported;
}

const SchemaBuilder = pothosDefault(SchemaBuilderExport);
const ComplexityPlugin = pothosDefault(ComplexityPluginExport);
const DirectivesPlugin = pothosDefault(DirectivesPluginExport);
const ErrorsPlugin = pothosDefault(ErrorsPluginExport);
const FederationPlugin = pothosDefault(FederationPluginExport);
const RelayPlugin = pothosDefault(RelayPluginExport);
const ScopeAuthPlugin = pothosDefault(ScopeAuthPluginExport);

/** An uploaded file as graphql-yoga hands it over (the WHATWG `File` of the multipart request). */
export interface UploadedFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * The Pothos type parameters of mujun's schema. Scalars: `Decimal` travels as
 * a string and arrives as a string checked for form (no floats); `Date` is a
 * calendar date `YYYY-MM-DD`.
 */
export interface MujunSchemaTypes {
  Context: MujunContext;
  Scalars: {
    ID: { Input: string; Output: string | number };
    Decimal: { Input: string; Output: string };
    Date: { Input: string; Output: string };
    /** An instant, ISO 8601 with its offset (`Z` or ±hh:mm). */
    DateTime: { Input: string; Output: string | Date };
    /** A GeoJSON document (a feature collection): output only. */
    GeoJSON: { Input: never; Output: object };
    /** A multipart upload (graphql-multipart-request-spec): input only. */
    Upload: { Input: UploadedFile; Output: never };
  };
  AuthScopes: {
    /** May read (every role; anonymous requests unless the gateway refuses them). */
    viewer: boolean;
    /** May write something: a town operator or a city admin. */
    writer: boolean;
    /** May write records of this 6-digit city. */
    city: string;
    /** May write records of this 12-digit town. */
    town: string;
  };
  DefaultFieldNullability: false;
}

/** The resolved Pothos types (defaults filled in). */
export type MujunTypes = PothosSchemaTypes.ExtendDefaultTypes<MujunSchemaTypes>;

/** The builder type that type families and extensions receive. */
export type MujunBuilder = PothosSchemaTypes.SchemaBuilder<MujunTypes>;

/** Options of `createBuilder`. */
export interface BuilderOptions {
  /**
   * Add the Apollo Federation v2 plugin (`asEntity`, `toSubGraphSchema`),
   * for `createSubgraphSchema`. Off by default: mujun's own schema has no
   * federation directives.
   */
  readonly federation?: boolean;
}

/** The error of a query over a limit (`kind`: Depth, Breadth or Complexity), for every root field alike. */
export function complexityError(kind: string, actual: number, max: number | undefined): GraphQLError {
  return new GraphQLError(gatewayMessages.complexity(kind, actual, max), {
    extensions: { code: `MAX_${kind.toUpperCase()}_EXCEEDED`, actual, max },
  });
}

/**
 * A fresh schema builder with mujun's plugins: scope auth, typed errors,
 * Relay (global IDs, connections) and complexity limits (which also bound
 * depth and breadth). Limits come from the request context, so one built
 * schema serves gateways with different limits.
 */
export function createBuilder(options: BuilderOptions = {}): MujunBuilder {
  return new SchemaBuilder<MujunSchemaTypes>({
    // Federation goes last: it reads the resolvers the other plugins have wrapped;
    // the directives plugin turns its `@key`s into the schema's AST.
    plugins: [
      ErrorsPlugin,
      ScopeAuthPlugin,
      RelayPlugin,
      ComplexityPlugin,
      ...(options.federation === true ? ([DirectivesPlugin, FederationPlugin] as const) : []),
    ],
    defaultFieldNullability: false,
    scopeAuth: {
      authScopes: (ctx) => ({
        viewer: canRead(ctx.principal),
        writer: canWrite(ctx.principal),
        city: (city: string) => canWriteCity(ctx.principal, city),
        town: (town: string) => canWriteTown(ctx.principal, town),
      }),
      unauthorizedError: (_parent, ctx) =>
        new NotAuthorisedError(canRead(ctx.principal) ? authMessages.writeDenied : authMessages.readDenied, {
          requiredRole: canRead(ctx.principal) ? 'townOperator' : 'viewer',
        }),
    },
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      nodesOnConnection: false,
      firstArgOptions: { description: 'Rows from the start (forward paging); default the page size.' },
      lastArgOptions: { description: 'Rows from the end (backward paging, with `before`).' },
      afterArgOptions: { description: "Rows after this cursor (an edge's `cursor` or `pageInfo.endCursor`)." },
      beforeArgOptions: { description: "Rows before this cursor (an edge's `cursor` or `pageInfo.startCursor`)." },
      // The descriptions of the Relay plugin's own types and fields, written once for every connection.
      nodeTypeOptions: {
        description: 'An object refetchable by its global ID (全局标识) through `node(id:)` or `nodes(ids:)`.',
      },
      idFieldOptions: {
        description:
          'Global ID (全局标识): opaque, unique across types; pass it to `node(id:)` to fetch the object again.',
      },
      nodeQueryOptions: {
        description: 'Any object by its global ID (全局标识); null when no object has that ID.',
        args: { id: { description: "A global ID as an object's `id` field gave it." } },
      },
      nodesQueryOptions: {
        description: 'Objects by their global IDs (全局标识), in the order asked; null for each ID without an object.',
        args: { ids: { description: "Global IDs as objects' `id` fields gave them." } },
      },
      pageInfoFieldOptions: {
        description: 'Where this page (分页) lies: cursors of its ends and whether more rows follow.',
      },
      edgesFieldOptions: {
        // A connection's `first` already multiplies the cost of what it holds.
        complexity: { field: 1, multiplier: 1 },
        description: 'The rows of this page, in order, each with its cursor.',
      },
      nodeFieldOptions: { description: 'The row itself.' },
      cursorFieldOptions: {
        description: 'Opaque position of this row: pass it as `after` or `before` to page on from it.',
      },
      hasNextPageFieldOptions: { description: 'Whether rows follow this page: page on with `after: endCursor`.' },
      hasPreviousPageFieldOptions: {
        description: 'Whether rows precede this page: page back with `before: startCursor`.',
      },
      startCursorFieldOptions: { description: "The first row's cursor; null on an empty page." },
      endCursorFieldOptions: { description: "The last row's cursor; null on an empty page." },
      pageInfoTypeOptions: {
        description: 'Position of a page (分页) of a Relay cursor connection.',
        // A value type every Relay-style subgraph defines alike: shareable, so a neighbour's PageInfo composes with mujun's.
        ...(options.federation === true ? { shareable: true } : {}),
      },
    },
    errors: {
      defaultTypes: [],
      // Every mutation's result union and success type: mutations give their own where they say more.
      defaultUnionOptions: {
        description:
          'The outcome of a mutation (变更结果): its success type, or a typed error (`DomainError`) saying why nothing was written.',
      },
      defaultResultOptions: {
        description: 'The mutation succeeded: what it wrote, as now stored.',
      },
    },
    complexity: {
      defaultComplexity: 1,
      fieldComplexity: (args, ctx, field) => {
        // A connection costs per row asked for (its edges do not multiply again);
        // other lists count ten rows.
        const type = isNonNullType(field.type) ? field.type.ofType : field.type;
        if (getNamedType(type).name.endsWith('Connection')) {
          const { first, last } = args as { first?: unknown; last?: unknown };
          const rows = typeof first === 'number' ? first : typeof last === 'number' ? last : ctx.limits.defaultPageSize;
          return { field: 1, multiplier: Math.max(rows, 1) };
        }
        if (isListType(type)) return { field: 1, multiplier: 10 };
        return 1;
      },
      limit: (ctx) => ({
        depth: ctx.limits.maxDepth,
        complexity: ctx.limits.maxComplexity,
        breadth: ctx.limits.maxBreadth,
      }),
      complexityError: (kind, result) => {
        const actual = kind === 'Depth' ? result.depth : kind === 'Breadth' ? result.breadth : result.complexity;
        const max = kind === 'Depth' ? result.maxDepth : kind === 'Breadth' ? result.maxBreadth : result.maxComplexity;
        return complexityError(kind, actual, max);
      },
    },
  }) as unknown as MujunBuilder;
}
