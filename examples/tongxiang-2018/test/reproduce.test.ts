import { describe, expect, it } from 'vitest';
import { DatasetError, readDataDir } from '../src/data';
import { formatReproduction, reproduce } from '../src/reproduce';

const files = readDataDir();

/** The files with one line of one file changed (or removed, when `edit` returns undefined). */
function withLine(name: string, match: (line: string) => boolean, edit: (line: string) => string | undefined) {
  const lines = (files[name] ?? '').split('\n');
  const i = lines.findIndex(match);
  if (i < 1) throw new Error(`no such line in ${name}`);
  const next = edit(lines[i] ?? '');
  const out = [...lines.slice(0, i), ...(next === undefined ? [] : [next]), ...lines.slice(i + 1)];
  return { files: { ...files, [name]: out.join('\n') }, line: i + 1, text: lines[i] ?? '' };
}

function datasetIssues(f: Record<string, string>) {
  try {
    reproduce(f);
  } catch (e) {
    if (e instanceof DatasetError) return e.issues;
    throw e;
  }
  throw new Error('expected the records to be refused');
}

describe('reproduce-2018', () => {
  const r = reproduce(files);

  it('reproduces the seven published figures exactly', () => {
    expect(r.figures.map((x) => [x.label, x.published, x.computed, x.ok])).toEqual([
      ['整治低散乱企业(作坊)', '4692家', '4692家', true],
      ['淘汰落后产能', '20项', '20项', true],
      ['僵尸企业处置', '11家', '11家', true],
      ['腾退签约', '4574亩', '4574亩', true],
      ['国土复垦立项', '2562亩', '2562亩', true],
      ['新建小微企业园', '47万平方米', '470000平方米', true],
      ['小微企业入园', '585家', '585家', true],
    ]);
  });

  it("reproduces the article's details on 石门", () => {
    expect(r.details.map((x) => [x.label, x.computed, x.ok])).toEqual([
      ['石门 崇安砖瓦厂 签约→复耕', '4家 45亩 30天', true],
      ['石门 小微企业入园', '54家', true],
      ['石门 每周量化排序', expect.stringMatching(/^52周中最低第[123]名/), true],
    ]);
    expect(r.ok).toBe(true);
    const shimen = r.byTown.find((t) => t.townName === '石门');
    expect(shimen?.figures.find((f) => f.measure === 'parkEntries')?.value).toBe('54');
  });

  it('breaks the figures down by town, adding up to the city', () => {
    expect(r.byTown).toHaveLength(11);
    const signed = r.byTown.map((t) => t.figures.find((f) => f.measure === 'vacatingSigned')?.value ?? '0');
    const hundredths = signed.map((v) => Math.round(Number(v) * 100));
    expect(hundredths.reduce((a, b) => a + b, 0)).toBe(457400);
    expect(formatReproduction(r)).toContain('全部一致 ✓');
  });

  it('reports the line that no longer matches when a 签约 row is deleted', () => {
    // A parcel signed in one event and not demolished yet, so the rest of the ledger stays valid.
    const events = (files['events-2018.csv'] ?? '').split('\n');
    const parcelCol = events[0]?.split(',').indexOf('parcel_id') ?? -1;
    const stageRows = events.filter((l) => l.includes(',vacatingStage,'));
    const count = (parcel: string) => stageRows.filter((l) => l.split(',')[parcelCol] === parcel).length;
    const lone = stageRows.find((l) => l.includes(',signed,') && count(l.split(',')[parcelCol] ?? '') === 1) ?? '';
    const areaCol = events[0]?.split(',').indexOf('area_mu') ?? -1;
    const area = Number(lone.split(',')[areaCol]);
    const edited = withLine(
      'events-2018.csv',
      (l) => l === lone,
      () => undefined,
    );
    const bad = reproduce(edited.files);
    expect(bad.ok).toBe(false);
    const rows = bad.figures.filter((x) => !x.ok);
    expect(rows.map((x) => x.label)).toEqual(['腾退签约']);
    expect(rows[0]?.published).toBe('4574亩');
    expect(rows[0]?.computed).toBe(`${Number((4574 - area).toFixed(2))}亩`);
    expect(formatReproduction(bad)).toMatch(/腾退签约\s+4574亩\s+[\d.]+亩\s+✗/);
  });

  it('refuses malformed rows with file, line and column, and loads nothing', () => {
    let f: Record<string, string> = files;
    const edit = (name: string, match: (l: string, n: number) => boolean, change: (cells: string[]) => void) => {
      const lines = (f[name] ?? '').split('\n');
      const i = lines.findIndex((l, n) => n > 0 && match(l, n));
      const cells = (lines[i] ?? '').split(',');
      change(cells);
      lines[i] = cells.join(',');
      f = { ...f, [name]: lines.join('\n') };
      return i + 1;
    };
    // A wrong check character, a negative area, a town outside 桐乡, a date in 2019 among the 2018 events.
    const usccLine = edit(
      'enterprises.csv',
      (l) => l.startsWith('91'),
      (c) => {
        const u = c[0] ?? '';
        c[0] = `${u.slice(0, 17)}${u[17] === '0' ? '1' : '0'}`;
      },
    );
    const townLine = edit(
      'enterprises.csv',
      (_, n) => n === 5,
      (c) => {
        c[2] = '330483199000';
      },
    );
    const areaLine = edit(
      'parcels.csv',
      (l) => l.includes(',outOfParkLowScattered'),
      (c) => {
        c[2] = `-${c[2]}`;
      },
    );
    const dateLine = edit(
      'events-2018.csv',
      (l) => l.includes(',zombieDisposed,'),
      (c) => {
        c[1] = '2019-01-15';
      },
    );
    const issues = datasetIssues(f);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'enterprises.csv', line: usccLine, field: 'uscc', rule: 'uscc.checkDigit' }),
        expect.objectContaining({
          file: 'enterprises.csv',
          line: townLine,
          field: 'town_code',
          rule: 'reference.town',
        }),
        expect.objectContaining({ file: 'parcels.csv', line: areaLine, field: 'area_mu', rule: 'positive' }),
        expect.objectContaining({
          file: 'events-2018.csv',
          line: dateLine,
          field: 'date',
          rule: 'event.dateOutOfYear',
          value: '2019-01-15',
        }),
      ]),
    );
  });
});
