import { request } from '../api';
import { graphql } from '../gql';
import type { RunResultsPageQuery } from '../gql/graphql';

const RunResultsPageDocument = graphql(`
  query RunResultsPage($id: ID!, $after: String) {
    evaluationRun(id: $id) {
      results(first: 100, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            uscc
            name
            town {
              name
            }
            cohort
            class
            status
          }
        }
      }
    }
  }
`);

/** A CSV cell: quoted, and a leading = + - @ (a spreadsheet formula) neutralised with an apostrophe. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

const HEADER = ['统一社会信用代码', '企业名称', '镇(街道)', '分组', '分类', '评价状态'];

/**
 * 评价结果 of a run as CSV (names, towns, classes — no figure), read page by
 * page as the gateway lets the principal see them: the gateway has no
 * results.xlsx endpoint yet.
 */
export async function resultsCsv(runId: string, token: string | undefined): Promise<string> {
  const lines = [HEADER.map(cell).join(',')];
  let after: string | null = null;
  for (;;) {
    const data: RunResultsPageQuery = await request(RunResultsPageDocument, { id: runId, after }, token);
    const page: NonNullable<RunResultsPageQuery['evaluationRun']>['results'] | undefined = data.evaluationRun?.results;
    if (!page) break;
    for (const { node } of page.edges) {
      lines.push(
        [node.uscc, node.name, node.town.name, node.cohort ?? '', node.class ?? '', node.status ?? '']
          .map(cell)
          .join(','),
      );
    }
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** Saves text as a file through a same-origin blob link (no server round trip, nothing leaves the browser). */
export function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
