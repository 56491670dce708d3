import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantityCell } from '../../src/dataset/index';
import {
  Area,
  type DatasetIssue,
  datasetToFiles,
  parseDatasetFiles,
  Quantity,
  Rational,
  yearlyStatistics,
} from '../../src/index';
import { ARTICLE_REGISTRY, article2018Events, articleLedger } from '../campaign/article';

const ledger = articleLedger();
const files = datasetToFiles({ registry: ARTICLE_REGISTRY, events: ledger.events().map((e) => e.event) });

function load(overrides: Record<string, string | undefined> = {}, options = {}) {
  const all: Record<string, string> = { ...files };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete all[k];
    else all[k] = v;
  }
  return parseDatasetFiles(all, options);
}

function issuesOf(r: ReturnType<typeof load>): readonly DatasetIssue[] {
  if (r.ok) throw new Error('expected the dataset to be refused');
  return r.issues;
}

/** Replaces line `n` (1-based) of a text. */
function editLine(text: string, n: number, edit: (line: string) => string): string {
  const lines = text.split('\n');
  lines[n - 1] = edit(lines[n - 1] ?? '');
  return lines.join('\n');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('dataset CSV files', () => {
  it('writes every registry file and one events file per year', () => {
    expect(Object.keys(files).sort()).toEqual([
      'annual-data.csv',
      'enterprises.csv',
      'events-2018.csv',
      'parcels.csv',
      'park-phases.csv',
      'parks.csv',
      'towns.csv',
    ]);
    expect(files['towns.csv']?.split('\n')[0]).toBe(
      'region_code,region_name,region_valid_from,region_valid_to,town_code,town_name,town_full_name,town_kind',
    );
    expect(files['towns.csv']?.split('\n')[11]).toBe('330483,桐乡市,2018,2019,330483108000,石门,石门镇,town');
    expect(files['events-2018.csv']?.split('\n')).toHaveLength(ledger.version + 2); // header, rows, final newline
  });

  it('reads back what it wrote: same registry, same events, same statistics, same bytes', () => {
    const r = load();
    if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 5)));
    expect(r.events).toHaveLength(ledger.version);
    expect(r.ledger.toJSON()).toEqual(ledger.toJSON());
    expect(yearlyStatistics(r.ledger, 2018).toJSON()).toEqual(yearlyStatistics(ledger, 2018).toJSON());
    expect(r.registry.enterprises.size).toBe(ARTICLE_REGISTRY.enterprises.size);
    expect(datasetToFiles({ registry: r.registry, events: r.events })).toEqual(files);
  });

  it('accepts a byte order mark, CRLF line ends, blank lines and padded cells', () => {
    const crlf = `\uFEFF${(files['parcels.csv'] ?? '').replaceAll('\n', '\r\n')}\r\n`;
    const padded = editLine(files['parks.csv'] ?? '', 2, (l) => l.replace(',', ' , '));
    const r = load({ 'parcels.csv': crlf, 'parks.csv': padded });
    expect(r.ok).toBe(true);
  });

  it('refuses a bad USCC, a negative area, an unknown town and a date out of the year, naming file, line and column', () => {
    const ent = files['enterprises.csv'] ?? '';
    // Lines found by content, so the test holds whatever order the writer uses.
    const townLine = lineOf(ent, ',330483108000,');
    const usccLine = townLine === 2 ? 3 : 2;
    const badUscc = editLine(ent, usccLine, (l) => l.replace(/^(\w{17})\w/, (_, head: string) => `${head}0`));
    const par = files['parcels.csv'] ?? '';
    const parcelLine = lineOf(par, ',45,');
    const negative = editLine(par, parcelLine, (l) => l.replace(',45,', ',-45,'));
    const unknownTown = editLine(ent, townLine, (l) => l.replace('330483108000', '330483199000'));
    const ev = files['events-2018.csv'] ?? '';
    const n = lineOf(ev, 'CA-F');
    const late = editLine(ev, n, (l) => l.replace('2018-07-01', '2019-07-01'));
    const issues = issuesOf(
      load({
        'enterprises.csv': editLine(badUscc, townLine, (l) => l.replace('330483108000', '330483199000')),
        'parcels.csv': negative,
        'events-2018.csv': late,
      }),
    );
    expect(unknownTown).not.toBe(ent);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'enterprises.csv', line: usccLine, field: 'uscc', rule: 'uscc.checkDigit' }),
        expect.objectContaining({
          file: 'enterprises.csv',
          line: townLine,
          field: 'town_code',
          rule: 'reference.town',
        }),
        expect.objectContaining({
          file: 'parcels.csv',
          line: parcelLine,
          field: 'area_mu',
          rule: 'positive',
          value: '-45',
        }),
        expect.objectContaining({
          file: 'events-2018.csv',
          line: n,
          field: 'date',
          rule: 'event.dateOutOfYear',
          value: '2019-07-01',
        }),
      ]),
    );
    // Sorted: registry files in their order, then events, each by line.
    expect(issues.map((i) => i.file)).toEqual([...issues.map((i) => i.file)].sort((a, b) => rank(a) - rank(b)));
  });

  it('checks dates against the year option as well as the file name', () => {
    const ev = files['events-2018.csv'] ?? '';
    const r = load({ 'events-2018.csv': undefined, 'events.csv': ev }, { year: 2019 });
    const issues = issuesOf(r);
    expect(issues).toHaveLength(ledger.version);
    expect(issues.every((i) => i.rule === 'event.dateOutOfYear' && i.file === 'events.csv')).toBe(true);
    expect(load({ 'events-2018.csv': undefined, 'events.csv': ev }, { year: 2018 }).ok).toBe(true);
  });

  it("maps the ledger's rules back to the event's line and column", () => {
    const ev = files['events-2018.csv'] ?? '';
    const d = lineOf(ev, 'CA-D,');
    const before = editLine(ev, d, (l) => l.replace('2018-06-10', '2018-05-10'));
    const unknownParcel = editLine(before, lineOf(ev, 'CA-R,'), (l) => l.replace('SM-CHONGAN', 'SM-NOWHERE'));
    const issues = issuesOf(load({ 'events-2018.csv': unknownParcel }));
    // Later stages of the parcel fail too: the ledger never saw the rejected ones.
    expect(issues.slice(0, 2)).toEqual([
      expect.objectContaining({ file: 'events-2018.csv', line: d, field: 'date', rule: 'vacating.dateOrder' }),
      expect.objectContaining({
        file: 'events-2018.csv',
        line: lineOf(ev, 'CA-R,'),
        field: 'parcel_id',
        rule: 'reference.parcel',
        value: 'SM-NOWHERE',
      }),
    ]);
  });

  it('reports duplicate ids, filled cells that do not belong to the type, and schema rules of events', () => {
    const ev = files['events-2018.csv'] ?? '';
    const lines = ev.split('\n');
    const dup = [...lines.slice(0, 3), lines[2], ...lines.slice(3)].join('\n');
    const stray = editLine(dup, 2, (l) => `${l.slice(0, l.lastIndexOf(','))},台账`);
    const issues = issuesOf(load({ 'events-2018.csv': stray }));
    expect(issues.map((i) => [i.line, i.field, i.rule])).toEqual([[4, 'id', 'unique']]);
    const header = lines[0]?.split(',') ?? [];
    const itemsCol = header.indexOf('items');
    const withItems = editLine(ev, 2, (l) =>
      l
        .split(',')
        .map((c, i) => (i === itemsCol ? '1.5' : c))
        .join(','),
    );
    const bad = issuesOf(load({ 'events-2018.csv': withItems }));
    expect(bad.map((i) => [i.line, i.field, i.rule])).toEqual([[2, 'items', 'csv.notApplicable']]);
  });

  it('reports CSV-level problems: unknown or missing columns, short rows, syntax, unknown files', () => {
    const par = files['parcels.csv'] ?? '';
    const renamed = par.replace('area_mu', 'area_hectare');
    const short = `${par}P-X,330483108000\n`;
    const issues = issuesOf(
      load({ 'parcels.csv': renamed, 'parks.csv': `${files['parks.csv']}"unclosed,x\n`, 'notes.csv': 'a\n' }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'parcels.csv', line: 1, field: 'area_hectare', rule: 'csv.unknownColumn' }),
        expect.objectContaining({ file: 'parcels.csv', line: 1, field: 'area_mu', rule: 'csv.missingColumn' }),
        expect.objectContaining({ file: 'parks.csv', rule: 'csv.syntax' }),
        expect.objectContaining({ file: 'notes.csv', rule: 'dataset.unknownFile' }),
      ]),
    );
    const shortIssues = issuesOf(load({ 'parcels.csv': short }));
    expect(shortIssues).toEqual([
      expect.objectContaining({ file: 'parcels.csv', line: par.split('\n').length, rule: 'csv.fieldCount' }),
    ]);
    expect(issuesOf(load({ 'towns.csv': undefined }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: 'towns.csv', rule: 'dataset.missingFile' })]),
    );
  });

  it('refuses a whole number a JS number cannot hold exactly (beyond 2^53)', () => {
    const ev = files['events-2018.csv'] ?? '';
    const header = ev.split('\n')[0]?.split(',') ?? [];
    const typeCol = header.indexOf('type');
    const itemsCol = header.indexOf('items');
    const n = ev.split('\n').findIndex((l) => l.split(',')[typeCol] === 'backwardCapacityEliminated') + 1;
    expect(n).toBeGreaterThan(1);
    const huge = editLine(ev, n, (l) =>
      l
        .split(',')
        .map((c, i) => (i === itemsCol ? '9007199254740993' : c))
        .join(','),
    );
    const issues = issuesOf(load({ 'events-2018.csv': huge }));
    expect(issues).toEqual([expect.objectContaining({ line: n, field: 'items' })]);
  });

  it('counts lines of quoted cells that span lines', () => {
    const ev = files['events-2018.csv'] ?? '';
    const header = ev.split('\n')[0]?.split(',') ?? [];
    const noteCol = header.indexOf('note');
    const multi = editLine(ev, 2, (l) =>
      l
        .split(',')
        .map((c, i) => (i === noteCol ? '"台账\n第二行"' : c))
        .join(','),
    );
    const n = lineOf(ev, 'CA-D,') + 1;
    const broken = editLine(multi, n, (l) => l.replace('2018-06-10', '2018-05-10'));
    const issues = issuesOf(load({ 'events-2018.csv': broken }));
    expect(issues[0]).toMatchObject({ line: n, rule: 'vacating.dateOrder' });
  });

  it('keeps areas exact: a value with no finite decimal in the column unit names its unit', () => {
    expect(quantityCell(Area.mu('1'), 'squareMetre')).toBe('1 mu');
    expect(quantityCell(Area.mu('1.5'), 'squareMetre')).toBe('1000');
    expect(quantityCell(Area.squareMetres('1'), 'mu')).toBe('0.0015');
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), (base) => {
        const q = Quantity.fromBase('area', Rational.of(base));
        const cell = quantityCell(q, 'squareMetre');
        const [value, unit] = cell.split(' ');
        const back = Quantity.of('area', value ?? '', (unit ?? 'squareMetre') as 'mu');
        return back.equals(q);
      }),
    );
  });

  it('leaves nothing loaded when any row is bad (all or nothing)', () => {
    const events = article2018Events().flat();
    expect(events.length).toBeGreaterThan(0);
    const par = files['parcels.csv'] ?? '';
    const r = load({ 'parcels.csv': editLine(par, lineOf(par, ',45,'), (l) => l.replace(',45,', ',0,')) });
    expect(r.ok).toBe(false);
    expect(Object.keys(r)).toEqual(['ok', 'issues']);
  });
});

const ORDER = ['towns.csv', 'enterprises.csv', 'parcels.csv', 'parks.csv', 'park-phases.csv', 'annual-data.csv'];
function rank(file: string): number {
  const i = ORDER.indexOf(file);
  return i < 0 ? ORDER.length : i;
}
