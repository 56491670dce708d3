import { yearlyStatistics } from '@mujun/core';
import { type CliIo, EXIT, UsageError } from '../io';
import { cityOf, withStore } from '../store';
import { parseYear } from './import';

/** `mujun stats --city 330483 --year 2018`: the 退散进集 figures of a year, city-wide and per town. */
export async function statsCommand(io: CliIo, flags: { city?: string; year: string; json?: boolean }): Promise<number> {
  const year = parseYear(flags.year);
  return withStore(io, async (store) => {
    const city = await cityOf(store, flags.city);
    const ledger = await store.repository.loadLedger(city);
    if (!ledger) throw new UsageError(`region ${city} is not in the store`);
    const stats = yearlyStatistics(ledger, year);
    io.out(
      flags.json
        ? JSON.stringify(stats.toJSON(), null, 2)
        : `${stats.regionName} ${year}年 退散进集\n\n${stats.toTable()}`,
    );
    return EXIT.ok;
  });
}
