import {
  createLocalJWKSet,
  decodeProtectedHeader,
  importSPKI,
  type JSONWebKeySet,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
} from 'jose';
import { authMessages } from './messages';

/**
 * Who is asking. Roles:
 * - `viewer` reads everything (an anonymous request is a viewer unless the gateway says otherwise);
 * - `townOperator` (镇街操作员) reads everything and writes the records of one town;
 * - `cityAdmin` (市级管理员) reads everything and writes anywhere in one city.
 * `anonymous` is a request without a token on a gateway whose `anonymousRole` is `none`: it may do nothing.
 */
export type Principal =
  | { readonly role: 'anonymous' }
  | { readonly role: 'viewer'; readonly subject: string }
  | { readonly role: 'townOperator'; readonly subject: string; readonly townCode: string; readonly cityCode: string }
  | { readonly role: 'cityAdmin'; readonly subject: string; readonly cityCode: string };

export type Role = 'viewer' | 'townOperator' | 'cityAdmin';

/** How the gateway authenticates requests. */
export interface AuthOptions {
  /**
   * HS256 secret for bearer tokens (at least 32 bytes). Defaults to `MUJUN_JWT_SECRET`.
   * Without a secret every bearer token is refused; anonymous requests still work.
   */
  readonly secret?: string | Uint8Array;
  /** What a request without a token may do: read as a `viewer` (default) or nothing (`none`). */
  readonly anonymousRole?: 'viewer' | 'none';
  /**
   * An identity provider's public key (PEM, SPKI) for RS256 or ES256 tokens.
   * Defaults to the file named by `MUJUN_JWT_PUBLIC_KEY_FILE` (read by the bin).
   */
  readonly publicKey?: string;
  /** An identity provider's keys as a JWKS document (`{ keys: [...] }`), read from disk: no network is needed. */
  readonly jwks?: JSONWebKeySet;
  /** Required `iss` claim, if set (the bin sets `mujun` by default). */
  readonly issuer?: string;
  /** Required `aud` claim, if set (the bin sets `mujun-gateway` by default). */
  readonly audience?: string;
  /**
   * Longest lifetime a token may have, in seconds (default 43200 = 12 h):
   * `exp` is required, and the time it still has from now (`exp - now`) may
   * not exceed it — nor, for a token with `iat`, `exp - iat`. An `iat` more
   * than `TOKEN_CLOCK_SKEW_SECONDS` in the future is refused.
   */
  readonly maxLifetimeSeconds?: number;
  /**
   * Which claims of a token carry the role, the town and the city (an identity
   * provider's own names, e.g. `mujun_role`); defaults to `role`, `town`, `city`.
   * The bin reads `MUJUN_JWT_ROLE_CLAIM`, `MUJUN_JWT_TOWN_CLAIM`, `MUJUN_JWT_CITY_CLAIM`.
   */
  readonly claims?: ClaimMapping;
}

/** The names of the claims carrying a principal's role, town code and city code. */
export interface ClaimMapping {
  readonly role?: string;
  readonly town?: string;
  readonly city?: string;
}

/** Default longest token lifetime: 12 hours. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

/** How far ahead of this gateway's clock a token's `iat` may lie (the issuer's clock may run a little fast): 60 s. */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

/**
 * Refuses a token whose `iat` lies in the future beyond the clock skew, or
 * that lives longer than `max` seconds counted from now (or from its `iat`,
 * if earlier). `now` in seconds since the epoch.
 * @throws AuthenticationError
 */
export function checkTokenLifetime(payload: JWTPayload, max: number, now: number): void {
  const exp = payload.exp ?? 0;
  const iat = typeof payload.iat === 'number' ? payload.iat : undefined;
  if (iat !== undefined && iat > now + TOKEN_CLOCK_SKEW_SECONDS) {
    throw new AuthenticationError(authMessages.issuedInFuture(TOKEN_CLOCK_SKEW_SECONDS));
  }
  const from = iat === undefined ? now : Math.min(iat, now);
  if (exp - from > max) throw new AuthenticationError(authMessages.tooLong(max));
}

/** Verifies bearer tokens with the configured keys (HS256 secret, RS256/ES256 public key or JWKS). */
export interface TokenVerifier {
  /** Which algorithms this verifier accepts, for the banner. */
  readonly algorithms: readonly string[];
  verify(token: string, options: AuthOptions): Promise<JWTPayload>;
}

const ASYMMETRIC = ['RS256', 'ES256'] as const;

/** How many verified tokens a verifier remembers (least recently used dropped first). */
const VERIFIED_TOKENS = 10_000;

/**
 * The verifier of the configured keys, or undefined when none is configured
 * (every bearer token is then refused).
 * @throws AuthenticationError for a short secret or an unreadable public key
 */
