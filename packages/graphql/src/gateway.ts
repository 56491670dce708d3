import { randomUUID } from 'node:crypto';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { MujunError, type Repository } from '@mujun/core';
import { GraphQLError, type GraphQLSchema, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { AuthenticationError, type AuthOptions, authenticate, resolveSecret } from './auth';
import { createLoaders, DEFAULT_LIMITS, type Limits, type MujunContext } from './context';
import { NotAuthorisedError, VersionConflictError } from './errors';
import { gatewayMessages } from './messages';
import { schema as mujunSchema } from './schema';
import { subgraphSchema } from './subgraph';

/** Options of `createGateway`. Every limit has a documented default (docs/graphql.md). */
export interface GatewayOptions {
  /** Where registry, ledger and targets live: `MemoryRepository`, `SqlRepository` from `@mujun/store`, or your own. */
  readonly repository: Repository;
  /** Bearer-token verification (HS256) and what anonymous requests may do. */
  readonly auth?: AuthOptions;
  /** A schema made with `createSchema(extend)` or `createSubgraphSchema(extend)`; defaults to mujun's own. */
  readonly schema?: GraphQLSchema;
  /**
   * Serve mujun's federation subgraph (`createSubgraphSchema()`: `@key`
   * entities, `_entities`, `_service`) instead of its own schema, for a
   * federation gateway to compose (docs/composition.md). Ignored when `schema` is given.
   */
  readonly subgraph?: boolean;
  /** Serve introspection queries (default true). */
  readonly introspection?: boolean;
  /** Deepest selection allowed (default 12). */
  readonly maxDepth?: number;
  /** Highest query cost allowed (default 20000; a connection costs `first` × its selection). */
  readonly maxComplexity?: number;
  /** Most fields selected in one query (default 400). */
  readonly maxBreadth?: number;
  /** Most rows a connection page may hold (default 100). */
  readonly maxPageSize?: number;
  /** Rows a page holds when `first` is omitted (default 20). */
  readonly defaultPageSize?: number;
  /** Serve GraphiQL on GET /graphql from a browser (default true). */
  readonly graphiql?: boolean;
  /** Endpoint path (default `/graphql`). */
  readonly graphqlEndpoint?: string;
  /** Log unexpected errors (default: to the console). Pass `false` to silence. */
  readonly logging?: boolean;
  /**
   * This gateway is the only writer of `repository` (an embedded PGlite store,
   * which one process owns; a `MemoryRepository` nobody else writes): the
   * current ledger and registry are then kept in memory between writes made
   * through the gateway, and reads cost no query. Leave it off (the default)
   * when other gateway instances or tools write the same database.
   */
  readonly singleWriter?: boolean;
  /** Clock for request ids and audit (tests). */
  readonly requestId?: () => string;
}

export type MujunGateway = YogaServerInstance<Record<string, unknown>, MujunContext>;

/** Errors whose message is meant for the client; any other error is masked. */
function isDomainError(e: unknown): boolean {
  return (
    e instanceof MujunError ||
    e instanceof NotAuthorisedError ||
    e instanceof VersionConflictError ||
    e instanceof AuthenticationError
  );
}

function domainExtensions(e: unknown): Record<string, unknown> {
  if (e instanceof MujunError) {
    const issues = (e as { issues?: unknown }).issues;
    return { code: e.code.toUpperCase().replaceAll('-', '_'), ...(issues ? { fieldErrors: issues } : {}) };
  }
  if (e instanceof NotAuthorisedError) return { code: 'NOT_AUTHORISED' };
  if (e instanceof VersionConflictError) return { code: 'VERSION_CONFLICT' };
  if (e instanceof AuthenticationError) return { code: 'UNAUTHENTICATED', http: { status: 401 } };
  return {};
}

/** Disables introspection through graphql-js's own validation rule. */
function noIntrospection(): Plugin {
  return { onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) };
}

/**
 * mujun's gateway: a graphql-yoga instance serving the schema over a
 * repository. Use it as a fetch handler (`yoga.fetch(request)`), or with
 * `node:http` (`createServer(yoga)`) and any server yoga supports.
 *
 * Hardening on by default: depth, breadth and complexity limits, a maximum
 * page size, CSRF prevention (a request must be JSON or carry the
 * `x-graphql-yoga-csrf` header), unexpected errors masked (domain errors keep
 * their message and carry `extensions.code` and `fieldErrors`).
 */
export function createGateway(options: GatewayOptions): MujunGateway {
  const auth = options.auth ?? {};
  const secret = resolveSecret(auth);
  const limits: Limits = {
    maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxComplexity: options.maxComplexity ?? DEFAULT_LIMITS.maxComplexity,
    maxBreadth: options.maxBreadth ?? DEFAULT_LIMITS.maxBreadth,
    maxPageSize: options.maxPageSize ?? DEFAULT_LIMITS.maxPageSize,
    defaultPageSize: Math.min(
      options.defaultPageSize ?? DEFAULT_LIMITS.defaultPageSize,
      options.maxPageSize ?? Infinity,
    ),
  };
  const nextRequestId = options.requestId ?? randomUUID;
  const log = options.logging !== false;

  const plugins: Plugin[] = [useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] })];
  if (options.introspection === false) plugins.push(noIntrospection());

  return createYoga<Record<string, unknown>, MujunContext>({
    schema: options.schema ?? (options.subgraph === true ? subgraphSchema() : mujunSchema),
    graphqlEndpoint: options.graphqlEndpoint ?? '/graphql',
    graphiql: options.graphiql === false ? false : { title: 'mujun 亩均 gateway' },
    landingPage: false,
    logging: log ? 'warn' : false,
    plugins,
    context: async ({ request }) => {
      let principal: MujunContext['principal'];
      try {
        principal = await authenticate(request.headers.get('authorization'), auth, secret);
      } catch (e) {
        if (e instanceof AuthenticationError) {
          throw new GraphQLError(e.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
        throw e;
      }
      return {
        repository: options.repository,
        principal,
        loaders: createLoaders(options.repository, { singleWriter: options.singleWriter === true }),
        cache: new Map(),
        limits,
        requestId: nextRequestId(),
      };
    },
    maskedErrors: {
      maskError: (error, message) => {
        const original = error instanceof GraphQLError ? error.originalError : error;
        // GraphQL's own errors (syntax, validation, scalars, limits) pass as they are.
        if (error instanceof GraphQLError && (original === undefined || original === null)) return error;
        if (original instanceof GraphQLError) return original;
        if (isDomainError(original) && error instanceof GraphQLError) {
          return new GraphQLError(error.message, {
            nodes: error.nodes ?? null,
            source: error.source ?? null,
            positions: error.positions ?? null,
            path: error.path ?? null,
            originalError: null,
            extensions: { ...error.extensions, ...domainExtensions(original) },
          });
        }
        if (log) console.error('[mujun] unexpected error', original ?? error);
        return new GraphQLError(message || gatewayMessages.unexpected, {
          ...(error instanceof GraphQLError
            ? { nodes: error.nodes ?? null, path: error.path ?? null, positions: error.positions ?? null }
            : {}),
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        });
      },
    },
  });
}
