import type { Plugin } from 'graphql-yoga';
import { gatewayMessages } from '../messages';

/** Default largest request body: 1 MiB (a 1,000-enterprise `saveEnterprises` is about 250 kB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The 413 answer for a body above `max` bytes, in mujun's words. */
export function tooLarge(max: number): Response {
  return Response.json(
    { errors: [{ message: gatewayMessages.bodyTooLarge(max), extensions: { code: 'PAYLOAD_TOO_LARGE' } }] },
    { status: 413 },
  );
}

/**
 * Refuses bodies above `max` bytes by `content-length` at once, with mujun's
 * message; a body without one (chunked) is counted while read by yoga's own
 * limit (`maxRequestBodySize`, set to the same `max`), whose refusal
 * `useErrorMasking` words the same way.
 */
export function useBodyLimit(max: number): Plugin {
  return {
    onRequest: ({ request, endResponse }) => {
      const length = request.headers.get('content-length');
      if (length !== null && Number(length) > max) endResponse(tooLarge(max));
    },
  };
}
