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
      // A connection's `first` already multiplies the cost of what it holds.
      edgesFieldOptions: {
        complexity: { field: 1, multiplier: 1 },
        description: 'The rows of this page (本页), in order.',
      },
      nodesOnConnection: false,
      firstArgOptions: { description: 'Rows from the start (forward paging); default the page size.' },
      lastArgOptions: { description: 'Rows from the end (backward paging, with `before`).' },
      afterArgOptions: { description: 'Rows after this cursor (游标), from a previous page’s `endCursor`.' },
      beforeArgOptions: { description: 'Rows before this cursor (游标), from a previous page’s `startCursor`.' },
      pageInfoFieldOptions: { description: 'Where this page lies (分页信息): whether more pages follow or precede.' },
      cursorFieldOptions: { description: 'This row’s cursor (游标), for `after` or `before`.' },
      nodeFieldOptions: { description: 'The row itself (节点).' },
      idFieldOptions: { description: 'Global id (全局标识) of the Relay Node interface, for `node(id:)`.' },
      // A value type every Relay-style subgraph defines alike: shareable, so a neighbour's PageInfo composes with mujun's.
      ...(options.federation === true ? { pageInfoTypeOptions: { shareable: true } } : {}),
    },
    errors: {
      defaultTypes: [],
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
