/**
 * A bounded mixed read/write load on a running gateway (127.0.0.1 only):
 * `connections` autocannon connections for `seconds`, every other request a
 * write (`recordCampaignEvents` with one new event), the rest reads
 * (`campaignStatistics`, an enterprise page). Counts errors (transport,
 * non-2xx, GraphQL errors) and acknowledged writes, then checks that the
 * ledger holds every acknowledged event (and no more than were sent). Used by `bench/load.bench.ts`
 * (60 s) and, for a few seconds, by packages/graphql/test/load.test.ts.
 */
import autocannon from 'autocannon';

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly acknowledged: number;
  /** Writes sent (some may still be in flight when the time is up: applied, never acknowledged). */
  readonly sent: number;
  /** Events of this run in the ledger afterwards. */
  readonly recorded: number;
  /** Acknowledged writes whose event is not in the ledger: must be 0. */
  readonly missing: number;
  readonly p99: number;
}

const READS = [
  '{ campaignStatistics(city: "330483", year: 2018) { lowScatteredRemediated vacatingSigned { mu } byTown { town { name } lowScatteredRemediated } } }',
  '{ enterprises(city: "330483", first: 20) { totalCount edges { node { uscc name town { name } } } } }',
];
const WRITE = `mutation ($input: RecordCampaignEventsInput!) { recordCampaignEvents(input: $input) {
  __typename ... on RecordCampaignEventsSuccess { version } } }`;

/** Ids of the run's events in the ledger, paging through `campaignEvents`. */
async function recordedIds(url: string, prefix: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const res: Response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query ($after: String) { campaignEvents(city: "330483", type: BACKWARD_CAPACITY_ELIMINATED, from: "2018-12-20", to: "2018-12-20", first: 100, after: $after) {
          edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        variables: { after },
      }),
    });
    const page = (
      (await res.json()) as {
        data: {
          campaignEvents: {
            edges: { node: { id: string } }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        };
      }
    ).data.campaignEvents;
    for (const e of page.edges) if (e.node.id.startsWith(prefix)) ids.add(e.node.id);
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
}

export async function runLoad(options: {
  readonly url: string;
  readonly token: string;
  readonly townCode: string;
  readonly seconds: number;
  readonly connections: number;
  /** Distinguishes event ids of separate runs on one ledger. */
  readonly runId: string;
}): Promise<LoadResult> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(options.url))
    throw new Error('load tests run against 127.0.0.1 only');
  const prefix = `LOAD-${options.runId}-`;
  let n = 0;
  let sent = 0;
  const acknowledged: string[] = [];
  let graphqlErrors = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req, context) => {
          const i = n++;
          const write = i % 2 === 0;
          const id = `${prefix}${i}`;
          (context as { id?: string | undefined }).id = write ? id : undefined;
          if (write) sent += 1;
          const body = write
            ? {
                query: WRITE,
                variables: {
                  input: {
                    city: '330483',
                    events: [
                      {
                        type: 'BACKWARD_CAPACITY_ELIMINATED',
                        id,
                        date: '2018-12-20',
                        townCode: options.townCode,
                        items: 1,
                      },
                    ],
                  },
                },
              }
            : { query: READS[(i >> 1) % READS.length] };
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              ...(write ? { authorization: `Bearer ${options.token}` } : {}),
            },
            body: JSON.stringify(body),
          };
        },
        onResponse: (_status, body, context) => {
          const parsed = JSON.parse(body) as { data?: Record<string, { __typename?: string }>; errors?: unknown[] };
          if (parsed.errors?.length || !parsed.data) graphqlErrors += 1;
          const write = parsed.data?.recordCampaignEvents;
          if (write) {
            const id = (context as { id?: string }).id;
            if (write.__typename === 'RecordCampaignEventsSuccess' && id) acknowledged.push(id);
            else graphqlErrors += 1;
          }
        },
      },
    ],
  });
  const recorded = await recordedIds(options.url, prefix);
  return {
    requests: result.requests.total,
    errors: result.errors + result.non2xx + result.timeouts + graphqlErrors,
    acknowledged: acknowledged.length,
    sent,
    recorded: recorded.size,
    missing: acknowledged.filter((id) => !recorded.has(id)).length,
    p99: result.latency.p99,
  };
}
