import { type Enterprise, safeParseUscc } from '@mujun/core';
import { USCC_CHARSET } from '@mujun/core/ids';
import { intakeMessage } from './messages';
import { addRowIssue as add, rowRef as ref, type SourceRow } from './rows';

/** Enterprise names compared without spaces, brackets' width or case: `桐乡市（永金）毛衫` = `桐乡市(永金)毛衫`. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000·.．,，]/g, '')
    .toLowerCase();
}

/**
 * Every valid 统一社会信用代码 one character away from `code` (both check
 * characters verified). A typo in one position is the commonest mistake;
 * when exactly one correction exists it is almost certainly the code meant.
 */
export function oneCharCorrections(code: string): string[] {
  const c = code.normalize('NFKC').trim().toUpperCase();
  if (c.length !== 18) return [];
  const out: string[] = [];
  for (let i = 0; i < 18; i++) {
    for (const ch of USCC_CHARSET) {
      if (ch === c[i]) continue;
      const candidate = c.slice(0, i) + ch + c.slice(i + 1);
      if (safeParseUscc(candidate).ok) out.push(candidate);
    }
  }
  return out;
}

const differsByOne = (a: string, b: string) => {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length && d < 2; i++) if (a[i] !== b[i]) d++;
  return d === 1;
};

/** The registry a row is reconciled against: enterprises by USCC and by normalised name. */
export interface ReconcileIndex {
  readonly byUscc: ReadonlyMap<string, Enterprise>;
  readonly byName: ReadonlyMap<string, readonly Enterprise[]>;
}

export function reconcileIndex(enterprises: Iterable<Enterprise>): ReconcileIndex {
  const list = [...enterprises];
  const byUscc = new Map<string, Enterprise>();
  for (const e of list) byUscc.set(e.uscc, e);
  let byName: Map<string, Enterprise[]> | undefined;
  return {
    byUscc,
    // Made on first use: a file whose rows all carry a known 统一社会信用代码 never asks a name
    // (and 100k registry names are not normalised and held for nothing).
    get byName() {
      if (byName) return byName;
      byName = new Map<string, Enterprise[]>();
      for (const e of list) {
        const k = normaliseName(e.name);
        const same = byName.get(k);
        if (same) same.push(e);
        else byName.set(k, [e]);
      }
      return byName;
    },
  };
}

/**
 * Suggestions for a code that fails its check characters: a registry code
 * one character away whose name matches the row's; else the registry codes
 * one character away; else the single valid code one correction away.
 */
function suggestionsFor(code: string, name: string, index: ReconcileIndex): string[] {
  const c = code.normalize('NFKC').trim().toUpperCase();
  // The registry codes one character away, looked up (18 × 31 candidates), not searched for.
  const near: Enterprise[] = [];
  if (c.length === 18) {
    for (let i = 0; i < 18; i++) {
      for (const ch of USCC_CHARSET) {
        if (ch === c[i]) continue;
        const e = index.byUscc.get(c.slice(0, i) + ch + c.slice(i + 1));
        if (e && differsByOne(e.uscc, c)) near.push(e);
      }
    }
  }
  const named = near.filter((e) => name !== '' && normaliseName(e.name) === normaliseName(name));
  if (named.length > 0) return named.map((e) => e.uscc);
  if (near.length > 0) return near.map((e) => e.uscc);
  const corrections = oneCharCorrections(c);
  return corrections.length === 1 ? corrections : [];
}

/**
 * Resolves each row to an enterprise of the registry: a valid code that the
 * registry holds; a bad code gets suggestions; a row without a code is
 * matched by name and flagged; a firm outside `allowedTowns` is refused.
 * Then two rows of one source for the same firm are a conflict naming both.
 * Issues are added to the rows; the result maps each resolved row to its USCC.
 */
