import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES, MujunError, RULES, ValidationError } from '../../src/index';
import { decimalString, nonNegativeQuantityField } from '../../src/model/fields';
import { parseWith } from '../../src/model/index';

/*
 * The catalog is the list of rule ids: every id a source file reports is in
 * it, and every id in it is reported somewhere. tsc checks the call sites
 * typed `RuleId` (invalid(), FieldIssue literals); this grep also covers zod
 * `params: { rule }` and `rule('…')`, which zod leaves untyped.
 */

const PACKAGES = join(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Literal rule ids at the places sources name a rule. */
const RULE_SITES = [
  /\brule:\s*'([^']+)'/g, // { field, rule: 'x', message } and params: { rule: 'x' }
  /\brule\(\s*'([^']+)'\s*\)/g, // scheme.ts's rule('x')
  /\b(?:invalid|issue|ref|badInput)\(\s*(?:[^,()]+|`[^`]*`),\s*'([^']+)'/g, // invalid(field, 'x', …)
  /\breport\(\s*[^,()]+,\s*(?:'[^']*'|[^,()]+),\s*'([^']+)'/g, // columns.ts's report(row, field, 'x', …)
];

/** zod's own issue codes, reported as the rule of a plain schema check (ZodRuleId). */
const ZOD_CODES = new Set([
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
]);

function usedRuleIds(files: readonly string[]): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const site of RULE_SITES) for (const m of text.matchAll(site)) used.set(m[1] as string, file);
  }
  return used;
}

const CATALOGS = [join(PACKAGES, 'core/src/rules.ts'), join(PACKAGES, 'graphql/src/rules.ts')];
const SOURCES = ['core', 'graphql', 'store', 'cli']
  .flatMap((p) => sources(join(PACKAGES, p, 'src')))
  // labels.ts's `rule:` is a label template, not a rule id.
  .filter((f) => !CATALOGS.includes(f) && !f.endsWith('core/src/labels.ts'));

/** Ids of the gateway's catalog (read as text: core's tests do not import the gateway). */
function gatewayIds(): string[] {
  const text = readFileSync(join(PACKAGES, 'graphql/src/rules.ts'), 'utf8');
  return [...text.matchAll(/^ {2}'([^']+)':/gm)].map((m) => m[1] as string);
}

describe('rule catalog', () => {
  const catalog = new Set([...Object.keys(RULES), ...gatewayIds()]);
  // Run rules are reported through badInput/refused with ids typed RunRule.
  // RUN_RULES lists the run rules' messages: an id counts as used where a transition reports it.
  const allText = SOURCES.filter((f) => !f.endsWith('core/src/runs/rules.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  it('lists every rule id a source reports', () => {
    const missing = [...usedRuleIds(SOURCES)]
      .filter(([id]) => !catalog.has(id) && !ZOD_CODES.has(id))
      .map(([id, f]) => `${id} (${f})`);
    expect(missing).toEqual([]);
  });

  it('reports every rule id it lists', () => {
    const unused = [...catalog].filter((id) => !allText.includes(`'${id}'`));
    expect(unused).toEqual([]);
  });

  it('a core id and a gateway id are never the same', () => {
    expect(gatewayIds().filter((id) => Object.hasOwn(RULES, id))).toEqual([]);
  });

  it('every MujunError code used is an ERROR_CODES family', () => {
    const codes = [...allText.matchAll(/(?:new MujunError|super)\(\s*'([^']+)'/g)].map((m) => m[1] as string);
    expect(codes.length).toBeGreaterThan(3);
    expect(codes.filter((c) => !Object.hasOwn(ERROR_CODES, c))).toEqual([]);
  });
});

describe('errors carry issues structurally', () => {
  const amount = z.object({ tax: decimalString });

  it('a decimal out of range keeps its rule and its message once', () => {
    const e = (() => {
      try {
        parseWith(amount, { tax: '1e50' });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues).toEqual([
      {
        field: 'tax',
        rule: 'decimal.range',
        message: 'out of range: at most 40 digits before the point and 40 after it',
      },
    ]);
    expect((e as ValidationError).message).toBe(
      '[mujun] tax: out of range: at most 40 digits before the point and 40 after it (decimal.range)',
    );
  });

  it('a float names its rule once', () => {
    expect(() => parseWith(amount, { tax: 0.1 })).toThrow(
      new ValidationError([
        {
          field: 'tax',
          rule: 'decimal.float',
          message: 'the JS number 0.1 has a fraction and is not exact; pass the value as a string',
        },
      ]),
    );
    try {
      parseWith(amount, { tax: 0.1 });
    } catch (err) {
      expect((err as Error).message).toBe(
        '[mujun] tax: the JS number 0.1 has a fraction and is not exact; pass the value as a string (decimal.float)',
      );
    }
  });

  it('a float in a quantity field (a union of string and { value, unit }) names its rule once', () => {
    const money = z.object({ tax: nonNegativeQuantityField('money', 'wanYuan') });
    expect(() => parseWith(money, { tax: 72.3 }, 'annualData')).toThrow(
      '[mujun] annualData.tax: the JS number 72.3 has a fraction and is not exact; pass the value as a string (decimal.float)',
    );
    try {
      parseWith(money, { tax: 72.3 }, 'annualData');
    } catch (err) {
      expect((err as Error).message).not.toMatch(/\(decimal\.float\).*\(decimal\.float\)/);
      expect((err as ValidationError).issues).toEqual([
        {
          field: 'annualData.tax',
          rule: 'decimal.float',
          message: 'the JS number 72.3 has a fraction and is not exact; pass the value as a string',
        },
      ]);
    }
  });

  it('a malformed decimal is decimal.format', () => {
    const r = amount.safeParse({ tax: 'abc' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      message: '"abc" is not a decimal number',
      params: { rule: 'decimal.format' },
    });
  });

  it('the prefix is added once', () => {
    expect(new MujunError('internal', '[mujun] already prefixed').message).toBe('[mujun] already prefixed');
    expect(new MujunError('internal', 'plain').message).toBe('[mujun] plain');
  });
});
