import type { TypedDocumentString } from './gql/graphql';

/** The gateway's endpoint, on the dashboard's own origin (the gateway serves both: no CORS). */
export const GRAPHQL_ENDPOINT = new URL('../graphql', new URL(import.meta.env.BASE_URL, window.location.href)).pathname;

/** A GraphQL error the gateway answered with (its message is meant for people). */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

interface GraphQLResponse<T> {
  readonly data?: T;
  readonly errors?: readonly { readonly message: string; readonly extensions?: { readonly code?: string } }[];
}

/**
 * Runs one typed document (generated from the committed SDL) against the
 * gateway. Decimals arrive as the API's exact strings and stay strings.
 * @throws GatewayError on a GraphQL error or a non-JSON answer
 */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  token: string | undefined,
): Promise<TResult> {
  const response = await fetch(GRAPHQL_ENDPOINT, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  return answer<TResult>(response);
}

/**
 * Runs one typed mutation with a file as a GraphQL multipart request
 * (graphql-multipart-request-spec): `fileVariable` is the path of the
 * `Upload` variable, e.g. `input.file`.
 * @throws GatewayError on a GraphQL error or a non-JSON answer
 */
export async function upload<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  fileVariable: string,
  file: File,
  token: string | undefined,
): Promise<TResult> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: document.toString(), variables }));
  form.set('map', JSON.stringify({ 0: [`variables.${fileVariable}`] }));
  form.set('0', file, file.name);
  const response = await fetch(GRAPHQL_ENDPOINT, {
    method: 'POST',
    headers: {
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: form,
  });
  return answer<TResult>(response);
}

async function answer<TResult>(response: Response): Promise<TResult> {
  let body: GraphQLResponse<TResult>;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new GatewayError(`网关返回 HTTP ${response.status}`);
  }
  const first = body.errors?.[0];
  if (first) throw new GatewayError(first.message, first.extensions?.code);
  if (body.data === undefined) throw new GatewayError(`网关返回 HTTP ${response.status}，无数据`);
  return body.data;
}
