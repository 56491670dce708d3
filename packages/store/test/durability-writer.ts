/**
 * Child process of the durability test: writes batches of campaign events
 * forever and prints `ack <version>` after each committed batch. The parent
 * kills it with SIGKILL mid-stream.
 *
 * argv: <pglite data dir | postgres url> [schema]
 */
import { openStore } from '../src/index';
import { smallRegistry } from './fixtures';

export const BATCH = 25;

// Never outlive the test: the parent holds our stdin, and its end means the parent is gone.
process.stdin.on('end', () => process.exit(2));
process.stdin.resume();

async function main() {
  const [target, schema] = process.argv.slice(2);
  if (!target) throw new Error('usage: durability-writer <dataDir|url> [schema]');
  const store = target.startsWith('postgres')
    ? await openStore({ databaseUrl: target, ...(schema ? { schema } : {}) })
    : await openStore({ dataDir: target });
  const ctx = { actor: 'test:durability' };
  await store.repository.saveRegion(smallRegistry().region, ctx);
  process.stdout.write('ready\n');
  for (let batch = 0; ; batch++) {
    const events = Array.from({ length: BATCH }, (_, i) => ({
      type: 'lowScatteredRemediated',
      id: `B${batch}-${i}`,
      date: '2018-10-01',
      townCode: '330483108000',
      workshopName: `作坊${batch}-${i}`,
      outcome: 'closedEliminated',
    }));
    const r = await store.repository.appendEvents('330483', events, { expectedVersion: batch * BATCH }, ctx);
    if (!r.ok) throw new Error(`batch ${batch} refused: ${JSON.stringify(r)}`);
    process.stdout.write(`ack ${r.version}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
