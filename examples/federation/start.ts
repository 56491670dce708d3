/**
 * `pnpm --filter ./examples/federation start`: mujun's subgraph (4601), the
 * utility's (4602) and Hive Gateway serving the composed supergraph (4600),
 * all on 127.0.0.1; prints a sample query to run against the gateway.
 */
import { randomBytes } from 'node:crypto';
import { mintDevToken } from '@mujun/graphql';
import { startFederation } from './src/federation';

// Tokens are checked by mujun's subgraph: the secret of your identity provider, or one for this run.
const secret = process.env.MUJUN_JWT_SECRET ?? randomBytes(32).toString('hex');
const federation = await startFederation({ secret, ports: { gateway: 4600, mujun: 4601, utility: 4602 } }).catch(
  (e: unknown) => {
    const inUse = (e as { code?: string }).code === 'EADDRINUSE';
    console.error(inUse ? `[federation] ${(e as Error).message}: stop what holds ports 4600-4602 and start again` : e);
    process.exit(1);
  },
);
const token = await mintDevToken({ role: 'cityAdmin', city: '330483', secret });

const query =
  '{ evaluation(schemeId: "tongxiang-2018-example", year: 2018, city: "330483") { results(town: "石门", class: D, first: 3) { edges { node { class enterprise { uscc name electricityAccounts { accountNo consumptionKWh(year: 2018) } differentiatedTariff(year: 2019) { class surchargePerKWh } } } } } } }';

console.log(`mujun subgraph    ${federation.subgraphs.mujun}
utility subgraph  ${federation.subgraphs.utility}
supergraph        ${federation.gatewayUrl}  (Hive Gateway)

石门's D-class enterprises: class and name from mujun, accounts and tariff from the utility.
Run, as the city's 亩均办 (a cityAdmin token valid for 8 hours, signed for this run):

curl -s ${federation.gatewayUrl} -H 'content-type: application/json' -H 'authorization: Bearer ${token}' -d '${JSON.stringify({ query })}'

Ctrl-C stops all three.`);

const stop = () => {
  void federation.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
