import { createHash, randomUUID } from 'node:crypto';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Repository } from '@mujun/core';
import { type DocumentNode, GraphQLError, type GraphQLSchema } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { noControlCharacters } from './arguments';
import {
  AuthenticationError,
  type AuthOptions,
  actorOf,
  authenticate,
  createVerifier,
  type Principal,
  resolveSecret,
} from './auth';
import { observeWrites, written } from './cache';
import { createLoaders, DEFAULT_LIMITS, type Limits, type MujunContext } from './context';
import { gatewayMessages } from './messages';
import { DEFAULT_MAX_BODY_BYTES, useBodyLimit } from './plugins/use-body-limit';
import { corsFor, useVaryOrigin } from './plugins/use-cors';
import { errorMasking } from './plugins/use-error-masking';
import { useNoIntrospection } from './plugins/use-introspection';
import { useRoundingNotice } from './plugins/use-rounding-notice';
import { schema as mujunSchema } from './schema';
import { subgraphSchema } from './subgraph';
import { uploadIntake } from './upload-reader';

/** The query GraphiQL opens with: 2018 campaign figures of 桐乡 from the seeded data. */
export const GRAPHIQL_QUERY = `# mujun 亩均 gateway: 桐乡市 退散进集 2018 (examples/tongxiang-2018)
{
  campaignStatistics(city: "330483", year: 2018) {
    lowScatteredRemediated
    backwardCapacityItems
    zombiesDisposed
    enterprisesEnteredParks
    vacatingSigned { mu }
    reclamationApproved { mu }
    parkFloorAreaBuilt { wanSquareMetres }
  }
}
`;

/** Options of `createGateway`. Every limit has a documented default (docs/graphql.md). */
export interface GatewayOptions {
  /** Where registry, ledger and targets live: `MemoryRepository`, `SqlRepository` from `@mujun/store`, or your own. */
  readonly repository: Repository;
  /** Bearer-token verification (HS256 secret, RS256/ES256 public key or JWKS) and what anonymous requests may do. */
  readonly auth?: AuthOptions;
  /**
   * Production mode (default: `NODE_ENV === 'production'`): refuses to start
   * without a token key, and turns introspection, GraphiQL and field
   * suggestions off unless they are enabled explicitly.
   */
  readonly production?: boolean;
  /**
   * Origins (`https://dash.example.gov.cn`) allowed to call the gateway from
   * a browser page of another origin (CORS). Default: none — no CORS headers
   * at all, so only same-origin pages can read responses. An origin not listed
   * gets no `access-control-allow-*` header; `*` is refused.
   */
  readonly corsOrigins?: readonly string[];
  /** A schema made with `createSchema(extend)` or `createSubgraphSchema(extend)`; defaults to mujun's own. */
  readonly schema?: GraphQLSchema;
  /**
   * Serve mujun's federation subgraph (`createSubgraphSchema()`: `@key`
   * entities, `_entities`, `_service`) instead of its own schema, for a
   * federation gateway to compose (docs/composition.md). Ignored when `schema` is given.
   */
  readonly subgraph?: boolean;
  /**
   * Refuse requests a browser sends cross-site without a preflight (a GET, a
   * form POST) unless they carry `x-graphql-yoga-csrf` (default false). mujun
   * authenticates by the `Authorization: Bearer` header only — never a cookie
   * — which no browser attaches on its own, so a forged cross-site request
   * arrives anonymous and can do no more than any page could; clients' default
   * GET queries (urql) then work. Turn it on when something in front of the
   * gateway turns an ambient credential into a token (a proxy adding
   * `Authorization` from a session cookie): then CSRF is a real threat.
   */
  readonly csrfPrevention?: boolean;
  /** Serve introspection queries (default true; false in production). */
  readonly introspection?: boolean;
  /** "Did you mean …" suggestions in validation errors (default true; false in production). */
  readonly suggestions?: boolean;
  /** Deepest selection allowed (default 12). */
  readonly maxDepth?: number;
  /** Highest query cost allowed (default 20000; a connection costs `first` × its selection). */
  readonly maxComplexity?: number;
  /** Most fields selected in one query (default 400). */
  readonly maxBreadth?: number;
  /** Days after today (in China) a campaign event may be dated (default 1); later dates are refused (`event.future`). */
  readonly eventDateMarginDays?: number;
  /** Most rows a connection page may hold (default 100). */
  readonly maxPageSize?: number;
  /** Rows a page holds when `first` is omitted (default 20). */
  readonly defaultPageSize?: number;
  /** Serve GraphiQL (its assets bundled, nothing from a CDN) on GET /graphql from a browser (default true; false in production). */
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
  /**
   * Largest request body in bytes (default 1 MiB, `DEFAULT_MAX_BODY_BYTES`):
   * a larger body is answered 413 before it is parsed.
   */
  readonly maxBodyBytes?: number;
  /**
   * Uploads (`importAnnualData`): 导入限额 over `MUJUN_INTAKE_MAX_*` and the
   * defaults (`DEFAULT_LIMITS` of @mujun/intake), and whether each upload is
   * planned in the upload pool's worker threads (default true: `workers`
   * threads, started on the first upload and kept, each with at most `heapMb`
   * MiB of heap and `timeMs` per upload).
   */
  readonly intake?: Parameters<typeof uploadIntake>[0];
  /**
   * Cache query responses (default: on when the repository has
   * `dataRevision`, as `MemoryRepository` and `SqlRepository` do). Entries are
   * keyed by the data revision — any committed write, through any gateway
   * instance sharing the database, moves it, so no stale answer is served —
   * and by who asks (role, town or city, subject), so figures never cross
   * principals. `maxEntries` (default 1000) bounds memory.
   */
  readonly responseCache?: boolean | { readonly maxEntries?: number; readonly ttlMs?: number };
  /** Clock for request ids and audit (tests). */
  readonly requestId?: () => string;
  /** The clock of evaluation-run transitions: 公示期 checks and trail times (default: the system clock). */
  readonly now?: () => Date;
}

