import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ValidationError } from '@mujun/core';
import { checkGrants, GRANT_VERDICT_LABELS, saveGrants } from '@mujun/core/grants';
import {
  grantsCheckWorkbook,
  grantsFromTable,
  grantsTemplateWorkbook,
  readTable,
  templateHeaderOf,
} from '@mujun/intake';
import { type CliIo, EXIT, UsageError } from '../io';
import { cityOf, withStore } from '../store';
import { parseYear } from './import';

/*
 * `mujun grants template|import|check`: 标准地 through the core's steps (saveGrants,
 * checkGrants), spreadsheets through @mujun/intake. The CLI is the store's owner, so
 * it authorises every town of its city.
 */

const xlsx = (file: string, what: string) => {
  if (!file.toLowerCase().endsWith('.xlsx')) throw new UsageError(`${file}: ${what} is an .xlsx workbook`);
};

/** `mujun grants template <file.xlsx>`. */
export async function grantsTemplateCommand(io: CliIo, file: string): Promise<number> {
  xlsx(file, 'the template');
  const path = resolve(io.cwd, file);
  await writeFile(path, await grantsTemplateWorkbook());
  io.out(`标准地导入模板 → ${path}`);
  return EXIT.ok;
}

/** `mujun grants import <file.xlsx> [--city] [--dry-run]`: every row or none. */
export async function grantsImportCommand(
  io: CliIo,
  file: string,
  flags: { city?: string; sheet?: string; json?: boolean },
): Promise<number> {
  xlsx(file, 'a grants file');
  const path = resolve(io.cwd, file);
  const table = await readTable({
    name: path,
    bytes: new Uint8Array(await readFile(path)),
    ...(flags.sheet ? { sheet: flags.sheet } : {}),
  });
  const { grants, rows } = grantsFromTable(table);
  if (grants.length === 0) {
    io.err(`mujun: ${file}: no grant rows under the header`);
    return EXIT.data;
  }
  return withStore(io, async (store) => {
    const city = await cityOf(store, flags.city);
    try {
      const saved = await saveGrants(
        store.repository,
        { city, grants },
        { ctx: { actor: 'cli:grants-import', requestId: `grants-${Date.now()}` }, authorize: () => {} },
      );
      if (flags.json) io.out(JSON.stringify({ city, created: saved.created, replaced: saved.replaced }, null, 2));
      else io.out(`标准地 ${saved.grants.length} 宗: 新增 ${saved.created.length}, 更新 ${saved.replaced.length}`);
      return EXIT.ok;
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      io.err(`mujun: ${file}: nothing imported; ${e.issues.length} problem(s):`);
      for (const issue of e.issues.slice(0, 100)) {
        const [, i, ...rest] = issue.field.split('.');
        const row = rows[Number(i)];
        const header = templateHeaderOf(rest);
        io.err(`  行${row ?? '?'}${header ? ` ${header}` : ''} (${rest.join('.')}): ${issue.message} (${issue.rule})`);
      }
      return EXIT.data;
    }
  });
}

/** `mujun grants check --year Y [--out file.xlsx] [--as-of date] [--city]`. */
export async function grantsCheckCommand(
  io: CliIo,
  flags: { year: string; out?: string; asOf?: string; city?: string; json?: boolean },
): Promise<number> {
  const year = parseYear(flags.year);
  if (flags.out) xlsx(flags.out, '--out');
  return withStore(io, async (store) => {
    const city = await cityOf(store, flags.city);
    const checked = await checkGrants(store.repository, { city, year, ...(flags.asOf ? { asOf: flags.asOf } : {}) });
    const counts = new Map<string, number>();
    for (const r of checked.rows) counts.set(r.compliance.verdict, (counts.get(r.compliance.verdict) ?? 0) + 1);
    if (flags.out) await writeFile(resolve(io.cwd, flags.out), await grantsCheckWorkbook(checked));
    if (flags.json) {
      io.out(
        JSON.stringify(
          { city, year, asOf: checked.asOf, verdicts: Object.fromEntries(counts), due: checked.due.length },
          null,
          2,
        ),
      );
    } else {
      const line = [...counts]
        .map(([v, n]) => `${GRANT_VERDICT_LABELS[v as keyof typeof GRANT_VERDICT_LABELS]} ${n}`)
        .join(', ');
      io.out(
        `标准地复核 ${year}: ${checked.rows.length} 宗 (${line || '无'}); 应复核 ${checked.due.length} 项${flags.out ? ` → ${resolve(io.cwd, flags.out)}` : ''}`,
      );
    }
    return EXIT.ok;
  });
}
