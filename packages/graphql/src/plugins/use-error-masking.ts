import { InvalidTransitionError, MujunError } from '@mujun/core';
import { GraphQLError } from 'graphql';
import type { YogaMaskedErrorOpts } from 'graphql-yoga';
import { AuthenticationError } from '../auth';
import { NotAuthorisedError, VersionConflictError } from '../errors';
import { gatewayMessages } from '../messages';

/** Errors whose message is meant for the client; any other error is masked. */
function isDomainError(e: unknown): boolean {
  // NotAuthorisedError and VersionConflictError are MujunErrors too.
  return e instanceof MujunError || e instanceof AuthenticationError;
}

function domainExtensions(e: unknown): Record<string, unknown> {
  if (e instanceof InvalidTransitionError) return { code: 'INVALID_TRANSITION', status: e.status, rule: e.rule };
  if (e instanceof NotAuthorisedError) return { code: 'NOT_AUTHORISED' };
  if (e instanceof VersionConflictError) return { code: 'VERSION_CONFLICT' };
  if (e instanceof MujunError) {
    const issues = (e as { issues?: unknown }).issues;
    return { code: e.code.toUpperCase().replaceAll('-', '_'), ...(issues ? { fieldErrors: issues } : {}) };
  }
  if (e instanceof AuthenticationError) return { code: 'UNAUTHENTICATED', http: { status: 401 } };
  return {};
}

/**
 * A request error yoga raised for the body (not valid JSON, no body at all)
 * without the `originalError` extension it adds (the JSON parser's own text,
 * which the client has no use for). Yoga reads that extension to tell a
 * request error from a GraphQL one when the client accepts
 * `application/json`; without it the error would be answered 200. So the
 * status is kept by dropping the `spec` flag: the answer is 400 whatever the
 * client accepts, as the GraphQL-over-HTTP spec asks.
 */
function withoutParserText(error: GraphQLError): GraphQLError {
  if (!error.extensions || !('originalError' in error.extensions)) return error;
  const {
    originalError: _dropped,
    http,
    ...extensions
  } = error.extensions as Record<string, unknown> & {
    http?: { status?: number; spec?: boolean };
  };
  const status = http?.status;
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    extensions: { ...extensions, ...(status !== undefined ? { http: { status } } : {}) },
  });
}

/** Options of `errorMasking`. */
export interface ErrorMaskingOptions {
  /** The gateway's largest body, named in the message of yoga's own body limit. */
  readonly maxBodyBytes: number;
  /** Log unexpected errors to the console. */
  readonly log: boolean;
}

/**
 * mujun's error masking (yoga's `maskedErrors` option, which sees request,
 * validation and execution errors alike, so it is a yoga option rather than
 * an envelop plugin):
 * - GraphQL's own errors (syntax, validation, scalars, limits) pass as they
 *   are; a bad body keeps its 400 (`withoutParserText`);
 * - domain errors (`MujunError`, `AuthenticationError`) keep their message and
 *   carry `extensions.code` (and `fieldErrors`, `status`, `rule`);
 * - anything else is logged and answered "Unexpected error."
 *   (`INTERNAL_SERVER_ERROR`).
 */
export function errorMasking(options: ErrorMaskingOptions): YogaMaskedErrorOpts {
  const { maxBodyBytes, log } = options;
  return {
    errorMessage: gatewayMessages.unexpected,
    maskError: (error, message) => {
      const original = error instanceof GraphQLError ? error.originalError : error;
      if (error instanceof GraphQLError && (original === undefined || original === null)) {
        // yoga's own body limit (a body without content-length), in mujun's words.
        if (error.extensions?.code === 'REQUEST_ENTITY_TOO_LARGE') {
          return new GraphQLError(gatewayMessages.bodyTooLarge(maxBodyBytes), {
            extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } },
          });
        }
        return withoutParserText(error);
      }
      // A GraphQL error a resolver threw keeps its message and extensions, and where it happened.
      if (original instanceof GraphQLError) {
        if (!(error instanceof GraphQLError) || error.path === undefined || original.path !== undefined)
          return original;
        return new GraphQLError(original.message, {
          nodes: error.nodes ?? null,
          source: error.source ?? null,
          positions: error.positions ?? null,
          path: error.path,
          extensions: original.extensions,
        });
      }
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
  };
}
