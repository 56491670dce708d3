import type { CORSOptions, Plugin } from 'graphql-yoga';
import { gatewayMessages } from '../messages';

/**
 * CORS for an allowlist (yoga's `cors` option): an allowed origin gets its
 * own origin back (with credentials, as bearer tokens are sent by the page);
 * any other origin gets no CORS header, so the browser keeps the response
 * from the page. `*` and anything that is not an origin are refused at start.
 */
export function corsFor(origins: readonly string[]): (request: Request) => CORSOptions {
  for (const o of origins) {
    if (o === '*' || !/^https?:\/\/[^/\s]+$/.test(o)) throw new Error(gatewayMessages.corsOrigin(o));
  }
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    return {
      origin,
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', 'x-graphql-yoga-csrf'],
      maxAge: 600,
    };
  };
}

/** `Vary: Origin` on every response when CORS answers differ by origin (shared caches must not mix them). */
export function useVaryOrigin(): Plugin {
  return {
    onResponse: ({ response }) => {
      const vary = response.headers.get('vary');
      if (!vary?.toLowerCase().includes('origin')) response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
    },
  };
}
