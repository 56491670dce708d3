/**
 * Hostile department files (恶意文件), made in memory for the tests and the
 * benchmark: each is one case of issue #23's "where it stands", and each
 * must be refused by a limit or read in linear time.
 */
import { zipOf } from './zip';

const enc = new TextEncoder();
const xml = (s: string) => enc.encode(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** 1-based column number → letters (16384 → XFD). */
export function columnLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export interface RawSheet {
  readonly name: string;
  /** The sheet's `<sheetData>` content. */
  readonly data: string | Uint8Array;
}

/**
 * A minimal .xlsx written by hand: sheets as given, optional shared strings;
 * relationship targets absolute (as openpyxl writes them) when `absolute`.
 */
export function rawXlsx(
  sheets: readonly RawSheet[],
  options: { sharedStrings?: Uint8Array; absolute?: boolean } = {},
): Uint8Array {
  const target = (i: number) => `${options.absolute ? '/xl/' : ''}worksheets/sheet${i + 1}.xml`;
  const entries = [
    {
      path: '[Content_Types].xml',
      data: xml(
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
      ),
    },
    {
      path: '_rels/.rels',
      data: xml(
        `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      path: 'xl/workbook.xml',
      data: xml(
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
          .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('')}</sheets></workbook>`,
      ),
    },
    {
      path: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="${PKG_REL}">${sheets
          .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${target(i)}"/>`)
          .join('')}${
          options.sharedStrings
            ? `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="${options.absolute ? '/xl/' : ''}sharedStrings.xml"/>`
            : ''
        }</Relationships>`,
      ),
    },
    ...(options.sharedStrings ? [{ path: 'xl/sharedStrings.xml', data: options.sharedStrings }] : []),
    ...sheets.map((s, i) => ({
      path: `xl/worksheets/sheet${i + 1}.xml`,
      data:
        typeof s.data === 'string'
          ? xml(`<worksheet xmlns="${MAIN}"><sheetData>${s.data}</sheetData></worksheet>`)
          : s.data,
    })),
  ];
  return zipOf(entries.map((e) => ({ ...e, method: 8 as const, descriptor: false })));
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
const num = (ref: string, stored: string) => `<c r="${ref}"><v>${stored}</v></c>`;

/** A sheet row of inline strings and stored numbers: `[column, 's' | 'n', text]`. */
export function rowXml(r: number, cells: readonly (readonly [number, 's' | 'n', string])[]): string {
  return `<row r="${r}">${cells
    .map(([c, t, v]) => (t === 's' ? inline(`${columnLetters(c)}${r}`, v) : num(`${columnLetters(c)}${r}`, v)))
    .join('')}</row>`;
}

/** 1,000 rows of a 税务 sheet, each with one number cell in column XFA (16,361): a few KB. */
export function farColumnXlsx(code: string, rows = 1000, column = 16361): Uint8Array {
  let data = rowXml(1, [
    [1, 's', '统一社会信用代码'],
    [2, 's', '实缴税金(元)'],
  ]);
  for (let r = 2; r <= rows + 1; r++) {
    data += rowXml(r, [
      [1, 's', code],
      [column, 'n', '1'],
    ]);
  }
  return rawXlsx([{ name: '税务', data }]);
}

/** A 税务 CSV of `rows` rows, every one the same firm. */
export function sameFirmCsv(code: string, rows = 3000): Uint8Array {
  const lines = ['统一社会信用代码,实缴税金(元)'];
  for (let i = 0; i < rows; i++) lines.push(`${code},${i + 1}`);
  return enc.encode(`${lines.join('\n')}\n`);
}

/** A CSV whose header row has `columns` empty columns after its one named column (a ~1 MB file). */
export function wideHeaderCsv(columns = 1_000_000): Uint8Array {
  return enc.encode(`统一社会信用代码${','.repeat(columns)}\n`);
}

/** A 税务 CSV of `rows` distinct codes (`codeOf(i)`). */
export function manyRowsCsv(rows: number, codeOf: (i: number) => string): Uint8Array {
  const parts: string[] = ['统一社会信用代码,实缴税金(元)\n'];
  for (let i = 0; i < rows; i++) parts.push(`${codeOf(i)},${(i % 1000) + 1}\n`);
  return enc.encode(parts.join(''));
}

/** An .xlsx whose shared-string table holds `count` empty strings (~400 KB for 10 million). */
export function sharedStringsXlsx(count = 10_000_000): Uint8Array {
  const one = enc.encode('<si><t></t></si>');
  const head = enc.encode(`<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${MAIN}" count="${count}">`);
  const tail = enc.encode('</sst>');
  const bytes = new Uint8Array(head.length + one.length * count + tail.length);
  bytes.set(head, 0);
  for (let i = 0; i < count; i++) bytes.set(one, head.length + i * one.length);
  bytes.set(tail, head.length + one.length * count);
  const data = rowXml(1, [
    [1, 's', '统一社会信用代码'],
    [2, 's', '实缴税金(元)'],
  ]);
  return rawXlsx([{ name: '税务', data }], { sharedStrings: bytes });
}

/** An .xlsx whose sheet inflates to `bytes` bytes of blanks: a zip bomb when large. */
export function inflatingXlsx(bytes: number): Uint8Array {
  const head = enc.encode(`<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>`);
  const tail = enc.encode('</sheetData></worksheet>');
  const data = new Uint8Array(head.length + bytes + tail.length).fill(0x20);
  data.set(head, 0);
  data.set(tail, head.length + bytes);
  return rawXlsx([{ name: '税务', data }]);
}

/**
 * The same zip with the central directory claiming `size` inflated bytes
 * for every entry: what a zip bomb's directory says (or a lie the reader
 * must not believe in the other direction).
 */
export function withDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

/** A workbook of `count` small sheets. */
export function manySheetsXlsx(count: number): Uint8Array {
  return rawXlsx(Array.from({ length: count }, (_, i) => ({ name: `S${i + 1}`, data: '' })));
}
