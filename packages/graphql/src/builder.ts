import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError, getNamedType, isListType, isNonNullType } from 'graphql';
import { canRead, canWrite, canWriteCity, canWriteTown } from './auth';
import type { MujunContext } from './context';
import { NotAuthorisedError } from './errors';
import { authMessages, gatewayMessages } from './messages';

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
    /** A multipart upload (graphql-multipart-request-spec): input only. */
    Upload: { Input: import('./types/intake').UploadedFile; Output: never };
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

/**
 * A fresh schema builder with mujun's plugins: scope auth, typed errors,
 * Relay (global IDs, connections) and complexity limits (which also bound
 * depth and breadth). Limits come from the request context, so one built
 * schema serves gateways with different limits.
 */
export function createBuilder(): MujunBuilder {
  return new SchemaBuilder<MujunSchemaTypes>({
    plugins: [ErrorsPlugin, ScopeAuthPlugin, RelayPlugin, ComplexityPlugin],
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
      edgesFieldOptions: { complexity: { field: 1, multiplier: 1 } },
      nodesOnConnection: false,
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
          const first = (args as { first?: unknown }).first;
          return { field: 1, multiplier: typeof first === 'number' ? Math.max(first, 1) : ctx.limits.defaultPageSize };
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
        return new GraphQLError(gatewayMessages.complexity(kind, actual, max), {
          extensions: { code: `MAX_${kind.toUpperCase()}_EXCEEDED`, actual, max },
        });
      },
    },
  }) as unknown as MujunBuilder;
}
