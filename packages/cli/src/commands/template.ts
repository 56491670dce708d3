import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DATA_SOURCE_LABELS } from '@mujun/core/labels';
import { SOURCE_IDS, templateHeader, templateOf, templateWorkbook } from '@mujun/intake';
import { type CliIo, EXIT, UsageError } from '../io';
import { parseYear } from './import';

/** `mujun template <source> <file.xlsx>`: a blank department template with notes on its headers. */
export async function templateCommand(
  io: CliIo,
  source: string,
  file: string,
  flags: { year?: string; json?: boolean },
): Promise<number> {
  const template = templateOf(source);
  if (!template) {
    throw new UsageError(
      `unknown source ${source}: one of ${SOURCE_IDS.map((s) => `${s} (${DATA_SOURCE_LABELS[s]})`).join(', ')}`,
    );
  }
  if (!file.toLowerCase().endsWith('.xlsx')) throw new UsageError(`${file}: a template is an .xlsx workbook`);
  const year = flags.year === undefined ? undefined : parseYear(flags.year);
  const path = resolve(io.cwd, file);
  await writeFile(path, await templateWorkbook(template, year));
  const headers = template.columns.map(templateHeader);
  if (flags.json) io.out(JSON.stringify({ source: template.id, file: path, headers }, null, 2));
  else io.out(`${template.label}模板 → ${path}\n表头: ${headers.join(' | ')}`);
  return EXIT.ok;
}