export async function createVerifier(
  options: AuthOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TokenVerifier | undefined> {
  const secret = resolveSecret(options, env);
  const jwks = options.jwks ? createLocalJWKSet(options.jwks) : undefined;
  const pem = options.publicKey;
  const spki = new Map<string, CryptoKey>();
  if (pem !== undefined) {
    for (const alg of ASYMMETRIC) {
      try {
        spki.set(alg, (await importSPKI(pem, alg)) as CryptoKey);
      } catch {
        // The key fits one algorithm only (an RSA key is no ES256 key).
      }
    }
    if (spki.size === 0) throw new AuthenticationError(authMessages.badPublicKey);
  }
  const algorithms = [...(secret ? ['HS256'] : []), ...(spki.size > 0 ? [...spki.keys()] : jwks ? ASYMMETRIC : [])];
  if (algorithms.length === 0) return undefined;
  /*
   * Verified tokens, by their text: a signature check costs far more than a
   * request answered from the response cache, and a client sends the same
   * token with every request. Only a token that passed every check is kept,
   * with the options it passed under, and only until its own `exp` (and from
   * its `nbf`): then it is verified afresh, so it fails as it would have.
   */
  const verified = new Map<string, { readonly options: AuthOptions; readonly payload: JWTPayload }>();
  const remember = (token: string, options: AuthOptions, payload: JWTPayload) => {
    if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value as string);
    verified.set(token, { options, payload });
  };
  const recall = (token: string, options: AuthOptions): JWTPayload | undefined => {
    const found = verified.get(token);
    if (!found) return undefined;
    const now = Date.now() / 1000;
    const { exp, nbf } = found.payload;
    if (found.options !== options || exp === undefined || now >= exp || (nbf !== undefined && now < nbf)) {
      verified.delete(token);
      return undefined;
    }
    // Most recently used last: the first key is the one to drop.
    verified.delete(token);
    verified.set(token, found);
    return found.payload;
  };
  return {
    algorithms,
    async verify(token, o) {
      const known = recall(token, o);
      if (known) return known;
      const alg = (() => {
        try {
          return decodeProtectedHeader(token).alg;
        } catch {
          throw new AuthenticationError(authMessages.invalid('not a JWT'));
        }
      })();
      if (alg === undefined || !algorithms.includes(alg)) {
        throw new AuthenticationError(authMessages.algorithm(String(alg), algorithms));
      }
      const checks = {
        algorithms: [alg],
        requiredClaims: ['exp'],
        ...(o.issuer === undefined ? {} : { issuer: o.issuer }),
        ...(o.audience === undefined ? {} : { audience: o.audience }),
      };
      const { payload } =
        alg === 'HS256' && secret
          ? await jwtVerify(token, secret, checks)
          : spki.has(alg)
            ? await jwtVerify(token, spki.get(alg) as CryptoKey, checks)
            : await jwtVerify(token, jwks as ReturnType<typeof createLocalJWKSet>, checks);
      checkTokenLifetime(
        payload,
        o.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
        Math.floor(Date.now() / 1000),
      );
      remember(token, o, payload);
      return payload;
    },
  };
}

/** Thrown when a bearer token cannot be accepted; the gateway answers 401. */
export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

const TOWN_CODE = /^\d{12}$/;
const CITY_CODE = /^\d{6}$/;

function secretKey(secret: string | Uint8Array): Uint8Array {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (key.length < 32) throw new AuthenticationError(authMessages.shortSecret);
  return key;
}

/** The configured secret: the option, else `MUJUN_JWT_SECRET`, else none. */
export function resolveSecret(options: AuthOptions, env: NodeJS.ProcessEnv = process.env): Uint8Array | undefined {
  const secret = options.secret ?? env.MUJUN_JWT_SECRET;
  return secret === undefined || secret === '' ? undefined : secretKey(secret);
}

/**
 * The principal named by a verified token's claims, read under `mapping`'s
 * claim names (default `role`, `town`, `city`).
 * @throws AuthenticationError for a bad role or code
 */
export function principalFromClaims(claims: Record<string, unknown>, mapping: ClaimMapping = {}): Principal {
  const subject = typeof claims.sub === 'string' ? claims.sub : 'unknown';
  const role = claims[mapping.role ?? 'role'];
  switch (role) {
    case 'viewer':
      return { role: 'viewer', subject };
    case 'townOperator': {
      const town = claims[mapping.town ?? 'town'];
      if (typeof town !== 'string' || !TOWN_CODE.test(town)) throw new AuthenticationError(authMessages.townClaim);
      return { role: 'townOperator', subject, townCode: town, cityCode: town.slice(0, 6) };
    }
    case 'cityAdmin': {
      const city = claims[mapping.city ?? 'city'];
      if (typeof city !== 'string' || !CITY_CODE.test(city)) throw new AuthenticationError(authMessages.cityClaim);
      return { role: 'cityAdmin', subject, cityCode: city };
    }
    default:
      throw new AuthenticationError(authMessages.role(role));
  }
}