export type MujunGateway = YogaServerInstance<Record<string, unknown>, MujunContext>;

/** Whether `createGateway(options)` runs in production mode. */
export function isProduction(options: Pick<GatewayOptions, 'production'>, env = process.env): boolean {
  return options.production ?? env.NODE_ENV === 'production';
}

export { DEFAULT_MAX_BODY_BYTES };

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

const SERVED_FROM_CACHE = Symbol.for('servedFromResponseCache');

/**
 * An answer served from the response cache is the cached `data` object again
 * (in a fresh envelope); its JSON text is kept with that object, so a hit is
 * not serialised anew. Only a `{ data }` answer (no errors, no extensions but
 * the cache's headers); the text goes when the cached answer does.
 */
function servedJson(): Plugin {
  const texts = new WeakMap<object, string>();
  const stringify = (r: { data?: unknown }) => {
    const data = r.data as object;
    let text = texts.get(data);
    if (text === undefined) {
      text = JSON.stringify(r);
      texts.set(data, text);
    }
    return text;
  };
  return {
    onResultProcess: ({ result }) => {
      if (Array.isArray(result) || !(SERVED_FROM_CACHE in result)) return;
      const r = result as unknown as Record<string, unknown>;
      if (r.errors !== undefined || r.data === null || typeof r.data !== 'object') return;
      // `extensions.http` (the cache's ETag headers) becomes headers, never body: yoga leaves it out of the JSON.
      const extensions = r.extensions as Record<string, unknown> | undefined;
      if (extensions !== undefined && Object.keys(extensions).some((k) => k !== 'http')) return;
      if (Object.keys(r).some((k) => k !== 'data' && k !== 'extensions')) return;
      // yoga's result processor uses a result's own `stringify` (not enumerable: never in the JSON).
      Object.defineProperty(r, 'stringify', { value: stringify });
    },
  };
}

/**
 * mujun's gateway: a graphql-yoga instance serving the schema over a
 * repository. Use it as a fetch handler (`yoga.fetch(request)`), or with
 * `node:http` (`createServer(yoga)`) and any server yoga supports.
 *
 * Hardening on by default: depth, breadth and complexity limits, a maximum
 * page size, unexpected errors masked (domain errors keep
 * their message and carry `extensions.code` and `fieldErrors`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { MemoryRepository, TONGXIANG_2018_INPUT } from '@mujun/core';
 * import { createGateway } from '@mujun/graphql';
 *
 * const repository = new MemoryRepository();
 * await repository.saveRegion(TONGXIANG_2018_INPUT, { actor: 'example' });
 * const gateway = createGateway({ repository, auth: { secret: 'a-development-secret-of-32-chars!' }, logging: false });
 * const res = await gateway.fetch('http://localhost/graphql', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ query: '{ region(city: "330483") { name } }' }),
 * });
 * assert.deepEqual(await res.json(), { data: { region: { name: '桐乡市' } } });
 * ```
 */
