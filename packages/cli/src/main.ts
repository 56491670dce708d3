import { MujunError } from '@mujun/core';
import { DEFAULT_LIMITS, IntakeError, LIMIT_NAMES, limitEnvName, limitFlagName } from '@mujun/intake';
import { Command, CommanderError } from 'commander';
import { exportCommand, loadCommand } from './commands/dataset';
import { evaluateCommand } from './commands/evaluate';
import { serveCommand, tokenCommand } from './commands/gateway';
import { exportGeoJsonCommand, importGeometryCommand, isGeometryImport } from './commands/geometry';
import { grantsCheckCommand, grantsImportCommand, grantsTemplateCommand } from './commands/grants';
import { importCommand } from './commands/import';
import { statsCommand } from './commands/stats';
import { templateCommand } from './commands/template';
import { type CliIo, EXIT, processIo, UsageError } from './io';

const HELP_FOOTER = `
Store: PGlite in $MUJUN_DATA_DIR/pglite (default .mujun/ at the repository root), or PostgreSQL with DATABASE_URL.
Exit codes: 0 done, 1 the data broke a rule (see the report), 2 the command was misused.
Docs: docs/cli.md and docs/import.md`;

function program(io: CliIo, done: (code: number) => void): Command {
  const run =
    <A extends unknown[]>(fn: (...args: A) => Promise<number>) =>
    async (...args: A) =>
      done(await fn(...args));
  const p = new Command('mujun')
    .description('mujun 亩均: department data intake, evaluation, statistics and the GraphQL gateway')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', HELP_FOOTER);

  const importer = p
    .command('import')
    .description(
      'import department spreadsheets (.xlsx, .xls, .et, .ods; .csv/.tsv/.txt in UTF-8, GBK or UTF-16) of one year into the store',
    )
    .argument(
      '<files...>',
      'department files: 税务, 统计, 电力, 自然资源, 生态环境, 发改/能源 (source detected from the header row)',
    )
    .option('--year <year>', 'the statistical year of the figures (required for spreadsheets)')
    .option('--city <code>', '行政区划代码 of the city (default: the store’s only region)')
    .option('--layer <layer>', 'geometry files (.geojson, .shp): parcels (default) or towns')
    .option('--source <source>', 'the source of every file, when the header does not tell (tax, statistics, …)')
    .option('--sheet <name>', 'worksheet to read (default: the first)')
    .option('--accept-valid', 'write the rows that pass even when others fail, and a rejects workbook')
    .option('--rejects <file.xlsx>', 'where to write the rejects workbook (default mujun-rejects-<year>.xlsx)')
    .option('--dry-run', 'check and report only; write nothing')
    .option('--json', 'print the report as JSON');
  // 导入限额: one flag per limit (--max-rows 300000), over MUJUN_INTAKE_MAX_* and the defaults.
  for (const limit of LIMIT_NAMES) {
    importer.option(
      `--${limitFlagName(limit)} <n>`,
      `limit on ${limit} (default ${DEFAULT_LIMITS[limit]}; env ${limitEnvName(limit)})`,
    );
  }
  importer.action(
    run((files: string[], flags) => {
      if (isGeometryImport(files)) return importGeometryCommand(io, files, flags);
      if (flags.year === undefined) throw new UsageError("required option '--year <year>' not specified");
      return importCommand(io, files, flags);
    }),
  );

  p.command('template')
    .description('write a blank department template with notes on its headers')
    .argument('<source>', 'tax | statistics | electricity | land | environment | energy (or 税务, 统计, …)')
    .argument('<file.xlsx>', 'where to write it')
    .option('--year <year>', 'the year written in its title')
    .option('--json', 'print what was written as JSON')
    .action(run((source: string, file: string, flags) => templateCommand(io, source, file, flags)));

  p.command('evaluate')
    .description('亩均效益综合评价 over the store’s data; --out writes results.xlsx')
    .requiredOption('--scheme <scheme>', 'a scheme .json file, a preset (huangyan-2022, …) or a stored scheme id')
    .requiredOption('--year <year>', 'the year evaluated')
    .option('--city <code>', '行政区划代码 of the city (default: the store’s only region)')
    .option('--out <results.xlsx>', 'write the results workbook (a sheet per cohort, class counts per town)')
    .option('--json', 'print the summary as JSON')
    .action(run((flags) => evaluateCommand(io, flags)));

  p.command('stats')
    .description('退散进集 figures of a year from the campaign ledger, city-wide and per town')
    .requiredOption('--year <year>', 'the year')
    .option('--city <code>', '行政区划代码 of the city (default: the store’s only region)')
    .option('--json', 'print them as JSON')
    .action(run((flags) => statsCommand(io, flags)));

  const grants = p
    .command('grants')
    .description('标准地: land-grant commitments and their checks (docs/land-grants.md)');
  grants
    .command('template')
    .description('write the grant import template (.xlsx) with an example row')
    .argument('<file.xlsx>', 'where to write it')
    .action(run((file: string) => grantsTemplateCommand(io, file)));
  grants
    .command('import')
    .description('import grants from a filled template: every row or none')
    .argument('<file.xlsx>', 'the filled template')
    .option('--city <code>', '行政区划代码 of the city (default: the store’s only region)')
    .option('--sheet <name>', 'worksheet to read (default: the first)')
    .option('--json', 'print the result as JSON')
    .action(run((file: string, flags) => grantsImportCommand(io, file, flags)));
  grants
    .command('check')
    .description('check every grant for a year (竣工验收, 达产复核) and assess consequences; --out writes a workbook')
    .requiredOption('--year <year>', 'the statistical year checked')
    .option('--as-of <date>', 'assess consequences as of this date (default 31 December of the year)')
    .option('--out <file.xlsx>', 'write the check workbook')
    .option('--city <code>', '行政区划代码 of the city (default: the store’s only region)')
    .option('--json', 'print the summary as JSON')
    .action(run((flags) => grantsCheckCommand(io, flags)));

  p.command('load')
    .description('load a canonical CSV dataset folder (docs/dataset.md) into an empty store region')
    .argument('<dir>', 'the dataset folder, e.g. examples/tongxiang-2018/data')
    .option('--registry-only', 'only the region, enterprises, parcels and parks (no annual data, no events)')
    .option('--json', 'print the result as JSON')
    .action(run((dir: string, flags) => loadCommand(io, dir, flags)));

  p.command('export')
    .description('write a region back as the canonical CSV dataset')
    .argument('<dir>', 'the folder to write (created if missing)')
    .option('--city <code>', '行政区划代码 of the city (default: the store’s only region)')
    .option('--geojson', 'write the map layers (towns, parcels, firms .geojson) instead (docs/map.md)')
    .option('--year <year>', 'with --geojson: the year of the figures on the layers')
    .option(
      '--run <id>',
      'with --geojson: the evaluation run whose classes are shown (default: the year’s newest in 公示 or final)',
    )
    .option('--public', 'with --geojson: only what a viewer may read (no firm’s figures)')
    .option('--json', 'print what was written as JSON')
    .action(
      run((dir: string, flags) =>
        flags.geojson ? exportGeoJsonCommand(io, dir, flags) : exportCommand(io, dir, flags),
      ),
    );

  p.command('serve')
    .description('start the GraphQL gateway (the same server as mujun-gateway and pnpm start)')
    .option('--port <port>', 'port to listen on (default $PORT or 4000)')
    .option('--subgraph', 'serve the federation subgraph (@key entities, _entities, _service) for a federation gateway')
    .action(run((flags) => serveCommand(io, flags)));

  p.command('token')
    .description('print a development token')
    .argument('<role>', 'viewer | townOperator:石门 | townOperator:330483108000 | cityAdmin:330483')
    .action(run((role: string) => tokenCommand(io, role)));
  return p;
}

/** Runs `mujun` with these arguments; resolves to the exit code (0 done, 1 data errors, 2 usage). */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program(io, (c) => {
      code = c;
    }).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError) {
      io.err(`mujun: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof IntakeError || e instanceof MujunError) {
      io.err(`mujun: ${e.message}`);
      const issues = (e as { issues?: readonly { field: string; rule: string; message: string }[] }).issues ?? [];
      for (const i of issues.slice(0, 50)) io.err(`  ${i.field}: ${i.message} (${i.rule})`);
      if (issues.length > 50) io.err(`  … ${issues.length - 50} more`);
      return EXIT.data;
    }
    throw e;
  }
}
