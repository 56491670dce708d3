import { MemoryRepository, type Repository, TONGXIANG_2018 } from '@mujun/core';
import { registryToInput } from '@mujun/core/internal';
import { createGateway, type GatewayOptions } from '@mujun/graphql';
import { ARTICLE_REGISTRY, article2018Events, SHIMEN, ZHOUQUAN } from '../../core/test/campaign/article';

/*
 * The synthetic 2018 ledger of packages/core/test/campaign/article.ts (the
 * article's seven published figures: 4692家, 20项, 11家, 4574亩, 2562亩,
 * 47万平方米, 585家), loaded through `importRegion`, with a 2018 target set
 * and its weekly ranking.
 */

export { SHIMEN, ZHOUQUAN };
export const ctx = { actor: 'test:contract' };
const period = { from: '2018-01-01', to: '2018-12-31' };

/** 2018 targets: 腾退签约 4000亩 split by town (石门 400, 洲泉 500, others 350) and 小微企业入园 500家. */
export function targetSet2018() {
  const towns = TONGXIANG_2018.towns.map((t) => t.code);
  const signedOf = (code: string) => (code === SHIMEN ? '400' : code === ZHOUQUAN ? '500' : '350');
  return {
    targets: [
      {
        id: '2018-signed',
        label: '腾退签约',
        measure: 'vacatingSigned',
        period,
        value: '4000',
        children: towns.map((code) => ({
          id: `2018-signed-${code.slice(6, 9)}`,
          townCode: code,
          value: signedOf(code),
        })),
      },
      {
        id: '2018-entries',
        label: '小微企业入园',
        measure: 'parkEntries',
        period,
        value: '500',
        children: towns.map((code) => ({ id: `2018-entries-${code.slice(6, 9)}`, townCode: code, value: '50' })),
      },
    ],
    ranking: {
      title: '2018年退散进集每周量化排序',
      cap: '1.5',
      components: [
        { key: 'signed', label: '腾退签约', weight: '60', targetId: '2018-signed' },
        { key: 'entries', label: '小微企业入园', weight: '40', targetId: '2018-entries' },
      ],
    },
  };
}

/** Seeds any repository with the article's 2018 region, ledger and targets. */
export async function seedArticle(repository: Repository): Promise<Repository> {
  await repository.importRegion(registryToInput(ARTICLE_REGISTRY), article2018Events().flat(), ctx);
  await repository.saveTargets('330483', 2018, targetSet2018(), ctx);
  return repository;
}

export async function articleGateway(options: Partial<GatewayOptions> = {}) {
  const repository = await seedArticle(new MemoryRepository({ now: () => '2019-01-24T00:00:00.000Z' }));
  const yoga = createGateway({
    repository,
    auth: { secret: 'test-secret-test-secret-test-secret!' },
    logging: false,
    ...options,
  });
  return { repository, yoga };
}