export function createGateway(options: GatewayOptions): MujunGateway {
  const auth = options.auth ?? {};
  const production = isProduction(options);
  // Checked now so that a gateway never starts with a key it cannot use.
  const secret = resolveSecret(auth);
  if (production && !secret && auth.publicKey === undefined && auth.jwks === undefined) {
    throw new Error(gatewayMessages.productionNeedsKey);
  }
  const verifier = createVerifier(auth);
  // A bad public key fails every authenticated request (and the bin's start, which awaits it first).
  verifier.catch(() => {});
  const limits: Limits = {
    maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxComplexity: options.maxComplexity ?? DEFAULT_LIMITS.maxComplexity,
    maxBreadth: options.maxBreadth ?? DEFAULT_LIMITS.maxBreadth,
    maxPageSize: options.maxPageSize ?? DEFAULT_LIMITS.maxPageSize,
    eventDateMarginDays: options.eventDateMarginDays ?? DEFAULT_LIMITS.eventDateMarginDays,
    defaultPageSize: Math.min(
      options.defaultPageSize ?? DEFAULT_LIMITS.defaultPageSize,
      options.maxPageSize ?? Infinity,
    ),
  };
  const nextRequestId = options.requestId ?? randomUUID;
  const log = options.logging !== false;

  // One authentication per request, shared by the response cache's key and the context.
  const principals = new WeakMap<Request, Promise<Principal>>();
  const principalOf = (request: Request) => {
    let p = principals.get(request);
    if (!p) {
      p = verifier.then((v) => authenticate(request.headers.get('authorization'), auth, v));
      principals.set(request, p);
    }
    return p;
  };

  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const intake = uploadIntake(options.intake);
  const plugins: Plugin[] = [useBodyLimit(maxBodyBytes), noControlCharacters(), useRoundingNotice()];
  // `yoga.dispose()` stops the upload pool's workers (idle ones never keep the process alive).
  if (intake.pool) plugins.push({ onDispose: () => intake.pool?.close() });
  if (options.csrfPrevention === true) plugins.push(useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }));
  const repository = options.repository;
  const cacheOptions = typeof options.responseCache === 'object' ? options.responseCache : {};
  if (options.responseCache !== false && typeof repository.dataRevision === 'function') {
    /*
     * With `singleWriter` nothing but this gateway writes, so the revision is
     * read once and again only after a mutation through it (an embedded
     * PGlite answers one query at a time: a query per request would be the
     * bottleneck). A query racing a mutation may store a fresher answer under
     * the old key, which no request uses once the mutation is done.
     */
    let known: Promise<number | undefined> | undefined;
    const revision = () => {
      if (!options.singleWriter) return repository.dataRevision?.();
      known ??= Promise.resolve(repository.dataRevision?.());
      known.catch(() => {
        known = undefined;
      });
      return known;
    };
    const mutationContexts = new WeakSet<object>();
    const today = () => (options.now ?? (() => new Date()))().toISOString().slice(0, 10);
    plugins.push({
      onExecute: ({ args }) => {
        const mutation = (args.document as DocumentNode).definitions.some(
          (d) => d.kind === 'OperationDefinition' && d.operation === 'mutation',
        );
        if (!mutation) return undefined;
        // A mutation's answer is never looked up nor kept: a refused write
        // retried later (say, once a 公示 window opens) must run again.
        mutationContexts.add(args.contextValue as object);
        return {
          onExecuteDone: () => {
            known = undefined;
          },
        };
      },
    });
    plugins.push(servedJson());
    plugins.push(
      useResponseCache({
        cache: createInMemoryCache({ max: cacheOptions.maxEntries ?? 1000 }),
        ttl: cacheOptions.ttlMs ?? 10 * 60_000,
        invalidateViaMutation: false,
        enabled: (context) => !mutationContexts.has(context as object),
        // Who asks (as the audit names it: role, town or city, subject): a request whose token fails gets a key of its own (never a hit), then its 401.
        session: (request) => principalOf(request).then(actorOf, () => `unauthenticated:${randomUUID()}`),
        // node:crypto's digest is synchronous and a fraction of WebCrypto's per-call cost on this hot path.
        buildResponseCacheKey: async ({ documentString, variableValues, operationName, sessionId }) =>
          sha256(
            JSON.stringify([
              await revision(),
              // Answers that depend on the date (序时进度 as of today, an open 公示 window) turn with it.
              today(),
              sessionId ?? '',
              documentString,
              variableValues ?? null,
              operationName ?? null,
            ]),
          ),
      }),
    );
  }
  if (!(options.introspection ?? !production)) plugins.push(useNoIntrospection());
  if (!(options.suggestions ?? !production)) {
    plugins.push(blockFieldSuggestionsPlugin({ mask: '' }) as Plugin);
  }
  const origins = options.corsOrigins ?? [];
  if (origins.length > 0) plugins.push(useVaryOrigin());

  return createYoga<Record<string, unknown>, MujunContext>({
    schema: options.schema ?? (options.subgraph === true ? subgraphSchema() : mujunSchema),
    graphqlEndpoint: options.graphqlEndpoint ?? '/graphql',
    graphiql: (options.graphiql ?? !production) ? { title: 'mujun 亩均 gateway', defaultQuery: GRAPHIQL_QUERY } : false,
    // GraphiQL's scripts, styles and favicon inlined from @graphql-yoga/render-graphiql: nothing from a CDN.
    renderGraphiQL,
    cors: origins.length > 0 ? corsFor(origins) : false,
    landingPage: false,
    maxRequestBodySize: maxBodyBytes,
    logging: log ? 'warn' : false,
    plugins,
    context: async ({ request }) => {
      let principal: MujunContext['principal'];
      try {
        principal = await principalOf(request);
      } catch (e) {
        if (e instanceof AuthenticationError) {
          throw new GraphQLError(e.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
        throw e;
      }
      const loaders = createLoaders(options.repository, { singleWriter: options.singleWriter === true });
      return {
        // Every write of the request goes through the cache module's one hook.
        repository: observeWrites(options.repository, (changed) => written(loaders, changed)),
        principal,
        loaders,
        cache: new Map(),
        limits,
        intake,
        requestId: nextRequestId(),
        now: options.now ?? (() => new Date()),
      };
    },
    maskedErrors: errorMasking({ maxBodyBytes, log }),
  });
}