export function reconcileRows(
  rows: readonly SourceRow[],
  index: ReconcileIndex,
  allowedTowns?: ReadonlySet<string>,
): Map<SourceRow, string> {
  const resolved = new Map<SourceRow, string>();
  // One search per distinct bad code: a file repeating one bad code 3,000 times searches once.
  const suggested = new Map<string, string[]>();
  for (const r of rows) {
    if (r.usccHeader !== '' && r.issues.some((i) => i.column === r.usccHeader)) {
      lostDigitsSuggestion(r, index);
      continue;
    }
    let enterprise: Enterprise | undefined;
    if (r.usccText !== '') {
      const parsed = safeParseUscc(r.usccText);
      if (!parsed.ok) {
        const key = `${r.usccText}\u0000${r.name}`;
        let suggestions = suggested.get(key);
        if (!suggestions) {
          suggestions = suggestionsFor(r.usccText, r.name, index);
          suggested.set(key, suggestions);
        }
        for (const fi of parsed.issues) {
          add(r, {
            column: r.usccHeader,
            value: r.usccText,
            rule: fi.rule,
            message: fi.message,
            ...(suggestions.length > 0 ? { suggestions } : {}),
          });
        }
        continue;
      }
      enterprise = index.byUscc.get(parsed.value);
      if (!enterprise) {
        const byName = index.byName.get(normaliseName(r.name)) ?? [];
        add(r, {
          column: r.usccHeader,
          value: r.usccText,
          rule: 'reconcile.unknownEnterprise',
          message: intakeMessage('reconcile.unknownEnterprise', parsed.value),
          ...(byName.length > 0 ? { suggestions: byName.map((e) => e.uscc) } : {}),
        });
        continue;
      }
      if (r.name !== '' && r.name !== enterprise.name && normaliseName(r.name) !== normaliseName(enterprise.name)) {
        add(r, {
          severity: 'warning',
          column: r.nameHeader,
          value: r.name,
          rule: 'reconcile.nameMismatch',
          message: intakeMessage('reconcile.nameMismatch', enterprise.name),
        });
      }
    } else if (r.name === '') {
      add(r, { column: '', value: '', rule: 'reconcile.noKey', message: intakeMessage('reconcile.noKey') });
      continue;
    } else {
      const matches = index.byName.get(normaliseName(r.name)) ?? [];
      if (matches.length !== 1) {
        const rule = matches.length === 0 ? 'reconcile.nameNotFound' : 'reconcile.nameAmbiguous';
        add(r, {
          column: r.nameHeader,
          value: r.name,
          rule,
          message: intakeMessage(rule),
          ...(matches.length > 0 ? { suggestions: matches.map((e) => e.uscc) } : {}),
        });
        continue;
      }
      enterprise = matches[0] as Enterprise;
      add(r, {
        severity: 'warning',
        column: r.usccHeader || r.nameHeader,
        value: '',
        rule: 'reconcile.matchedByName',
        message: intakeMessage('reconcile.matchedByName', enterprise.uscc),
        suggestions: [enterprise.uscc],
      });
    }
    if (allowedTowns && !allowedTowns.has(enterprise.townCode)) {
      add(r, {
        column: r.usccHeader || r.nameHeader,
        value: r.usccText || r.name,
        rule: 'reconcile.townNotAllowed',
        message: intakeMessage('reconcile.townNotAllowed', enterprise.townCode),
      });
      continue;
    }
    resolved.set(r, enterprise.uscc);
  }
  // Two rows of one source for one firm: neither can be trusted over the other. The group is
  // reported once, on its first row, naming the others; each other row names the first only,
  // so a file of 3,000 rows of one firm makes 3,000 issues, not 3,000 lists of 3,000.
  // The first row of each source and firm; a list only for a firm given twice (no key string
  // and no one-row list for each of 100k rows).
  const firsts = new Map<string, Map<string, SourceRow>>();
  const repeats = new Map<SourceRow, SourceRow[]>();
  for (const [r, uscc] of resolved) {
    let bySource = firsts.get(r.source);
    if (!bySource) {
      bySource = new Map();
      firsts.set(r.source, bySource);
    }
    const first = bySource.get(uscc);
    if (!first) {
      bySource.set(uscc, r);
      continue;
    }
    const others = repeats.get(first);
    if (others) others.push(r);
    else repeats.set(first, [r]);
  }
  const where = (o: SourceRow) => `${o.file}${o.sheet ? `[${o.sheet}]` : ''} row ${o.row}`;
  for (const [first, others] of repeats) {
    const uscc = resolved.get(first) ?? '';
    add(first, {
      column: first.usccHeader || first.nameHeader,
      value: first.usccText || first.name,
      rule: 'reconcile.duplicate',
      message: intakeMessage(
        'reconcile.duplicate',
        others.length <= 10
          ? `${uscc} also at ${others.map(where).join(', ')}`
          : `${uscc} also at ${others.slice(0, 10).map(where).join(', ')} and ${others.length - 10} more rows`,
      ),
      related: others.map(ref),
    });
    const firstRef = [ref(first)];
    for (const r of others) {
      add(r, {
        column: r.usccHeader || r.nameHeader,
        value: r.usccText || r.name,
        rule: 'reconcile.duplicate',
        message: intakeMessage('reconcile.duplicate', `${uscc} also at ${where(first)}`),
        related: firstRef,
      });
    }
  }
  return resolved;
}

/**
 * A code typed into a number cell (`cell.numberLostDigits`) cannot be
 * corrected from its digits: the suggestion is the registry firm whose name
 * is exactly the row's (normalised as everywhere), when there is one.
 */
function lostDigitsSuggestion(r: SourceRow, index: ReconcileIndex): void {
  const at = r.issues.findIndex((i) => i.rule === 'cell.numberLostDigits');
  const issue = r.issues[at];
  if (!issue || r.name === '') return;
  const named = index.byName.get(normaliseName(r.name)) ?? [];
  if (named.length === 0) return;
  r.issues[at] = { ...issue, suggestions: named.map((e) => e.uscc) };
}
