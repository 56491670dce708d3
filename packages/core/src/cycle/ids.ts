import { parseUscc } from '../ids/uscc';
import { badInput } from '../runs/rules';

/** The longest id a cycle step accepts (run, objection, scheme ids). */
export const MAX_ID_LENGTH = 200;

// C0 controls and DEL: never part of an id.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A run, objection or scheme id as every step reads it: Unicode NFKC (full-width
 * forms folded), surrounding whitespace trimmed. Ids are compared after this,
 * so `" ３３０４８３-2018-ab "` names the run `330483-2018-ab`.
 * @throws ValidationError naming `field` (rule `run.id`) when it is not a non-empty text
 *   of at most `MAX_ID_LENGTH` characters without control characters
 */
export function canonicalId(input: unknown, field: string): string {
  if (typeof input !== 'string') throw badInput(field, 'run.id', 'not a text');
  if (CONTROL.test(input)) throw badInput(field, 'run.id', 'holds a control character');
  const id = input.normalize('NFKC').trim();
  if (id === '' || id.length > MAX_ID_LENGTH) throw badInput(field, 'run.id', `${id.length} characters`);
  return id;
}

/**
 * A 统一社会信用代码 as every step reads it: NFKC, trimmed, upper-cased, then
 * checked (check character included). @throws ValidationError naming `field`
 */
export function canonicalUscc(input: unknown, field: string): string {
  if (typeof input !== 'string') throw badInput(field, 'run.id', 'not a text');
  return parseUscc(input, field);
}
