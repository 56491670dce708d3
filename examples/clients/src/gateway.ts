import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryRepository } from '@mujun/core';
import { createGateway, mintDevToken } from '@mujun/graphql';
import { seedArticle } from '../../../packages/graphql/test/contract-fixtures';

export const CITY = '330483';
export const SHIMEN = '330483108000';
const SECRET = 'clients-example-secret-0123456789abcdef';

/** One HTTP request as the gateway received it. */
export interface SeenRequest {
  method: string;
  /** The operation name, from the query string (GET) or the JSON body (POST). */
  operationName: string | null;
  status: number;
}

export interface StartedGateway {
  url: string;
  /** Every request the gateway answered, in order. */
  seen: SeenRequest[];
  /** A 石门 town operator's dev token (the session a town's page would have). */
  townOperatorToken: string;
  close(): Promise<void>;
}

/**
 * The gateway with its default options (CSRF prevention off, as documented)
 * over the article's 2018 ledger, on a real socket at 127.0.0.1. The server
 * records each request's method and operation name, so a test can tell what a
 * client actually sent rather than what it was configured to send.
 */
export async function startGateway(): Promise<StartedGateway> {
  const repository = await seedArticle(new MemoryRepository({ now: () => '2019-01-24T00:00:00.000Z' }));
  const yoga = createGateway({ repository, auth: { secret: SECRET }, logging: false });
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const entry: SeenRequest = { method: req.method ?? '', operationName: operationNameOf(req.url, body), status: 0 };
      seen.push(entry);
      res.on('finish', () => {
        entry.status = res.statusCode;
      });
      // Hand yoga the request with the body already read.
      const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers: Object.entries(req.headers).flatMap(([k, v]) =>
          v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((one): [string, string] => [k, one]),
        ),
        ...(body.length > 0 ? { body } : {}),
      });
      void answer(request, res);
    });
  });
  async function answer(request: Request, res: ServerResponse) {
    const response = await yoga.fetch(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const townOperatorToken = await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET });
  return {
    url,
    seen,
    townOperatorToken,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function operationNameOf(url: string | undefined, body: Buffer): string | null {
  const fromQuery = new URL(url ?? '/', 'http://127.0.0.1').searchParams.get('operationName');
  if (fromQuery) return fromQuery;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { operationName?: unknown };
    return typeof parsed.operationName === 'string' ? parsed.operationName : null;
  } catch {
    return null;
  }
}