/**
 * The principal of a request from its `Authorization` header.
 * @throws AuthenticationError when a token is present but cannot be verified
 */
export async function authenticate(
  header: string | null | undefined,
  options: AuthOptions,
  verifier: TokenVerifier | undefined,
): Promise<Principal> {
  if (header === null || header === undefined || header.trim() === '') {
    return options.anonymousRole === 'none' ? { role: 'anonymous' } : { role: 'viewer', subject: 'anonymous' };
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new AuthenticationError(authMessages.scheme);
  if (!verifier) throw new AuthenticationError(authMessages.noSecret);
  try {
    return principalFromClaims(await verifier.verify(match[1], options), options.claims);
  } catch (e) {
    if (e instanceof AuthenticationError) throw e;
    if (e instanceof joseErrors.JWTExpired) throw new AuthenticationError(authMessages.expired);
    if (e instanceof joseErrors.JWTClaimValidationFailed) {
      throw new AuthenticationError(authMessages.claim(e.claim, e.reason));
    }
    // jose's own sentence for a bad signature or a malformed token; never a stack or a key.
    throw new AuthenticationError(authMessages.invalid(e instanceof joseErrors.JOSEError ? e.code : 'unreadable'));
  }
}

/** Whether the principal may read (query) at all. */
export function canRead(p: Principal): boolean {
  return p.role !== 'anonymous';
}

/** Whether the principal may write anything (a town operator or a city admin). */
export function canWrite(p: Principal): boolean {
  return p.role === 'townOperator' || p.role === 'cityAdmin';
}

/** Whether the principal may write records of the city `cityCode` (6 digits). */
export function canWriteCity(p: Principal, cityCode: string): boolean {
  if (p.role === 'cityAdmin') return p.cityCode === cityCode;
  if (p.role === 'townOperator') return p.cityCode === cityCode;
  return false;
}

/**
 * Whether the principal may write records of the town `townCode` (12 digits):
 * a city admin within its city, a town operator in its own town only.
 */
export function canWriteTown(p: Principal, townCode: string): boolean {
  if (p.role === 'cityAdmin') return TOWN_CODE.test(townCode) && townCode.startsWith(p.cityCode);
  if (p.role === 'townOperator') return p.townCode === townCode;
  return false;
}

/** Options of `mintDevToken`. */
export interface MintOptions {
  readonly role: Role;
  /** 12-digit town code, for a town operator. */
  readonly town?: string;
  /** 6-digit city code, for a city admin (defaults to the town's city). */
  readonly city?: string;
  readonly secret: string | Uint8Array;
  readonly subject?: string;
  /** jose duration, e.g. `'8h'` (default); gateways refuse tokens living longer than their maximum (12 h by default). */
  readonly expiresIn?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** The claim names the gateway reads (its `AuthOptions.claims`): default `role`, `town`, `city`. */
  readonly claims?: ClaimMapping;
}

/**
 * Mints an HS256 bearer token for local development and tests. Production
 * tokens come from the identity provider, signed with the same secret.
 */
export async function mintDevToken(options: MintOptions): Promise<string> {
  if (!['viewer', 'townOperator', 'cityAdmin'].includes(options.role)) {
    throw new AuthenticationError(authMessages.role(options.role));
  }
  const names = options.claims ?? {};
  const claims: Record<string, string> = { [names.role ?? 'role']: options.role };
  if (options.role === 'townOperator') {
    if (!options.town || !TOWN_CODE.test(options.town)) throw new AuthenticationError(authMessages.townClaim);
    claims[names.town ?? 'town'] = options.town;
  }
  if (options.role === 'cityAdmin') {
    const city = options.city ?? options.town?.slice(0, 6);
    if (!city || !CITY_CODE.test(city)) throw new AuthenticationError(authMessages.cityClaim);
    claims[names.city ?? 'city'] = city;
  }
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject ?? `dev:${options.role}`)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h');
  if (options.issuer !== undefined) jwt = jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt = jwt.setAudience(options.audience);
  return jwt.sign(secretKey(options.secret));
}

/** The actor recorded in the audit trail for a write, e.g. `townOperator:330483108000:dev`. */
export function actorOf(p: Principal): string {
  switch (p.role) {
    case 'anonymous':
      return 'anonymous';
    case 'viewer':
      return `viewer:${p.subject}`;
    case 'townOperator':
      return `townOperator:${p.townCode}:${p.subject}`;
    case 'cityAdmin':
      return `cityAdmin:${p.cityCode}:${p.subject}`;
  }
}
