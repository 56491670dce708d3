import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import canonicalize from 'canonicalize';
import { ANNUAL_DATA_FIELDS, amountAt, annualDataColumns } from '../evaluation/columns';
import type { EvaluationInput } from '../evaluation/result';
import { enterpriseToInput, parcelToInput } from '../model/serialize';

/**
 * Canonical JSON (RFC 8785, JCS: keys sorted, no whitespace, numbers in
 * shortest form) of a JSON value: two documents that mean the same give the
 * same text, so hashes of it identify versions.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('[mujun] canonicalJson: the value has no JSON form');
  return text;
}

/** SHA-256 of a text (UTF-8), lower-case hex. Pure JS (`@noble/hashes`), so the core stays platform-free. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** 方案版本: `sha256:` + the SHA-256 of the scheme document's canonical JSON. */
export function schemeVersion(document: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(document))}`;
}

const byKey = (a: { k: string }, b: { k: string }) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0);

/**
 * 数据版本: a hash of exactly what an evaluation of `year` reads — the
 * enterprises, their annual data of that year, parcels, tenancies and
 * facts — in input form,
 * sorted by key. The same data gives the same revision whatever the order
 * or the store it came from.
 */
export function dataRevision(input: EvaluationInput, year: number): string {
  const enterprises = input.enterprises.map((e) => ({ k: e.uscc, v: enterpriseToInput(e) })).sort(byKey);
  // Read through the columns evaluate() reads, so records and the bulk
  // columnar input of the same figures give the same revision.
  const columns = input.annualDataColumns ?? annualDataColumns(input.annualData ?? []);
  const annual: { k: string; v: Record<string, string | number> }[] = [];
  for (let i = 0; i < columns.length; i++) {
    if (columns.year[i] !== year) continue;
    const uscc = columns.uscc[i] as string;
    const v: Record<string, string | number> = { uscc, year, scale: columns.scale[i] as string };
    for (const f of ANNUAL_DATA_FIELDS) {
      const amount = amountAt(columns.fields[f], i);
      if (amount !== undefined) v[f] = amount.toString();
    }
    annual.push({ k: `${uscc}:${year}`, v });
  }
  annual.sort(byKey);
  const parcels = (input.parcels ?? []).map((p) => ({ k: p.id, v: parcelToInput(p) })).sort(byKey);
  const tenancies = (input.tenancies ?? []).map((t) => ({ k: `${t.tenant}:${t.landlord}`, v: t })).sort(byKey);
  const doc = {
    year,
    enterprises: enterprises.map((x) => x.v),
    annualData: annual.map((x) => x.v),
    parcels: parcels.map((x) => x.v),
    tenancies: tenancies.map((x) => x.v),
    facts: input.facts ?? {},
  };
  return `sha256:${sha256Hex(canonicalJson(doc))}`;
}
