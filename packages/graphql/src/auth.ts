import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
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
  /** Required `iss` claim, if set. */
  readonly issuer?: string;
  /** Required `aud` claim, if set. */
  readonly audience?: string;
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

/** The principal named by a verified token's claims. @throws AuthenticationError for a bad role or code */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const subject = typeof claims.sub === 'string' ? claims.sub : 'unknown';
  switch (claims.role) {
    case 'viewer':
      return { role: 'viewer', subject };
    case 'townOperator': {
      const town = claims.town;
      if (typeof town !== 'string' || !TOWN_CODE.test(town)) throw new AuthenticationError(authMessages.townClaim);
      return { role: 'townOperator', subject, townCode: town, cityCode: town.slice(0, 6) };
    }
    case 'cityAdmin': {
      const city = claims.city;
      if (typeof city !== 'string' || !CITY_CODE.test(city)) throw new AuthenticationError(authMessages.cityClaim);
      return { role: 'cityAdmin', subject, cityCode: city };
    }
    default:
      throw new AuthenticationError(authMessages.role(claims.role));
  }
}

/**
 * The principal of a request from its `Authorization` header.
 * @throws AuthenticationError when a token is present but cannot be verified
 */
export async function authenticate(
  header: string | null | undefined,
  options: AuthOptions,
  secret: Uint8Array | undefined,
): Promise<Principal> {
  if (header === null || header === undefined || header.trim() === '') {
    return options.anonymousRole === 'none' ? { role: 'anonymous' } : { role: 'viewer', subject: 'anonymous' };
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new AuthenticationError(authMessages.scheme);
  if (!secret) throw new AuthenticationError(authMessages.noSecret);
  try {
    const { payload } = await jwtVerify(match[1], secret, {
      algorithms: ['HS256'],
      ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
      ...(options.audience === undefined ? {} : { audience: options.audience }),
    });
    return principalFromClaims(payload);
  } catch (e) {
    if (e instanceof AuthenticationError) throw e;
    if (e instanceof joseErrors.JWTExpired) throw new AuthenticationError(authMessages.expired);
    throw new AuthenticationError(authMessages.invalid(e instanceof Error ? e.message : String(e)));
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
  /** jose duration, e.g. `'8h'` (default), `'30d'`. */
  readonly expiresIn?: string;
  readonly issuer?: string;
  readonly audience?: string;
}

/**
 * Mints an HS256 bearer token for local development and tests. Production
 * tokens come from the identity provider, signed with the same secret.
 */
export async function mintDevToken(options: MintOptions): Promise<string> {
  if (!['viewer', 'townOperator', 'cityAdmin'].includes(options.role)) {
    throw new AuthenticationError(authMessages.role(options.role));
  }
  const claims: Record<string, string> = { role: options.role };
  if (options.role === 'townOperator') {
    if (!options.town || !TOWN_CODE.test(options.town)) throw new AuthenticationError(authMessages.townClaim);
    claims.town = options.town;
  }
  if (options.role === 'cityAdmin') {
    const city = options.city ?? options.town?.slice(0, 6);
    if (!city || !CITY_CODE.test(city)) throw new AuthenticationError(authMessages.cityClaim);
    claims.city = city;
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
